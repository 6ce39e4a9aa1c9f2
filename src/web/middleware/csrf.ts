import crypto from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { newToken } from '../../shared';

export class CsrfError extends Error {
  override name = 'CsrfError';
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchroniser token: one random token per session, put in every form as `_csrf` and
 * checked on every state-changing request. The JSON API is exempt because it uses
 * bearer tokens, never cookies. Multipart uploads carry the token in the query string,
 * since their body is only read later by the upload handler.
 */
export function csrfProtection(app: Express): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) return next();
    if (!req.session.csrfToken) req.session.csrfToken = newToken();
    res.locals.csrfToken = req.session.csrfToken;
    if (SAFE.has(req.method)) return next();
    const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const sent = (multipart ? req.query._csrf : (req.body as Record<string, unknown> | undefined)?._csrf) ?? req.headers['x-csrf-token'];
    if (typeof sent === 'string' && sameToken(sent, req.session.csrfToken)) return next();
    next(new CsrfError('CSRF token missing or wrong'));
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
