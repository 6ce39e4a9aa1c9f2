import type { Router } from 'express';
import type { Services } from '../services';
import { roundIdParam } from '../api';
import { flagsJson } from './flag-json';

/** GET /api/v1/rounds/{id}/flags — flagged pupils with rules and evidence, scoped to the caller's schools. */
export function rulesApi(services: Services): (r: Router) => void {
  return (router) => {
    router.get('/rounds/:id/flags', (req, res) => {
      const roundId = roundIdParam(req.params.id);
      res.json(flagsJson(roundId, services.rules.listFlags(req.actor!, roundId)));
    });
  };
}
