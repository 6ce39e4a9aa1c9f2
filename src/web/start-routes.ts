import { Router } from 'express';
import { startPathFor } from '../shared';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireLogin, requireRole } from './middleware/auth';

/** The landing page of each role. Later issues fill them with rounds, queues and referrals. */
export function startRoutes(services: Services): Router {
  const router = Router();
  router.get('/', (req, res) => res.redirect(303, req.actor ? startPathFor(req.actor) : '/login'));
  router.get('/admin', ...requireRole('admin'), (_req, res) => res.render('start/admin', { title: t('start.admin.title') }));
  router.get('/samordnare', ...requireRole('coordinator'), (_req, res) => res.render('start/coordinator', { title: t('start.coordinator.title') }));
  router.get('/rektor', ...requireRole('principal'), (req, res) =>
    res.render('start/principal', { title: t('start.principal.title'), schools: services.schools.list(req.actor!) }),
  );
  // /socialtjanst is the referral inbox (src/referrals/referral-routes.ts).
  router.get('/ingen-roll', requireLogin, (_req, res) => res.render('start/no-role', { title: t('start.noRole.title') }));
  return router;
}
