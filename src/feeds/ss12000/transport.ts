/**
 * One HTTP exchange over node:http/https. node:https is used (not fetch) because a client
 * certificate for mutual TLS needs an https.Agent; undici's Agent would be a new
 * dependency. Bearer requests go the same way so every request is timed out, size-capped
 * and reported alike.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  header(name: string): string | undefined;
  body: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The mutual-TLS agent, when the feed authenticates with a certificate. */
  agent?: https.Agent;
}

/** A failure before any HTTP status arrived: `code` is Node's (ECONNREFUSED, ...) or 'TIMEOUT'. */
export class TransportError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A school system's answer larger than this is refused rather than held in memory. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

export function send(req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const lib = req.url.protocol === 'https:' ? https : http;
    const r = lib.request(req.url, { method: req.method, headers: req.headers, agent: req.agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          res.destroy();
          reject(new TransportError('BODY_TOO_LARGE'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const headers = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => {
            const v = headers[name.toLowerCase()];
            return Array.isArray(v) ? v[0] : v;
          },
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(e.code ?? 'ERESPONSE')));
    });
    r.setTimeout(req.timeoutMs, () => r.destroy(new TransportError('TIMEOUT')));
    r.on('error', (e: NodeJS.ErrnoException) => reject(e instanceof TransportError ? e : new TransportError(e.code ?? 'EUNKNOWN')));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}
