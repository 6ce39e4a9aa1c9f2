/**
 * A tiny HTTP server whose answers a test scripts request by request, recording every
 * request it gets. The SS 12000 client tests use it as a school system (and token
 * endpoint) that fails in exactly the ways a test needs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** Never answer (for timeouts). */
  hang?: boolean;
  /** Close the connection without an answer. */
  destroy?: boolean;
}

export type Handler = (req: Recorded) => Answer | Promise<Answer>;

export interface ScriptedServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function scriptedServer(handler: Handler): Promise<ScriptedServer> {
  const requests: Recorded[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const rec: Recorded = { method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(rec);
      void Promise.resolve(handler(rec)).then((a) => {
        if (a.hang) return;
        if (a.destroy) {
          req.socket.destroy();
          return;
        }
        const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {});
        res.writeHead(a.status ?? 200, { 'Content-Type': 'application/json', ...a.headers });
        res.end(text);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
