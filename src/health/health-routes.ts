import { Router } from 'express';
import type { HealthService } from './health-service';

/**
 * GET /healthz: the process answers. GET /readyz: it can serve (503 when not). Both are
 * anonymous, make no session and carry no personal data; mounted before sessions.
 */
export function healthRoutes(health: HealthService): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const r = health.readiness();
    res
      .set('Cache-Control', 'no-store')
      .status(r.ready ? 200 : 503)
      .json({ status: r.ready ? 'ok' : 'fail', ...r });
  });
  return router;
}
