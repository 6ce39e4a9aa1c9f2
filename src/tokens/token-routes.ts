import { Router, type Request } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireLogin } from '../web';
import { flash, handleForm, idParam } from '../web';

export function tokenRoutes(services: Services): Router {
  const router = Router();
  router.use('/konto/api-nycklar', requireLogin);
  const locals = (req: Request) => ({ title: t('tokens.title'), tokens: services.tokens.list(req.actor!), created: null });

  router.get('/konto/api-nycklar', (req, res) => res.render('tokens/list', locals(req)));

  router.post('/konto/api-nycklar', async (req, res) => {
    const values = { name: (req.body as Record<string, unknown>).name };
    let created: string | null = null;
    const ok = await handleForm(res, 'tokens/list', locals(req), values, () => {
      created = services.tokens.create(req.actor!, values).token;
    });
    // The token is shown in this response only; it is never stored in clear text.
    if (ok) res.status(201).render('tokens/list', { ...locals(req), created });
  });

  router.post('/konto/api-nycklar/:id/aterkalla', (req, res) => {
    services.tokens.revoke(req.actor!, idParam(req));
    flash(req, t('tokens.revoked'));
    res.redirect(303, '/konto/api-nycklar');
  });
  return router;
}
