import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../shared';
import { hasRole } from '../../shared';
import type { Services } from '../../services';
import { ForbiddenError } from '../../shared';

/** Loads the acting user from the session on every request, so a switched-off account stops at once. */
export function sessionActor(app: Express, services: Services): void {
  app.use((req, _res, next) => {
    const userId = req.session?.userId;
    // A session from before the absolute lifetime existed starts counting now.
    if (userId !== undefined && req.session.loginAt === undefined) req.session.loginAt = services.clock().getTime();
    if (userId !== undefined) {
      const actor = services.auth.actorFor(userId);
      if (actor) req.actor = actor;
      else delete req.session.userId;
    }
    next();
  });
}

export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.actor) return next();
  const target = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
  res.redirect(303, `/login${target}`);
};

/** One guard for every page: logged in and holding one of the roles. */
export function requireRole(...roles: Role[]): RequestHandler[] {
  return [
    requireLogin,
    (req: Request, _res: Response, next: NextFunction) => {
      if (hasRole(req.actor!, ...roles)) return next();
      next(new ForbiddenError());
    },
  ];
}
