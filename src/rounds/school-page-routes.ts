import { Router } from 'express';
import { DateTime } from 'luxon';
import { SCHOOL_TIME_ZONE, formatSwedishDay } from '../calendar';
import { formatDateTime } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import { idParam } from '../web';
import { SCHOOL_STATUS_SV } from './school-report-service';

/** "17 augusti 2026" (docs/glossary.md: dates in sentences carry their year). A timestamp is read as its day in Stockholm. */
export const longDate = (iso: string): string =>
  formatSwedishDay(iso.length > 10 ? DateTime.fromISO(iso, { zone: 'utc' }).setZone(SCHOOL_TIME_ZONE).toISODate()! : iso);

/**
 * The school's page in a round (issue 15): its state, the upload button, its flagged
 * pupils with what has been done, and the confirmation. Where a principal's start page
 * and a committed upload lead. Thin: StartPages.school reads and scopes everything.
 */
export function schoolPageRoutes(services: Services): Router {
  const router = Router();
  router.get('/omgangar/:id/skolor/:code', ...requireRole('admin', 'coordinator', 'principal'), (req, res) => {
    const raw = Number(req.query.sida ?? 1);
    const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
    const view = services.startPages.school(req.actor!, idParam(req), String(req.params.code), page);
    res.render('rounds/school', {
      title: `${view.status.school.name} – ${view.round.name}`,
      ...view,
      statusNames: SCHOOL_STATUS_SV,
      isAdmin: req.actor!.roles.includes('admin'),
      isPrincipal: req.actor!.roles.includes('principal'),
      longDate,
      formatDateTime,
    });
  });
  return router;
}
