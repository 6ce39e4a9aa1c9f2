import type { Router } from 'express';
import type { Services } from '../services';
import { roundIdParam } from '../api';
import { SCHOOL_STATUS_SV, type SchoolStatus } from './school-report-service';

/** /api/v1 rounds: scoped like the pages (a principal sees the rounds of their schools). */
export function roundApi(services: Services): (r: Router) => void {
  return (router) => {
    router.get('/rounds', (req, res) => {
      res.json({ rounds: services.rounds.list(req.actor!) });
    });
    router.get('/rounds/:id', (req, res) => {
      const round = services.rounds.get(req.actor!, roundIdParam(req.params.id));
      const codes = services.schools
        .list(req.actor!)
        .filter((s) => round.schoolIds.includes(s.id))
        .map((s) => s.code);
      const { schoolIds: _ids, ...rest } = round;
      res.json({ ...rest, schools: codes, window: services.rounds.windowDates(round) });
    });
    router.get('/rounds/:id/schools', (req, res) => {
      const roundId = roundIdParam(req.params.id);
      const status = typeof req.query.status === 'string' && req.query.status in SCHOOL_STATUS_SV ? (req.query.status as SchoolStatus) : undefined;
      // counts: schools per status on the whole board; `schools` is filtered by `?status=`.
      res.json({ round: roundId, ...services.schoolReports.boardWithCounts(req.actor!, roundId, status) });
    });
    router.post('/rounds/:id/schools/:code/confirm', async (req, res) => {
      const report = await services.schoolReports.confirmAndNotify(req.actor!, roundIdParam(req.params.id), String(req.params.code), req.body);
      res.status(201).json({
        round: report.roundId,
        school: req.params.code,
        confirmedAt: report.confirmedAt,
        nilReport: report.nilReport,
        flaggedPupils: report.flaggedPupils,
      });
    });
  };
}
