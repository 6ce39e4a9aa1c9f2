import { Router, type Request } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import type { AuditFilter } from './audit-repository';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function filterFrom(req: Request): AuditFilter {
  const q = req.query as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const outcome = str(q.outcome);
  return {
    actor: str(q.actor),
    action: str(q.action),
    outcome: outcome === 'success' || outcome === 'failure' || outcome === 'denied' ? outcome : undefined,
    from: str(q.from) && isoDate.test(str(q.from)!) ? str(q.from) : undefined,
    to: str(q.to) && isoDate.test(str(q.to)!) ? str(q.to) : undefined,
  };
}

export function auditRoutes(services: Services): Router {
  const router = Router();
  // On each route, not router.use('/admin/logg'): a prefix guard does not cover
  // '/admin/logg.csv' (not a sub-path), which is how the export once went unguarded.
  const adminOnly = requireRole('admin');

  router.get('/admin/logg', ...adminOnly, (req, res) => {
    const filter = filterFrom(req);
    const page = Math.max(1, Number(req.query.sida) || 1);
    const result = services.audit.list(req.actor!, filter, page);
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    res.render('audit/list', { title: t('audit.title'), ...result, page, filter, query });
  });

  router.get('/admin/logg.csv', ...adminOnly, (req, res) => {
    const lines = services.audit.exportCsv(req.actor!, filterFrom(req));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="saknad-logg.csv"');
    for (const line of lines) res.write(line);
    res.end();
  });
  return router;
}
