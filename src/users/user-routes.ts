import { Router, type Request } from 'express';
import { ROLES } from '../shared';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import { flash, handleForm, idParam } from '../web';

export function userRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/anvandare', ...requireRole('admin'));
  const formLocals = (req: Request, title: string, user: unknown = null) => ({
    title,
    user,
    roles: ROLES,
    schools: services.schools.list(req.actor!),
  });
  const input = (body: Record<string, unknown>) => ({
    email: body.email,
    name: body.name,
    roles: body.roles,
    schoolCodes: body.schoolCodes,
    active: body.active === 'on',
  });

  router.get('/admin/anvandare', (req, res) => {
    const schools = new Map(services.schools.list(req.actor!).map((s) => [s.id, s]));
    res.render('users/list', { title: t('users.title'), users: services.users.list(req.actor!), schools });
  });

  router.get('/admin/anvandare/ny', (req, res) =>
    res.render('users/form', { ...formLocals(req, t('users.add')), values: { roles: [], schoolCodes: [], active: true } }),
  );

  router.post('/admin/anvandare', async (req, res) => {
    const values = { ...input(req.body as Record<string, unknown>), active: true };
    let id = 0;
    const ok = await handleForm(res, 'users/form', formLocals(req, t('users.add')), values, async () => {
      id = (await services.users.create(req.actor!, values)).id;
    });
    if (!ok) return;
    flash(req, t('users.created'));
    res.redirect(303, `/admin/anvandare/${id}`);
  });

  router.get('/admin/anvandare/:id', (req, res) => {
    const user = services.users.get(req.actor!, idParam(req));
    const schools = services.schools.list(req.actor!);
    const values = {
      ...user,
      roles: [...new Set(user.roles.map((r) => r.role))],
      schoolCodes: user.roles.filter((r) => r.schoolId !== null).map((r) => schools.find((s) => s.id === r.schoolId)?.code),
    };
    res.render('users/form', { ...formLocals(req, t('users.edit'), user), values });
  });

  router.post('/admin/anvandare/:id', async (req, res) => {
    const user = services.users.get(req.actor!, idParam(req));
    const values = { ...input(req.body as Record<string, unknown>), email: user.email };
    if (await handleForm(res, 'users/form', formLocals(req, t('users.edit'), user), values, () => services.users.update(req.actor!, user.id, values))) {
      flash(req, t('users.updated'));
      res.redirect(303, '/admin/anvandare');
    }
  });

  router.post('/admin/anvandare/:id/lank', async (req, res) => {
    const id = idParam(req);
    await services.users.sendSetPasswordLink(req.actor!, id);
    flash(req, t('users.linkSent'));
    res.redirect(303, `/admin/anvandare/${id}`);
  });
  return router;
}
