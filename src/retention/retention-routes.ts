import { Router, type Request } from 'express';
import type { Services } from '../services';
import { requireRole } from '../web';
import { flash, handleForm } from '../web';
import { formatDateTime, t } from '../i18n';

/** The admin's retention page: the periods, the next run's preview and the last run's report. */
export function retentionRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/gallring', ...requireRole('admin'));
  const locals = (req: Request) => ({
    title: t('retention.title'),
    formatDateTime,
    preview: services.retention.preview(req.actor!),
    last: services.retention.lastReport(req.actor!),
    lastBackupAt: services.backups.lastBackupAt(),
  });

  router.get('/admin/gallring', (req, res) => {
    const s = services.retention.settings();
    res.render('retention/index', { ...locals(req), values: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])) });
  });

  router.post('/admin/gallring', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
    const values = {
      roundDataMonths: str('roundDataMonths'),
      closedCaseMonths: str('closedCaseMonths'),
      referralCaseMonths: str('referralCaseMonths'),
      auditYears: str('auditYears'),
    };
    if (await handleForm(res, 'retention/index', locals(req), values, () => services.retention.updateSettings(req.actor!, values))) {
      flash(req, t('retention.saved'));
      res.redirect(303, '/admin/gallring');
    }
  });
  return router;
}
