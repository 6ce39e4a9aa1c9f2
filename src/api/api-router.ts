import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Services } from '../services';
import { BusyError, ForbiddenError, NotFoundError, ValidationError } from '../shared';
import { apiError } from './api-errors';

/**
 * /api/v1: bearer tokens only (no cookies, so no CSRF), same roles and scopes as the
 * token's user. Feature routers mount below this one.
 */
export function apiRouter(services: Services, features: ((r: Router) => void)[] = []): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return apiError(res, 401, 'unauthorized', 'API-nyckel saknas. Skicka den som "Authorization: Bearer <nyckel>".');
    }
    const actor = services.tokens.authenticate(match[1]!);
    if (!actor) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return apiError(res, 401, 'unauthorized', 'API-nyckeln är ogiltig eller återkallad.');
    }
    req.actor = actor;
    next();
  });

  router.get('/me', (req, res) => {
    const actor = req.actor!;
    const schools = services.schools.list(actor).filter((s) => actor.schoolIds.includes(s.id));
    res.json({
      id: actor.userId,
      email: actor.label,
      name: actor.name,
      roles: actor.roles,
      schools: schools.map((s) => ({ code: s.code, name: s.name })),
    });
  });

  for (const mount of features) mount(router);

  // Service errors become JSON here so feature routers can just throw.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof ValidationError) {
      return res.status(400).json({ error: { code: 'validation_failed', message: err.message, fields: err.errors } });
    }
    if (err instanceof ForbiddenError) return apiError(res, 403, 'forbidden', err.message);
    if (err instanceof NotFoundError) return apiError(res, 404, 'not_found', err.message);
    if (err instanceof BusyError) {
      res.set('Retry-After', String(err.retryAfterSeconds));
      return apiError(res, 503, 'busy', err.message);
    }
    next(err);
  });
  return router;
}
