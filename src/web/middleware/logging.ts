import crypto from 'node:crypto';
import type { Express, RequestHandler } from 'express';
import type pino from 'pino';
import { pinoHttp } from 'pino-http';
import { pathOnly } from '../../logging';
import { withRequestId } from '../../logging';

export function requestLogging(app: Express, logger: pino.Logger): void {
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOnly(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/assets/') },
    }),
  );
  app.use(requestContext);
}

/**
 * Carries the request id to every audit write (AsyncLocalStorage), mounted right after
 * pino-http so every later middleware and handler runs inside it.
 */
export const requestContext: RequestHandler = (req, _res, next) => withRequestId(String(req.id), () => next());
