import type { Router } from 'express';
import type { Services } from '../services';
import { roundIdParam } from '../api';
import type { WatchEntry } from './watchlist-repository';

const json = (e: WatchEntry) => ({
  id: e.id,
  school: e.schoolCode,
  pupil: {
    personalNumber: e.personalNumber,
    name: e.protectedIdentity ? null : [e.firstName, e.lastName].filter(Boolean).join(' ') || null,
    protected: e.protectedIdentity,
  },
  reasons: e.reasons,
  leave: e.leaveTo ? { from: e.leaveFrom, to: e.leaveTo, destination: e.leaveDestination, decision: e.leaveDecision } : null,
  otherText: e.otherText,
  referralMade: e.referralMade,
  createdAt: e.createdAt,
});

/** GET|POST /api/v1/rounds/{id}/watchlist — scoped like the page; POST names the school in `school`. */
export function watchListApi(services: Services): (r: Router) => void {
  return (router) => {
    router.get('/rounds/:id/watchlist', (req, res) => {
      const roundId = roundIdParam(req.params.id);
      res.json({ round: roundId, entries: services.watchList.list(req.actor!, roundId).map(json) });
    });
    router.post('/rounds/:id/watchlist', (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const entry = services.watchList.add(req.actor!, roundIdParam(req.params.id), String(body.school ?? ''), body);
      res.status(201).json(json(entry));
    });
  };
}
