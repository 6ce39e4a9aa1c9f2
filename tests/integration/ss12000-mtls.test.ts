/**
 * Mutual TLS: the client presents its certificate to a local https server that demands
 * one signed by its CA. The CA, server and client certificates are throwaway ones made
 * by openssl in a temporary directory for this run; nothing is committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { Ss12000Client, Ss12000Error, type Ss12000Auth } from '../../src/feeds';

const PREFIX = '/o/rest/ss12000';
let dir: string;
let server: https.Server;
let base: string;
const seen: { cn: string | undefined; authorization: string | undefined }[] = [];

const file = (name: string) => path.join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A key and a certificate for `cn`, signed by the test CA (or self-signed when `selfSigned`). */
function certificate(name: string, cn: string, opts: { selfSigned?: boolean; ext?: string } = {}): void {
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`];
  if (opts.selfSigned) {
    openssl('req', '-x509', ...key, '-out', `${name}.pem`, '-days', '1', '-subj', `/CN=${cn}`);
    return;
  }
  openssl('req', ...key, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
  const ext = opts.ext ? ['-extfile', `${name}.ext`] : [];
  if (opts.ext) writeFileSync(file(`${name}.ext`), opts.ext);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', ...ext);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'saknad-mtls-'));
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=Saknad test-CA',
  );
  certificate('server', '127.0.0.1', { ext: 'subjectAltName=IP:127.0.0.1\n' });
  certificate('client', 'saknad-testklient');
  certificate('other', 'okand-klient', { selfSigned: true });

  server = https.createServer(
    {
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.pem')),
      ca: readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      seen.push({ cn: [peer.subject?.CN].flat()[0], authorization: req.headers.authorization });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ data: [{ id: 'o-1', displayName: 'Björkskolan', organisationType: 'Skolenhet', schoolUnitCode: '12345678' }], pageToken: null }),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const client = (auth: Partial<Extract<Ss12000Auth, { kind: 'certificate' }>>) =>
  new Ss12000Client({
    baseUrl: base,
    auth: { kind: 'certificate', certFile: file('client.pem'), keyFile: file('client.key'), caFile: file('ca.pem'), ...auth },
    maxRetries: 1,
    timeoutMs: 5000,
    sleep: async () => undefined,
  });

async function failure(p: Promise<unknown>): Promise<Ss12000Error> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Ss12000Error);
  return e as Ss12000Error;
}

it('presents the client certificate and reads the school units, sending no bearer token', async () => {
  expect(await client({}).schoolUnits()).toEqual([{ id: 'o-1', displayName: 'Björkskolan', schoolUnitCode: '12345678' }]);
  expect(seen.at(-1)).toEqual({ cn: 'saknad-testklient', authorization: undefined });
});

it('is turned away with a certificate the server does not trust', async () => {
  const before = seen.length;
  const err = await failure(client({ certFile: file('other.pem'), keyFile: file('other.key') }).schoolUnits());
  expect(err.kind).toBe('network');
  expect(err.message).toMatch(new RegExp(`^Kunde inte nå skolsystemet vid ${PREFIX}/organisations \\(.*(certifikat|TLS)`));
  expect(seen.length).toBe(before);
});

it('refuses a server whose certificate it cannot verify, and says it is about TLS', async () => {
  const err = await failure(client({ caFile: undefined }).schoolUnits());
  expect(err.kind).toBe('network');
  expect(err.message).toContain('TLS-fel');
  expect(err.message).toContain('kontrollera certifikaten');
});

it('names a key file it cannot read', async () => {
  const err = await failure(client({ keyFile: file('saknas.key') }).schoolUnits());
  expect(err.kind).toBe('config');
  expect(err.message).toBe(`Kunde inte läsa den privata nyckeln (${file('saknas.key')}) för inloggning med certifikat.`);
});
