import ExcelJS from 'exceljs';
import request from 'supertest';
import { pdfText } from '../helpers/pdf-text';
import { appRoutes, fillPath, pathParams, variants, type AppRoute, type Side } from '../helpers/route-matrix';
import { CALLERS, ROUTE_TABLE, type Caller } from '../helpers/route-matrix-table';
import { EMAILS, PEOPLE, REFERENCE_B, seedMatrixWorld, type MatrixWorld } from '../helpers/route-matrix-world';
import { csrfFrom, loginAs, postForm, testEnv } from '../helpers/test-env';

/**
 * The role × route matrix (issue 16, finding 8). Every route the app registers is called
 * by every role and anonymously, with ids of the caller's own scope, of another school or
 * unit, and nonexistent ones. It fails on a 5xx; on a success (2xx, or a redirect other
 * than to the login page) for a role the table does not allow or for an id outside the
 * caller's scope; on an anonymous request not sent to the login page (401 for the API);
 * and on an answer (page, JSON, CSV, PDF text, spreadsheet cells) that shows an
 * out-of-scope pupil's name or number, unit B's reference, or the protected pupil's
 * name or full number. POSTs carry a valid CSRF token and an empty form: the point is who gets
 * through, not whether the form succeeds.
 */

type Agent = ReturnType<typeof request.agent>;
type Res = request.Response;

/** GET pages whose own-scope answer is legitimately not a success (no link token given). */
const GET_NEEDS_MORE = new Set(['GET /losenord']);
/** Routes that change the state others rely on run last: closing the round, ending the sessions. */
const RUN_LAST = ['POST /omgangar/:id/stang', 'POST /logout'];

const env = testEnv();
const routes = order(appRoutes(env.app));

let world: MatrixWorld;
const agents = {} as Record<Caller, Agent>;
const csrf = {} as Record<Caller, string>;

beforeAll(async () => {
  world = await seedMatrixWorld(env);
  for (const caller of CALLERS) {
    agents[caller] = caller === 'anonymous' ? request.agent(env.app) : await loginAs(env.app, EMAILS[caller]);
    csrf[caller] = csrfFrom((await agents[caller].get(caller === 'anonymous' ? '/login' : '/konto/api-nycklar')).text);
  }
}, 30_000);
afterAll(() => env.close());

describe('the role × route matrix', () => {
  it('has a row in the table for every registered route', () => {
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes
      .filter((r) => !(r.key in ROUTE_TABLE))
      .map((r) => `Ny route utan rad i behörighetstabellen: ${r.key} — lägg till vem som får anropa den (tests/helpers/route-matrix-table.ts)`);
    expect(missing).toEqual([]);
  });

  it('has no row for a route that no longer exists', () => {
    const registered = new Set(routes.map((r) => r.key));
    const stale = Object.keys(ROUTE_TABLE)
      .filter((k) => !registered.has(k))
      .map((k) => `Raden ${k} i behörighetstabellen har ingen route längre — ta bort den`);
    expect(stale).toEqual([]);
  });

  it('searches for what the app really prints: the seeded names, numbers and reference appear where they belong', async () => {
    const coordinator = agents.coordinator;
    const queue = (await coordinator.get('/arenden')).text;
    for (const p of [PEOPLE.a1, PEOPLE.b1, PEOPLE.b2]) {
      expect(queue).toContain(p.last);
      expect(queue).toContain(p.pn);
    }
    const referralB = (await coordinator.get(`/orosanmalningar/${world.value('referral', 'other', 'coordinator')}`)).text;
    expect(referralB).toContain(REFERENCE_B);
    // The protected pupil is stored with name and number, masked until a coordinator reveals it.
    expect(queue).toContain(`${PEOPLE.a5.pn.slice(0, 8)}-****`);
    const revealed = await postForm(coordinator, `/arenden/${world.protectedCaseId}`, `/arenden/${world.protectedCaseId}/visa-identitet`, {});
    expect(revealed.text).toContain(PEOPLE.a5.last);
    expect(revealed.text).toContain(PEOPLE.a5.pn);
    // Spreadsheets are searched by their cells.
    const xlsx = await call(
      { method: 'GET', path: '/omgangar/:id/status.xlsx', key: '' },
      'coordinator',
      `/omgangar/${world.value('round', 'own', 'coordinator')}/status.xlsx`,
    );
    expect(await bodyText(xlsx)).toContain('Betaskolan');
    for (const secret of world.secretsFor('principal')) expect(world.secretsFor('social_services')).toContain(secret);
  });

  it.each(routes.map((r) => [r.key, r] as const))('%s: refuses whom it must, stays in scope, never 5xx', async (_key, route) => {
    const allowed = ROUTE_TABLE[route.key];
    if (!allowed) throw new Error(`Ny route utan rad i behörighetstabellen: ${route.key} — lägg till vem som får anropa den`);
    const params = pathParams(route.path);
    const failures: string[] = [];
    for (const caller of CALLERS) {
      for (const sides of variants(params)) {
        const filled = params.map((p, i) => ({ kind: p.kind, side: sides[i]! }));
        const url = fillPath(route.path, Object.fromEntries(params.map((p, i) => [p.name, world.value(p.kind, sides[i]!, caller)])));
        const res = await call(route, caller, url);
        const what = `${caller} ${route.method} ${url}${sides.length ? ` [${sides.join(',')}]` : ''} → ${res.status}${res.headers.location ? ` ${res.headers.location}` : ''}`;
        const roleAllowed = allowed.includes(caller);
        const inScope = world.exists(filled) && filled.every((f) => f.side === 'own' || world.seesOther(f.kind, caller));
        failures.push(...(await judge(route, caller, res, roleAllowed, inScope, sides)).map((why) => `${what}: ${why}`));
      }
    }
    expect(failures).toEqual([]);
  });
});

/** What is wrong with one answer (nothing, most of the time). */
async function judge(route: AppRoute, caller: Caller, res: Res, roleAllowed: boolean, inScope: boolean, sides: Side[]): Promise<string[]> {
  const problems: string[] = [];
  const api = route.path.startsWith('/api/');
  const location = String(res.headers.location ?? '');
  const toLogin = res.status >= 300 && res.status < 400 && /^\/login(\?|$)/.test(location);
  const through = (res.status >= 200 && res.status < 300) || (res.status >= 300 && res.status < 400 && !toLogin);
  if (res.status >= 500) problems.push('serverfel (5xx)');
  if (through && !roleAllowed) problems.push('rollen får inte anropa routen men släpptes igenom');
  else if (through && !inScope) problems.push('id utanför anroparens behörighet eller som inte finns, men släpptes igenom (ska bli 404/403)');
  if (caller === 'anonymous' && !roleAllowed) {
    if (api && res.status !== 401) problems.push('anonymt API-anrop ska få 401');
    if (!api && !(res.status === 303 && toLogin)) problems.push('anonym sidförfrågan ska skickas till inloggningen');
  }
  // A logged-in role the table allows must reach its own pages, or the matrix tests nothing.
  if (
    caller !== 'anonymous' &&
    roleAllowed &&
    inScope &&
    route.method === 'GET' &&
    sides.every((s) => s === 'own') &&
    !through &&
    !GET_NEEDS_MORE.has(route.key)
  ) {
    problems.push('tillåten roll med egna id:n nekas — matrisen når inte sidan (seed eller tabell fel?)');
  }
  const body = await bodyText(res);
  for (const secret of world.secretsFor(caller)) if (body.includes(secret)) problems.push(`svaret visar "${secret}" som ligger utanför anroparens behörighet`);
  return problems;
}

async function call(route: AppRoute, caller: Caller, url: string): Promise<Res> {
  const api = url.startsWith('/api/');
  const client = api ? request(env.app) : agents[caller];
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = client[method](url).redirects(0);
  if (api) {
    const token = world.apiTokens[caller];
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (method !== 'get') req = req.send({});
  } else if (method !== 'get') {
    req = req.type('form').send({ _csrf: csrf[caller] });
  }
  // Every body as bytes: PDFs and spreadsheets are searched too.
  return await req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

/** The text a person would read in the answer: the page or JSON, a PDF's text, a spreadsheet's cells. */
async function bodyText(res: Res): Promise<string> {
  const buf = Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0);
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/pdf')) return pdfText(buf);
  if (type.startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.text))));
    return cells.join('\n');
  }
  return buf.toString('utf8');
}

/** GETs first, then the rest; the few routes that change what others rely on at the very end. */
function order(list: AppRoute[]): AppRoute[] {
  const rank = (r: AppRoute) => (RUN_LAST.includes(r.key) ? 2 + RUN_LAST.indexOf(r.key) : r.method === 'GET' ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b));
}
