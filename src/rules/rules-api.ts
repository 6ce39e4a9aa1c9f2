import type { Router } from 'express';
import type { Services } from '../services';
import { roundIdParam } from '../api';
import { flagsJson } from './flag-json';

/**
 * GET /api/v1/rounds/{id}/flags[?school=&severity=&page=&limit=] — flagged pupils with rules
 * and evidence, scoped to the caller's schools, a page at a time (50 by default, `limit` up
 * to 200), worst first; `total`, `page`, `pages` and `limit` say how many there are in all.
 */
export function rulesApi(services: Services): (r: Router) => void {
  return (router) => {
    router.get('/rounds/:id/flags', (req, res) => {
      const roundId = roundIdParam(req.params.id);
      const { flagged, filter: _filter, ...paging } = services.rules.flagPage(req.actor!, roundId, req.query);
      res.json({ ...flagsJson(roundId, flagged), ...paging });
    });
  };
}
