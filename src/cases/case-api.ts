import type { Router } from 'express';
import type { Services } from '../services';
import { idFromPath as objectIdParam } from '../api';

/**
 * /api/v1 cases and referrals, scoped like the pages: the queue for coordinators (and
 * admins), a case for whoever may see it, referrals for social services of the unit.
 */
export function caseApi(services: Services): (r: Router) => void {
  return (router) => {
    router.get('/cases', (req, res) => {
      const page = services.cases.queue(req.actor!, req.query);
      res.json(page);
    });
    router.get('/cases/:id', (req, res) => {
      const id = objectIdParam(req.params.id);
      const d = services.cases.get(req.actor!, id);
      res.json({
        ...d.case,
        flags: d.flags?.rules ?? [],
        followUp: d.followUp,
        schoolContacts: d.attempts,
        events: d.events,
        referrals: services.referrals
          .forCase(req.actor!, id)
          .map((r) => ({ id: r.id, state: r.state, unit: r.unit.name, urgency: r.urgency, sentAt: r.sentAt, reference: r.reference })),
        actions: d.actions,
      });
    });
    router.post('/cases/:id/events', (req, res) => {
      const result = services.cases.applyEvent(req.actor!, objectIdParam(req.params.id), req.body);
      res.status(201).json(result);
    });
    router.post('/cases/:id/referral', async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const r = await services.referrals.save(req.actor!, objectIdParam(req.params.id), body, body.draft !== true);
      res.status(201).json(services.referrals.get(req.actor!, r.id));
    });
    router.get('/referrals', (req, res) => {
      res.json({ referrals: services.referrals.inbox(req.actor!) });
    });
    router.get('/referrals/:id', (req, res) => {
      res.json(services.referrals.get(req.actor!, objectIdParam(req.params.id)));
    });
    router.post('/referrals/:id/acknowledge', async (req, res) => {
      res.json(await services.referrals.acknowledge(req.actor!, objectIdParam(req.params.id), req.body));
    });
  };
}
