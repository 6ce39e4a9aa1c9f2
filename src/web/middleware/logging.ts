import crypto from 'node:crypto';
import type { Express } from 'express';
import type pino from 'pino';
import { pinoHttp } from 'pino-http';
import { pathOnly } from '../../logging';

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
}
