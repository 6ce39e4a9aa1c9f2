/**
 * A small stateful SS 12000 server of the project's own (node:http), serving an in-memory
 * world the way src/feeds/ss12000/ss12000-subset.openapi.yaml describes: a token endpoint
 * (client credentials), /organisations (school units; /schoolUnits too), /persons
 * (filtered by enrolment at a school unit) and /aggregatedAttendance, all paged with
 * `limit` and `pageToken`, and POST /persons/lookup (persons by id). Failures can be
 * switched on per test.
 *
 * The world is one description the tests turn both into this server's answers and into
 * the minutes summaries a school would upload, so the two ways in can be compared.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WorldUnit {
  id: string;
  displayName: string;
  schoolUnitCode: string;
}

export interface WorldPupil {
  id: string;
  /** civicNo.value as the server sends it (12 characters); null: no civicNo at all. */
  civicNo: string | null;
  unitId: string;
  givenName: string;
  familyName: string;
  /** Minutes over the window so far. */
  offered: number;
  attended: number;
  valid: number;
  invalid: number;
  protectedIdentity?: boolean;
  personStatus?: 'Aktiv' | 'Utvandrad' | 'Avliden';
  guardianIds?: string[];
  /** Enrolment dates (default: the whole year). */
  enrolled?: { startDate: string; endDate: string | null };
}

export interface WorldGuardian {
  id: string;
  civicNo: string;
  givenName: string;
  familyName: string;
  /** Not sent along with /persons: reachable only with POST /persons/lookup. */
  lookupOnly?: boolean;
}

export interface World {
  clientId: string;
  clientSecret: string;
  units: WorldUnit[];
  pupils: WorldPupil[];
  guardians: WorldGuardian[];
}

/** Failures a test switches on; the server reads them at every request. */
export interface Failures {
  /** The token endpoint answers 401 (wrong client id or secret). */
  tokenRefused?: boolean;
  /** /persons and /aggregatedAttendance for these school unit ids answer 500. */
  serverErrorForUnits?: string[];
  /** POST /persons/lookup answers 500. */
  lookupFails?: boolean;
  /** Called before each request is answered, with its method and path (a test may move its clock here). */
  onRequest?: (methodAndPath: string) => void;
}

export interface Ss12000TestServer {
  baseUrl: string;
  tokenUrl: string;
  failures: Failures;
  /** Paths asked for (with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

const TOKEN = 'test-access-token';

const wirePerson = (p: WorldPupil, world: World) => ({
  id: p.id,
  givenName: p.givenName,
  familyName: p.familyName,
  ...(p.civicNo === null ? {} : { civicNo: { value: p.civicNo, nationality: 'SE' } }),
  securityMarking: p.protectedIdentity ? 'Skyddad folkbokföring' : 'Ingen',
  personStatus: p.personStatus ?? 'Aktiv',
  enrolments: [
    {
      enroledAt: { id: p.unitId, displayName: world.units.find((u) => u.id === p.unitId)?.displayName },
      schoolType: 'GR',
      schoolYear: 8,
      startDate: p.enrolled?.startDate ?? '2026-08-01',
      endDate: p.enrolled?.endDate ?? '2027-06-30',
    },
  ],
  responsibles: (p.guardianIds ?? []).map((id) => ({ person: { id }, relationType: 'Vårdnadshavare' })),
});

const wireGuardian = (g: WorldGuardian) => ({
  id: g.id,
  givenName: g.givenName,
  familyName: g.familyName,
  civicNo: { value: g.civicNo, nationality: 'SE' },
  securityMarking: 'Ingen',
  personStatus: 'Aktiv',
});

/** The rows a list answers, before paging; null: not found. */
function listFor(world: World, path: string, q: URLSearchParams): unknown[] | null {
  switch (path) {
    case '/organisations':
    case '/schoolUnits':
      return world.units.map((u) => ({ id: u.id, displayName: u.displayName, organisationType: 'Skolenhet', schoolUnitCode: u.schoolUnitCode }));
    case '/persons': {
      const unit = q.get('relationship.organisation');
      const pupils = world.pupils.filter((p) => !unit || p.unitId === unit);
      // Like servers that expand responsibles: the pupils' guardians come along.
      const guardianIds = new Set(pupils.flatMap((p) => p.guardianIds ?? []));
      const sentAlong = world.guardians.filter((g) => guardianIds.has(g.id) && !g.lookupOnly);
      return [...pupils.map((p) => wirePerson(p, world)), ...sentAlong.map(wireGuardian)];
    }
    case '/aggregatedAttendance': {
      const unit = q.get('organisation');
      return world.pupils
        .filter((p) => !unit || p.unitId === unit)
        .map((p) => ({
          student: { id: p.id },
          activity: { id: `act-${p.unitId}`, displayName: 'Alla lektioner' },
          startDate: q.get('startDate'),
          endDate: q.get('endDate'),
          attendanceSum: p.attended,
          validAbsenceSum: p.valid,
          invalidAbsenceSum: p.invalid,
          otherAttendanceSum: 0,
          reportedSum: p.attended + p.valid + p.invalid,
          offeredSum: p.offered,
        }));
    }
    default:
      return null;
  }
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startSs12000Server(world: World, failures: Failures = {}): Promise<Ss12000TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    failures.onRequest?.(`${req.method} ${url.pathname}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/persons/lookup') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: 'invalid_token' });
        if (failures.lookupFails) return json(500, { error: 'internal' });
        const { ids = [] } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { ids?: string[] };
        const wanted = new Set(ids);
        const pupils = world.pupils.filter((p) => wanted.has(p.id)).map((p) => wirePerson(p, world));
        return json(200, { data: [...pupils, ...world.guardians.filter((g) => wanted.has(g.id)).map(wireGuardian)], pageToken: null });
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const expected = 'Basic ' + Buffer.from(`${encodeURIComponent(world.clientId)}:${encodeURIComponent(world.clientSecret)}`).toString('base64');
      req.resume();
      if (failures.tokenRefused || req.headers.authorization !== expected) return json(401, { error: 'invalid_client' });
      return json(200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 });
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: 'invalid_token' });
    // A follow-up page carries only pageToken and limit: the token holds the first query.
    const token = url.searchParams.get('pageToken');
    const first = token ? (JSON.parse(Buffer.from(token, 'base64url').toString()) as { q: string; offset: number }) : { q: url.search, offset: 0 };
    const q = new URLSearchParams(first.q);
    const unit = q.get('relationship.organisation') ?? q.get('organisation');
    if (unit && failures.serverErrorForUnits?.includes(unit)) return json(500, { error: 'internal' });
    const rows = listFor(world, url.pathname, q);
    if (!rows) return json(404, { error: 'not found' });
    const limit = Math.max(1, Number(url.searchParams.get('limit') ?? 100));
    // Small pages on purpose: every list of more than two rows is paged.
    const size = Math.min(limit, 2);
    const page = rows.slice(first.offset, first.offset + size);
    const next = first.offset + size < rows.length ? Buffer.from(JSON.stringify({ q: first.q, offset: first.offset + size })).toString('base64url') : null;
    return json(200, { data: page, pageToken: next });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    failures,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
