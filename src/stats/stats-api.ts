import type { Router } from 'express';
import { roundIdParam } from '../api';
import type { Services } from '../services';

/** /api/v1 statistics, admin and coordinator only (others get 403, like the status board). */
export function statsApi(services: Services): (r: Router) => void {
  return (router) => {
    router.get('/rounds/:id/statistics', (req, res) => {
      const report = services.stats.roundReport(req.actor!, roundIdParam(req.params.id));
      res.json({ round: report.round, totals: report.total, tables: report.tables });
    });
    router.get('/statistics/trends', (req, res) => {
      const trends = services.stats.trends(req.actor!);
      res.json({ rounds: trends.points, tables: trends.tables, notStarted: trends.notStarted });
    });
  };
}
