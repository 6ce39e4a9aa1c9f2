/**
 * The SS 12000 client against a scripted school system: paging (and servers that ignore
 * it), retries, Retry-After, the token's life, and what every failure says. Time is a
 * fake clock that the injected sleep moves, so no test waits.
 */
import { Ss12000Client, Ss12000Error, type Ss12000ClientOptions } from '../../src/feeds';
import { scriptedServer, type Answer, type Recorded, type ScriptedServer } from '../helpers/scripted-http';
import { TestClock } from '../helpers/test-env';

const PREFIX = '/o/rest/ss12000';
const SECRET = 'hemlig-S3cret';
const UNIT = '9a3c1f52-3b1e-4c2a-9d41-0c5b8e7f1a01';

const person = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `p-${n}`,
  meta: { created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z' },
  givenName: `Elev${n}`,
  familyName: 'Testsson',
  enrolments: [{ enroledAt: { id: UNIT }, schoolType: 'GR', startDate: '2025-08-18' }],
  ...extra,
});

let tokens = 0;
function tokenAnswer(req: Recorded, expiresIn = 3600): Answer | null {
  if (req.path !== '/token') return null;
  tokens++;
  return { body: { access_token: `tok-${tokens}`, token_type: 'Bearer', expires_in: expiresIn } };
}

let server: ScriptedServer;
let route: (req: Recorded) => Answer;
beforeAll(async () => {
  server = await scriptedServer((req) => tokenAnswer(req) ?? route(req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  tokens = 0;
});

function make(over: Partial<Ss12000ClientOptions> = {}, base = server.url) {
  const clock = { t: 1_700_000_000_000 };
  const sleeps: number[] = [];
  const client = new Ss12000Client({
    baseUrl: `${base}${PREFIX}`,
    auth: { kind: 'client_credentials', tokenUrl: `${base}/token`, clientId: 'saknad', clientSecret: SECRET, scope: 'ss12000' },
    rateLimitPerSecond: 1_000_000, // no spacing unless a test asks for it
    maxRetries: 3,
    timeoutMs: 2000,
    pageSize: 2,
    backoffBaseMs: 100,
    now: () => clock.t,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.t += ms;
    },
    ...over,
  });
  return { client, sleeps, clock };
}

const api = () => server.requests.filter((r) => r.path.startsWith(PREFIX));

async function failure(p: Promise<unknown>): Promise<Ss12000Error> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Ss12000Error);
  const err = e as Ss12000Error;
  // No failure ever shows the secret or a token.
  expect(err.message).not.toContain(SECRET);
  expect(err.message).not.toMatch(/tok-\d/);
  return err;
}

describe('paging', () => {
  it('follows pageToken until null, sending only pageToken and limit after the first page', async () => {
    route = (req) => {
      const token = req.query.get('pageToken');
      if (!token) return { body: { data: [person(1), person(2)], pageToken: 'p2' } };
      if (token === 'p2') return { body: { data: [person(3), person(4)], pageToken: 'p3' } };
      return { body: { data: [person(5)], pageToken: null } };
    };
    const { client } = make();
    const persons = await client.persons({ schoolUnit: UNIT });
    expect(persons.map((p) => p.id)).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5']);
    const [first, ...rest] = api();
    expect(Object.fromEntries(first!.query)).toEqual({ 'relationship.organisation': UNIT, 'relationship.entity.type': 'enrolment', limit: '2' });
    expect(rest.map((r) => Object.fromEntries(r.query))).toEqual([
      { pageToken: 'p2', limit: '2' },
      { pageToken: 'p3', limit: '2' },
    ]);
    expect(api().every((r) => r.method === 'GET' && r.headers.authorization === 'Bearer tok-1')).toBe(true);
  });

  it('stops when a server that ignores pageToken sends the same page again', async () => {
    route = () => ({ body: { data: [person(1), person(2)], pageToken: 'always' } });
    const { client } = make();
    expect((await client.persons()).map((p) => p.id)).toEqual(['p-1', 'p-2']);
    expect(api()).toHaveLength(2);
  });

  it('reads a single page from a server that sends no pageToken (or a bare array, as drafts did)', async () => {
    route = () => ({ body: { data: [person(1)] } });
    expect(await make().client.persons()).toHaveLength(1);
    route = () => ({ body: [person(1), person(2)] });
    expect(await make().client.persons()).toHaveLength(2);
  });

  it('stops when tokens go round in a circle', async () => {
    let n = 0;
    route = (req) => ({ body: { data: [person(++n)], pageToken: req.query.get('pageToken') === 'b' ? 'a' : req.query.get('pageToken') === 'a' ? 'b' : 'a' } });
    expect((await make().client.persons()).map((p) => p.id)).toEqual(['p-1', 'p-2', 'p-3']);
  });

  it('gives up after maxPages and returns nothing', async () => {
    let n = 0;
    route = () => ({ body: { data: [person(++n)], pageToken: `t${n}` } });
    const err = await failure(make({ maxPages: 3 }).client.persons());
    expect(err.kind).toBe('paging');
    expect(err.message).toBe(`Skolsystemet gav fler än 3 sidor på ${PREFIX}/persons; hämtningen avbröts och inget av svaret används.`);
  });
});

describe('retries', () => {
  it('retries 5xx and dropped connections with exponential backoff', async () => {
    const script: Answer[] = [{ status: 500 }, { destroy: true }, { status: 503 }, { body: { data: [person(1)], pageToken: null } }];
    route = () => script.shift()!;
    const { client, sleeps } = make();
    expect(await client.persons()).toHaveLength(1);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('fails with the status and path once the retries are spent', async () => {
    route = () => ({ status: 502 });
    const err = await failure(make().client.schoolUnits());
    expect(err).toMatchObject({ kind: 'http', details: { path: `${PREFIX}/organisations`, status: 502 } });
    expect(err.message).toBe(`Skolsystemet svarade 502 på ${PREFIX}/organisations (efter 4 försök).`);
  });

  it('waits as long as a 429 says, in seconds or as a date', async () => {
    const { client, sleeps, clock } = make();
    const script: Answer[] = [
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 429, headers: { 'Retry-After': new Date(clock.t + 3000 + 10_000).toUTCString() } },
      { body: { data: [], pageToken: null } },
    ];
    route = () => script.shift()!;
    await client.persons();
    expect(sleeps[0]).toBe(3000);
    expect(sleeps[1]).toBeGreaterThan(9000);
    expect(sleeps[1]).toBeLessThanOrEqual(10_000);
  });

  it('honours Retry-After on a 503 as well', async () => {
    const script: Answer[] = [{ status: 503, headers: { 'Retry-After': '7' } }, { body: { data: [], pageToken: null } }];
    route = () => script.shift()!;
    const { client, sleeps } = make();
    await client.persons();
    expect(sleeps).toEqual([7000]);
  });

  it('fails rather than wait for a Retry-After of more than five minutes', async () => {
    route = () => ({ status: 429, headers: { 'Retry-After': '3600' } });
    const { client, sleeps } = make();
    expect((await failure(client.persons())).message).toBe(`Skolsystemet svarade 429 på ${PREFIX}/persons (efter 1 försök).`);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 404 or a 403', async () => {
    route = () => ({ status: 404 });
    expect(await failure(make().client.persons())).toMatchObject({ kind: 'http', details: { status: 404 } });
    expect(api()).toHaveLength(1);
    route = () => ({ status: 403 });
    const err = await failure(make().client.persons());
    expect(err.kind).toBe('auth');
    expect(err.message).toContain(`${PREFIX}/persons (403)`);
  });

  it('spaces requests to the rate limit', async () => {
    let n = 0;
    route = () => ({ body: { data: [person(++n)], pageToken: n < 3 ? `t${n}` : null } });
    const { client, sleeps } = make({ rateLimitPerSecond: 4 });
    await client.persons();
    // token + 3 pages = 4 requests, 250 ms apart
    expect(sleeps).toEqual([250, 250, 250]);
  });
});

describe('the token', () => {
  it('is fetched with client credentials as HTTP Basic and cached until shortly before expires_in', async () => {
    route = () => ({ body: { data: [], pageToken: null } });
    const { client, clock } = make();
    await client.persons();
    await client.persons();
    const tokenCalls = server.requests.filter((r) => r.path === '/token');
    expect(tokenCalls).toHaveLength(1);
    expect(Buffer.from(tokenCalls[0]!.headers.authorization!.replace('Basic ', ''), 'base64').toString()).toBe(`saknad:${SECRET}`);
    expect(Object.fromEntries(new URLSearchParams(tokenCalls[0]!.body))).toEqual({ grant_type: 'client_credentials', scope: 'ss12000' });
    clock.t += 3600_000 - 29_000; // inside the 30 s margin
    await client.persons();
    expect(server.requests.filter((r) => r.path === '/token')).toHaveLength(2);
    expect(api().at(-1)!.headers.authorization).toBe('Bearer tok-2');
  });

  it('follows the project Clock when one is given instead of now', async () => {
    route = () => ({ body: { data: [], pageToken: null } });
    let at = new Date('2026-08-17T08:00:00Z');
    const { client } = make({ now: undefined, clock: () => at });
    await client.persons();
    at = new Date(at.getTime() + 3600_000);
    await client.persons();
    expect(server.requests.filter((r) => r.path === '/token')).toHaveLength(2);
  });

  it("with the app's frozen TestClock: requests are spaced on a real timer, never stalled, and the token renews only when the clock passes expires_in", async () => {
    route = () => ({ body: { data: [], pageToken: null } });
    const clock = new TestClock();
    // No injected now or sleep: spacing runs on performance.now and real timers.
    const { client } = make({ now: undefined, sleep: undefined, clock: clock.fn, rateLimitPerSecond: 20 });
    const started = performance.now();
    for (let i = 0; i < 4; i++) await client.persons();
    const elapsed = performance.now() - started;
    // Five requests (a token, four lists) at 20 a second: four gaps of 50 ms, and no more although the clock stands still.
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2000);
    expect(tokens).toBe(1);
    clock.advanceMinutes(59); // 3540 s: still outside the 30 s margin before expires_in
    await client.persons();
    expect(tokens).toBe(1);
    clock.advanceMinutes(1); // 3600 s: past expires_in
    await client.persons();
    expect(tokens).toBe(2);
    expect(api().at(-1)!.headers.authorization).toBe('Bearer tok-2');
  });

  it('is fetched once for lists fetched at the same time', async () => {
    route = () => ({ body: { data: [], pageToken: null } });
    const { client } = make();
    await Promise.all([client.persons(), client.schoolUnits(), client.aggregatedAttendance({ startDate: '2026-08-17', endDate: '2026-08-28' })]);
    expect(server.requests.filter((r) => r.path === '/token')).toHaveLength(1);
  });

  it('is fetched again once after a 401, and the request retried', async () => {
    route = (req) => (req.headers.authorization === 'Bearer tok-1' ? { status: 401 } : { body: { data: [person(1)], pageToken: null } });
    expect(await make().client.persons()).toHaveLength(1);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /token', `GET ${PREFIX}/persons`, 'POST /token', `GET ${PREFIX}/persons`]);
  });

  it('fails clearly when the server still says 401 with a fresh token', async () => {
    route = () => ({ status: 401 });
    const err = await failure(make().client.persons());
    expect(err.kind).toBe('auth');
    expect(err.message).toBe(
      `Skolsystemet nekade Saknad åtkomst till ${PREFIX}/persons (401) även med en ny token. Kontrollera klient-id, hemlighet och behörigheter hos leverantören.`,
    );
  });

  it('fails clearly when the token endpoint refuses, naming it without the secret', async () => {
    const refusing = await scriptedServer((req) => (req.path === '/token' ? { status: 400, body: { error: 'invalid_client' } } : { status: 500 }));
    try {
      const err = await failure(make({}, refusing.url).client.persons());
      expect(err.kind).toBe('auth');
      expect(err.message).toBe(`Tokentjänsten ${refusing.url}/token svarade 400. Kontrollera klient-id och hemlighet.`);
    } finally {
      await refusing.close();
    }
  });

  it('fails clearly when the token answer has no access_token', async () => {
    const odd = await scriptedServer(() => ({ body: { token_type: 'Bearer' } }));
    try {
      expect((await failure(make({}, odd.url).client.persons())).message).toContain('access_token saknas');
    } finally {
      await odd.close();
    }
  });
});

describe('failures before any answer', () => {
  it('names a refused connection after retrying', async () => {
    const gone = await scriptedServer(() => ({}));
    const url = gone.url;
    await gone.close();
    const { client, sleeps } = make({ baseUrl: `${url}${PREFIX}` });
    const err = await failure(client.persons());
    expect(err.kind).toBe('network');
    expect(err.message).toBe(`Kunde inte nå skolsystemet vid ${PREFIX}/persons (anslutningen nekades).`);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('times out a server that never answers', async () => {
    route = () => ({ hang: true });
    const err = await failure(make({ timeoutMs: 200, maxRetries: 0 }).client.persons());
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`Skolsystemet svarade inte på ${PREFIX}/persons inom 0,2 sekunder.`);
  });

  it.each([
    ['a bad base URL', { baseUrl: 'inte en adress' }, 'adressen till skolsystemet'],
    ['a certificate over http', { auth: { kind: 'certificate' as const, certFile: 'c.pem', keyFile: 'k.pem' } }, 'kräver en adress som börjar med https://'],
  ])('refuses %s at construction', (_, over, message) => {
    expect(() => make(over)).toThrow(Ss12000Error);
    expect(() => make(over)).toThrow(message);
  });
});

describe('answers', () => {
  it('refuses an answer that is not JSON', async () => {
    route = () => ({ body: '<html>Inloggning</html>' });
    const err = await failure(make().client.persons());
    expect(err).toMatchObject({ kind: 'invalid-response' });
    expect(err.message).toBe(`Skolsystemets svar på ${PREFIX}/persons är inte JSON.`);
  });

  it('refuses a page with a broken item, naming the field but not the data', async () => {
    route = () => ({ body: { data: [person(1, { civicNo: { value: '201001012382' } }), { id: 'p-2', familyName: 'X', civicNo: { value: '201002182390' } }] } });
    const err = await failure(make().client.persons());
    expect(err.message).toBe(`Skolsystemets svar på ${PREFIX}/persons följer inte SS 12000: fältet data[1].givenName saknas eller har fel typ.`);
    expect(err.message).not.toContain('2390');
  });

  it('refuses a negative number of minutes', async () => {
    route = () => ({ body: { data: [{ student: { id: 's' }, activity: { id: 'a' }, attendanceSum: -5 }] } });
    expect((await failure(make().client.aggregatedAttendance({ startDate: '2026-08-17', endDate: '2026-08-28' }))).message).toContain('data[0].attendanceSum');
  });

  it('normalises v2.1 persons and reads nothing it does not need', async () => {
    route = () => ({
      body: {
        data: [
          person(1, {
            civicNo: { value: '201001012382', nationality: 'SE' },
            securityMarking: 'Skyddad folkbokföring',
            personStatus: 'Utvandrad',
            addresses: [{ type: 'Folkbokföring', streetAddress: 'Hemliga vägen 1', locality: 'Ort', postalCode: '12345', country: 'SE' }],
            phoneNumbers: [{ value: '070-0000000', type: 'Hem', mobile: true }],
            responsibles: [
              { person: { id: 'g-1' }, relationType: 'Vårdnadshavare' },
              { person: { id: 'g-2' }, relationType: 'Annan ansvarig' },
            ],
            enrolments: [{ enroledAt: { id: UNIT }, schoolType: 'GR', schoolYear: 7, startDate: '2025-08-18', endDate: '2026-06-12', cancelled: true }],
          }),
          person(2),
        ],
      },
    });
    const [a, b] = await make().client.persons();
    expect(a).toEqual({
      id: 'p-1',
      givenName: 'Elev1',
      familyName: 'Testsson',
      civicNo: { value: '201001012382', nationality: 'SE' },
      securityMarking: 'Skyddad folkbokföring',
      protectedIdentity: true,
      personStatus: 'Utvandrad',
      enrolments: [{ schoolUnitId: UNIT, schoolType: 'GR', schoolYear: 7, startDate: '2025-08-18', endDate: '2026-06-12', cancelled: true }],
      guardianIds: ['g-1'],
    });
    expect(JSON.stringify([a, b])).not.toMatch(/Hemliga|070-0000000/);
    expect(b).toMatchObject({ civicNo: null, securityMarking: 'Ingen', protectedIdentity: false, personStatus: 'Aktiv', guardianIds: [] });
  });

  it.each([
    [
      { norEduPersonNIN: { value: '201002182390' }, securityMarking: true, personStatus: 'Normal', guardians: ['g-9'] },
      { civicNo: { value: '201002182390', nationality: null }, securityMarking: 'Sekretessmarkering', personStatus: 'Aktiv', guardianIds: ['g-9'] },
    ],
    [{ securityMarking: false }, { securityMarking: 'Ingen', protectedIdentity: false }],
    [{ securityMarking: 'Okänd framtida markering' }, { securityMarking: 'Sekretessmarkering', protectedIdentity: true }],
    [
      { enrolments: [{ schoolUnit: { id: UNIT }, startDate: '2025-08-18T00:00:00+02:00' }] },
      { enrolments: [{ schoolUnitId: UNIT, schoolType: null, schoolYear: null, startDate: '2025-08-18', endDate: null, cancelled: false }] },
    ],
  ])("reads the drafts' and odd servers' spellings: %p", async (extra, expected) => {
    route = () => ({ body: { data: [person(1, extra)] } });
    expect((await make().client.persons())[0]).toMatchObject(expected);
  });

  it('asks for school units and keeps only Skolenhet when the server ignores the filter', async () => {
    route = () => ({
      body: {
        data: [
          { id: 'o-1', displayName: 'Kommunen', organisationType: 'Huvudman' },
          { id: 'o-2', displayName: 'Björkskolan', organisationType: 'Skolenhet', schoolUnitCode: '12345678' },
          { id: 'o-3', displayName: 'Ekskolan', organisationType: 'Skolenhet' },
        ],
      },
    });
    expect(await make().client.schoolUnits()).toEqual([
      { id: 'o-2', displayName: 'Björkskolan', schoolUnitCode: '12345678' },
      { id: 'o-3', displayName: 'Ekskolan', schoolUnitCode: null },
    ]);
    expect(api()[0]!.query.get('type')).toBe('Skolenhet');
  });

  it('asks for aggregated attendance for the window and keeps a missing sum as null, not 0', async () => {
    route = () => ({ body: { data: [{ student: { id: 's-1' }, activity: { id: 'a-1', displayName: 'Ma' }, attendanceSum: 0, offeredSum: 600 }] } });
    const rows = await make().client.aggregatedAttendance({ startDate: '2026-08-17', endDate: '2026-08-28', schoolUnit: UNIT });
    expect(Object.fromEntries(api()[0]!.query)).toEqual({ startDate: '2026-08-17', endDate: '2026-08-28', organisation: UNIT, limit: '2' });
    expect(rows).toEqual([
      {
        studentId: 's-1',
        activityId: 'a-1',
        activityName: 'Ma',
        startDate: null,
        endDate: null,
        attendanceSum: 0,
        validAbsenceSum: null,
        invalidAbsenceSum: null,
        otherAttendanceSum: null,
        reportedSum: null,
        offeredSum: 600,
      },
    ]);
  });

  it('asks for absences starting in the window', async () => {
    route = () => ({
      body: {
        data: [{ id: 'x', student: { id: 's-1' }, startTime: '2026-08-17T08:00:00+02:00', endTime: '2026-08-17T16:00:00+02:00', type: 'Beviljad ledighet' }],
      },
    });
    const rows = await make().client.absences({ startTime: '2026-08-17T00:00:00+02:00', endTime: '2026-08-28T23:59:59+02:00' });
    expect(Object.fromEntries(api()[0]!.query)).toEqual({
      'startTime.onOrAfter': '2026-08-17T00:00:00+02:00',
      'startTime.onOrBefore': '2026-08-28T23:59:59+02:00',
      limit: '2',
    });
    expect(rows).toEqual([
      {
        id: 'x',
        studentId: 's-1',
        schoolUnitId: null,
        startTime: '2026-08-17T08:00:00+02:00',
        endTime: '2026-08-17T16:00:00+02:00',
        type: 'Beviljad ledighet',
      },
    ]);
  });
});

describe('paging aggregated attendance', () => {
  it('sends the required startDate and endDate with every pageToken, and no other filter', async () => {
    route = (req) => ({ body: { data: [], pageToken: req.query.get('pageToken') ? null : 'n2' } });
    await make().client.aggregatedAttendance({ startDate: '2026-08-17', endDate: '2026-08-28', schoolUnit: UNIT });
    expect(Object.fromEntries(api()[1]!.query)).toEqual({ startDate: '2026-08-17', endDate: '2026-08-28', pageToken: 'n2', limit: '2' });
  });
});
