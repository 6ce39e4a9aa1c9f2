import { Router } from 'express';
import { swedishList } from '../calendar';
import { startPathFor } from '../shared';
import { formatDateTime, t } from '../i18n';
import type { Services } from '../services';
import { SCHOOL_STATUS_SV, longDate } from '../rounds';
import { requireLogin, requireRole } from '../web';

/** The landing page of each role: what to do now (issue 15). Thin: the lists come from StartPages. */
export function startRoutes(services: Services): Router {
  const router = Router();
  router.get('/', (req, res) => res.redirect(303, req.actor ? startPathFor(req.actor) : '/login'));
  router.get('/admin', ...requireRole('admin'), (req, res) =>
    res.render('start/admin', { title: t('start.admin.title'), rounds: services.startPages.admin(req.actor!), longDate }),
  );
  router.get('/samordnare', ...requireRole('coordinator'), (req, res) =>
    res.render('start/coordinator', { title: t('start.coordinator.title'), ...services.startPages.coordinator(req.actor!), formatDateTime }),
  );
  router.get('/rektor', ...requireRole('principal'), (req, res) =>
    res.render('start/principal', {
      title: t('start.principal.title'),
      lines: services.startPages.principal(req.actor!),
      // Which schools the principal answers for, also when no round is open.
      schools: services.schools.list(req.actor!),
      statusNames: SCHOOL_STATUS_SV,
      longDate,
      swedishList,
    }),
  );
  // /socialtjanst is the social services start page: their referral inbox, unconfirmed first (src/referrals/referral-routes.ts).
  router.get('/ingen-roll', requireLogin, (_req, res) => res.render('start/no-role', { title: t('start.noRole.title') }));
  return router;
}
