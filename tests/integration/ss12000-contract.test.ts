/**
 * Contract tests: the SS 12000 subset in the repository is valid OpenAPI, and the client
 * works against Prism serving that file — so the requests the client sends conform to the
 * file (Prism runs with --errors: a request outside the contract, or an example outside
 * its schema, is an error answer) and the answers it understands are the file's examples.
 * Prism cannot keep state, so a small proxy in front of it picks which example or error
 * each request gets (paging, a 401 then a fresh token, a 429, a 500 mid-way): the bodies
 * and headers still come from the file. The token endpoint, outside SS 12000, is the proxy's.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { checkCivicNo, Ss12000Client, type Ss12000ClientOptions } from '../../src/feeds';
import { freePort } from '../helpers/free-port';
import { scriptedServer, type Recorded, type ScriptedServer } from '../helpers/scripted-http';

const SPEC = path.join(__dirname, '../../src/feeds/ss12000/ss12000-subset.openapi.yaml');
const PRISM = path.join(__dirname, '../../node_modules/.bin/prism');
const PREFIX = '/o/rest/ss12000';
const UNIT = '9a3c1f52-3b1e-4c2a-9d41-0c5b8e7f1a01';

interface Forwarded {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function forward(port: number, req: Recorded, prefer: string | undefined): Promise<Forwarded> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.headers.authorization) headers.Authorization = req.headers.authorization;
  if (prefer) headers.Prefer = prefer;
  if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
  const q = req.query.toString();
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path.slice(PREFIX.length) + (q ? `?${q}` : ''), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    r.on('error', reject);
    r.end(req.body || undefined);
  });
}

/** Which example a page request gets: the first page's, or the one its pageToken names. */
const PAGES: Record<string, string> = { 'sida-2': 'sida2', 'narvaro-2': 'sida2' };

let prism: ChildProcess;
let prismPort: number;
let proxy: ScriptedServer;
let tokens = 0;
/** Per test: the Prefer header for the n-th SS 12000 request (1-based), or undefined for the default. */
let plan: (req: Recorded, n: number) => string | undefined;
let violations: string[] = [];
/** SS 12000 requests so far in this test. */
let n = 0;

beforeAll(async () => {
  prismPort = await freePort();
  prism = spawn(process.execPath, [PRISM, 'mock', SPEC, '--port', String(prismPort), '--host', '127.0.0.1', '--errors'], { stdio: 'ignore' });
  proxy = await scriptedServer(async (req) => {
    if (req.path === '/token') {
      tokens++;
      return { body: { access_token: `tok-${tokens}`, token_type: 'Bearer', expires_in: 3600 } };
    }
    n++;
    const page = req.query.get('pageToken');
    const prefer = plan(req, n) ?? (page ? `example=${PAGES[page] ?? page}` : undefined);
    const res = await forward(prismPort, req, prefer);
    const violation = res.headers['sl-violations'];
    if (violation) violations.push(`${req.path}?${req.query.toString()}: ${String(violation)}`);
    const headers: Record<string, string> = {};
    if (res.headers['retry-after']) headers['Retry-After'] = String(res.headers['retry-after']);
    return { status: res.status, headers, body: res.body };
  });
  // Prism takes a few seconds to start.
  const deadline = Date.now() + 45_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const r = http.get({ host: '127.0.0.1', port: prismPort, path: '/organisations', headers: { Authorization: 'Bearer x' } }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      r.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('Prism did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
}, 60_000);

afterAll(async () => {
  prism?.kill('SIGTERM');
  await proxy?.close();
});

beforeEach(() => {
  plan = () => undefined;
  violations = [];
  n = 0;
  tokens = 0;
  proxy.requests.length = 0;
});
afterEach(() => {
  // Every request the client sent was inside the contract.
  expect(violations).toEqual([]);
});

function client(over: Partial<Ss12000ClientOptions> = {}) {
  const sleeps: number[] = [];
  const c = new Ss12000Client({
    baseUrl: `${proxy.url}${PREFIX}`,
    auth: { kind: 'client_credentials', tokenUrl: `${proxy.url}/token`, clientId: 'saknad', clientSecret: 'hemlig' },
    rateLimitPerSecond: 1_000_000,
    maxRetries: 3,
    backoffBaseMs: 100,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  });
  return { c, sleeps };
}

const ssRequests = () => proxy.requests.filter((r) => r.path.startsWith(PREFIX));

describe('the subset file', () => {
  // swagger-parser is ESM-only, so it runs in its own Node process (scripts/lint/ss12000-subset.mjs).
  const check = (file: string) => {
    try {
      return JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../../scripts/lint/ss12000-subset.mjs'), file], { encoding: 'utf8' })) as {
        valid: boolean;
        examples: Record<string, number>;
        error?: string;
      };
    } catch (e) {
      return JSON.parse((e as { stdout: string }).stdout) as { valid: boolean; examples: Record<string, number>; error?: string };
    }
  };

  it('is valid OpenAPI, with examples for every answer of every path the client asks for', () => {
    const result = check(SPEC);
    expect(result.valid).toBe(true);
    const paths = [...new Set(Object.keys(result.examples).map((k) => k.split(' ')[1]))].sort();
    expect(paths).toEqual(['/absences', '/aggregatedAttendance', '/organisations', '/persons', '/persons/lookup']);
    expect(Object.entries(result.examples).filter(([, n]) => n === 0)).toEqual([]);
  });

  it('and the validator does refuse a broken file', () => {
    const broken = path.join(os.tmpdir(), `ss12000-broken-${process.pid}.yaml`);
    writeFileSync(broken, readFileSync(SPEC, 'utf8').replace("$ref: '#/components/schemas/Persons'", "$ref: '#/components/schemas/Personer'"));
    try {
      expect(check(broken)).toMatchObject({ valid: false });
    } finally {
      rmSync(broken, { force: true });
    }
  });

  it('holds only Skatteverket test numbers', () => {
    const text = readFileSync(SPEC, 'utf8');
    const testNumbers = new Set(readFileSync('/work/shared/testpersonnummer.txt', 'utf8').split(/\s+/));
    // 12 digits on their own (a UUID's last group follows a '-').
    const numbers = text.match(/(?<![-\w])\d{12}(?!\w)/g) ?? [];
    expect(numbers.length).toBeGreaterThan(3);
    expect(numbers.filter((n) => !testNumbers.has(n))).toEqual([]);
  });
});

describe('the client against Prism', () => {
  it('reads the school units', async () => {
    const units = await client().c.schoolUnits();
    expect(units.map((u) => u.schoolUnitCode)).toEqual(['12345678', '23456789', '34567890']);
    expect(ssRequests()[0]!.query.get('type')).toBe('Skolenhet');
  });

  it('reads persons over two pages, with a person without civicNo, a protected one and a temporary number', async () => {
    const persons = await client().c.persons({ schoolUnit: UNIT });
    expect(ssRequests().map((r) => r.query.get('pageToken'))).toEqual([null, 'sida-2']);
    expect(persons.map((p) => p.givenName)).toEqual(['Alva', 'Elis', 'Noor', 'Skyddad', 'Sam', 'Tove']);
    const [alva, elis, noor, skyddad, sam, tove] = persons;
    expect(alva!.guardianIds).toEqual(elis!.guardianIds); // siblings share a guardian
    expect(noor!.civicNo).toBeNull();
    expect(skyddad).toMatchObject({ securityMarking: 'Skyddad folkbokföring', protectedIdentity: true });
    expect(sam!.personStatus).toBe('Utvandrad');
    // The client passes a temporary number through; the feed refuses it with checkCivicNo.
    expect(tove!.civicNo!.value).toBe('20100714TF81');
    expect(checkCivicNo(tove!.civicNo!.value)).toMatchObject({ ok: false, kind: 'tillfalligt' });
    expect(checkCivicNo(alva!.civicNo!.value)).toMatchObject({ ok: true, kind: 'personnummer' });
  });

  it('reads aggregated attendance over two pages', async () => {
    const rows = await client().c.aggregatedAttendance({ startDate: '2026-08-17', endDate: '2026-08-28', schoolUnit: UNIT });
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ activityName: 'Svenska 7A', validAbsenceSum: 120, invalidAbsenceSum: 360, reportedSum: 480, offeredSum: 540 });
  });

  it('reads registered absences', async () => {
    const rows = await client().c.absences({ startTime: '2026-08-17T00:00:00+02:00', endTime: '2026-08-28T23:59:59+02:00', schoolUnit: UNIT });
    expect(rows.map((r) => r.type)).toEqual(['Beviljad ledighet', 'Anmäld frånvaro']);
  });

  const GUARDIANS = ['5f0e2d10-0000-4000-8000-0000000000a1', '5f0e2d10-0000-4000-8000-0000000000a2'];

  it('looks up guardians by id with POST /persons/lookup, a guardian without civicNo included', async () => {
    const guardians = await client().c.personsById(GUARDIANS);
    expect(guardians.map((g) => [g.id, g.civicNo?.value ?? null])).toEqual([
      [GUARDIANS[0], '198001022386'],
      [GUARDIANS[1], null],
    ]);
    const [req] = ssRequests();
    expect([req!.method, req!.path, req!.headers['content-type']]).toEqual(['POST', `${PREFIX}/persons/lookup`, 'application/json']);
    expect(JSON.parse(req!.body)).toEqual({ ids: GUARDIANS });
  });

  it('sends a long lookup in batches, each inside the contract, and a 500 on one batch is retried', async () => {
    plan = (_, n) => (n === 2 ? 'code=500' : undefined);
    const { c, sleeps } = client({ lookupBatchSize: 1 });
    await c.personsById([...GUARDIANS, GUARDIANS[0]!]);
    expect(ssRequests().map((r) => JSON.parse(r.body) as unknown)).toEqual([{ ids: [GUARDIANS[0]] }, { ids: [GUARDIANS[1]] }, { ids: [GUARDIANS[1]] }]);
    expect(sleeps).toEqual([100]);
  });

  it('a lookup that keeps failing fails whole, with the path in its message', async () => {
    plan = () => 'code=500';
    await expect(client().c.personsById(GUARDIANS)).rejects.toThrow(`Skolsystemet svarade 500 på ${PREFIX}/persons/lookup (efter 4 försök).`);
  });

  it('fetches a new token after a 401 and carries on', async () => {
    plan = (_, n) => (n === 1 ? 'code=401' : undefined);
    expect(await client().c.schoolUnits()).toHaveLength(3);
    expect(tokens).toBe(2);
    expect(ssRequests().map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('waits as a 429 Retry-After says', async () => {
    plan = (_, n) => (n === 1 ? 'code=429' : undefined);
    const { c, sleeps } = client();
    expect(await c.schoolUnits()).toHaveLength(3);
    expect(sleeps).toEqual([2000]); // the file's Retry-After example
  });

  it('retries a 500 in the middle of paging and still returns the whole list once', async () => {
    plan = (req, n) => (n === 2 ? 'code=500' : undefined);
    const { c, sleeps } = client();
    const rows = await c.aggregatedAttendance({ startDate: '2026-08-17', endDate: '2026-08-28' });
    expect(rows).toHaveLength(4);
    expect(ssRequests().map((r) => r.query.get('pageToken'))).toEqual([null, 'narvaro-2', 'narvaro-2']);
    expect(sleeps).toEqual([100]);
  });

  it('fails without returning part of a list when page two keeps failing', async () => {
    plan = (req) => (req.query.get('pageToken') ? 'code=500' : undefined);
    await expect(client().c.persons()).rejects.toThrow(`Skolsystemet svarade 500 på ${PREFIX}/persons (efter 4 försök).`);
  });
});
