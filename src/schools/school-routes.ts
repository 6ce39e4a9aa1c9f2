import { Router, type Request } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import { flash, handleForm, idParam } from '../web';
import { SCHOOL_TYPES } from './school-repository';

export function schoolRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/skolor', ...requireRole('admin'));
  const listLocals = (req: Request) => ({ title: t('schools.title'), schools: services.schools.list(req.actor!), types: SCHOOL_TYPES });

  router.get('/admin/skolor', (req, res) => res.render('schools/list', { ...listLocals(req), values: { type: 'grundskola' } }));

  router.post('/admin/skolor', async (req, res) => {
    const values = req.body as Record<string, unknown>;
    if (await handleForm(res, 'schools/list', listLocals(req), values, () => services.schools.create(req.actor!, values))) {
      flash(req, t('schools.created'));
      res.redirect(303, '/admin/skolor');
    }
  });

  router.get('/admin/skolor/:id', (req, res) => {
    const school = services.schools.get(req.actor!, idParam(req));
    res.render('schools/edit', { title: school.name, school, types: SCHOOL_TYPES, values: school });
  });

  router.post('/admin/skolor/:id', async (req, res) => {
    const school = services.schools.get(req.actor!, idParam(req));
    const body = req.body as Record<string, unknown>;
    const input = { name: body.name, type: body.type, active: body.active === 'on' };
    if (
      await handleForm(res, 'schools/edit', { title: school.name, school, types: SCHOOL_TYPES }, input, () =>
        services.schools.update(req.actor!, school.id, input),
      )
    ) {
      flash(req, t('schools.updated'));
      res.redirect(303, '/admin/skolor');
    }
  });
  return router;
}
