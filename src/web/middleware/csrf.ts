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
 * bearer tokens, never cookies. Never in a URL (issue 15: it ended up in history). A
 * multipart upload's body is read later, by the upload route: the paths `multipartBody`
 * names check the form's `_csrf` field there (csrfFieldOk, before the file part is
 * written); any other multipart request needs the X-CSRF-Token header.
 */
export function csrfProtection(app: Express, options: { multipartBody?: (path: string) => boolean } = {}): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) return next();
    if (!req.session.csrfToken) req.session.csrfToken = newToken();
    res.locals.csrfToken = req.session.csrfToken;
    if (SAFE.has(req.method)) return next();
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string' && sameToken(header, req.session.csrfToken)) return next();
    const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    if (multipart && options.multipartBody?.(req.path)) return next();
    const sent = multipart ? undefined : (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof sent === 'string' && sameToken(sent, req.session.csrfToken)) return next();
    next(new CsrfError('CSRF token missing or wrong'));
  });
}

/**
 * For the multipart paths of csrfProtection's `multipartBody`: the `_csrf` field the upload
 * parser has read so far (the form puts it before the file), or the header, is the session's token.
 */
export function csrfFieldOk(req: Request): boolean {
  const token = req.session.csrfToken;
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
  return typeof token === 'string' && typeof sent === 'string' && sameToken(sent, token);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
