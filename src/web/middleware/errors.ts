import type { Express, NextFunction, Request, Response } from 'express';
import type pino from 'pino';
import { BusyError, ForbiddenError, NotFoundError, ValidationError } from '../../shared';
import { t } from '../../i18n';
import { CsrfError } from './csrf';
import { ensureBaseLocals } from './locals';
import { apiError } from '../../api';

/** 404 for anything no route answered. */
export function notFound(app: Express): void {
  app.use((req: Request, res: Response) => {
    if (req.path.startsWith('/api/')) return apiError(res, 404, 'not_found', 'Resursen finns inte.');
    ensureBaseLocals(res);
    res.status(404).render('errors/not-found', { title: t('errors.notFound.title') });
  });
}

/**
 * The one error handler. Known errors get their status and a Swedish page; anything
 * else is logged with the request id and shown as a calm page with that id — the stack
 * only outside production.
 */
export function errorHandler(app: Express, production: boolean, logger: pino.Logger): void {
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const api = req.path.startsWith('/api/');
    const requestId = String((req as Request & { id?: unknown }).id ?? '');
    let status = 500;
    let title = t('errors.server.title');
    let text = t('errors.server.text');
    if (err instanceof CsrfError) {
      status = 403;
      title = t('errors.csrf.title');
      text = t('errors.csrf.text');
    } else if (err instanceof ForbiddenError) {
      status = 403;
      title = t('errors.forbidden.title');
      text = err.message;
    } else if (err instanceof NotFoundError) {
      status = 404;
      title = t('errors.notFound.title');
      text = err.message;
    } else if (err instanceof BusyError) {
      status = 503;
      title = 'Försök igen om en stund';
      text = err.message;
      res.set('Retry-After', String(err.retryAfterSeconds));
    } else if (err instanceof ValidationError) {
      status = 400;
      title = 'Felaktiga uppgifter';
      text = err.message;
    } else if (isHttpError(err)) {
      // Body parser errors: bad JSON, too large.
      status = err.status;
      title = 'Felaktig begäran';
      text = status === 413 ? 'Det du skickade är för stort.' : 'Det du skickade kunde inte läsas.';
    } else {
      logger.error({ err, reqId: requestId }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (api) {
      const code = status === 500 ? 'internal_error' : status === 503 ? 'busy' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'bad_request';
      return apiError(res, status, code, status === 500 ? 'Ett oväntat fel uppstod.' : text, requestId);
    }
    ensureBaseLocals(res);
    res.status(status).render('errors/error', {
      title,
      text,
      requestId,
      // Duck-typed: errors from native modules may come from another realm (jest's vm).
      stack: !production && status === 500 && typeof (err as { stack?: unknown })?.stack === 'string' ? (err as Error).stack : null,
    });
  });
}

function isHttpError(e: unknown): e is { status: number } {
  return (
    typeof e === 'object' && e !== null && 'status' in e && typeof (e as { status: unknown }).status === 'number' && (e as { status: number }).status < 500
  );
}
