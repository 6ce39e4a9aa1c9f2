import pino from 'pino';

/**
 * Logs carry request ids, methods, paths and status codes — never bodies, query
 * strings, names or personal numbers. Query strings are cut because search forms may
 * carry a personal number.
 */
export function createLogger(level: string): pino.Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  });
}

export function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}
