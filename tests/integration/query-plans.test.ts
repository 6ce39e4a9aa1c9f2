import request from 'supertest';
import type { Statement } from 'better-sqlite3';
import { aRound, anUpload, aSchool } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * Issue 19: the paged reads (review queue, round page with board and flag list, re-check
 * list, case page, statistics and their /api/v1 twins) must find their rows through
 * indexes. This test records every SQL statement those requests run and asks SQLite how
 * it runs each one (EXPLAIN QUERY PLAN): a statement that reads one of the big tables row
 * by row ("SCAN flags" without an index) fails it, and so does a read that stops using the
 * indexes of migration 022. Plans do not depend on how many rows there are (the database
 * is never ANALYZEd), so a small round shows the plans a round of 100,000 pupils gets.
 */

/** Tables that grow with pupils (per round, over the years). */
const BIG = new Set(['pupils', 'pupil_attendance', 'attendance', 'roster', 'flags', 'cases', 'school_pupils', 'school_guardians', 'followups', 'case_events']);

interface Run {
  sql: string;
  params: unknown[];
}

/** Records what env.db runs (SELECTs only) while `fn` does. */
async function recording(env: TestEnv, fn: () => Promise<void>): Promise<Run[]> {
  const runs: Run[] = [];
  const db = env.db;
  const prepare = db.prepare;
  const wrap = (stmt: Statement, sql: string): Statement =>
    new Proxy(stmt, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'all' || key === 'get' || key === 'iterate')
          return (...params: unknown[]) => {
            runs.push({ sql, params });
            return (value as (...a: unknown[]) => unknown).apply(target, params);
          };
        // raw(), pluck() return the statement: keep recording through it.
        return (...a: unknown[]) => {
          const r = (value as (...b: unknown[]) => unknown).apply(target, a);
          return r === target ? wrap(target, sql) : r;
        };
      },
    });
  db.prepare = ((sql: string) => {
    const stmt = prepare.call(db, sql) as Statement;
    return /^\s*(SELECT|WITH)\b/i.test(sql) ? wrap(stmt, sql) : stmt;
  }) as typeof db.prepare;
  try {
    await fn();
  } finally {
    db.prepare = prepare;
  }
  return runs;
}

/** Table name of every alias in the statement (`FROM flags f`, `JOIN cases AS c`). */
function aliases(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const table = m[1]!.toLowerCase();
    out.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !['where', 'on', 'join', 'left', 'inner', 'group', 'order', 'limit', 'using'].includes(alias)) out.set(alias, table);
  }
  return out;
}

function plan(env: TestEnv, run: Run): string[] {
  return (env.db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...run.params) as { detail: string }[]).map((r) => r.detail);
}

/** "SCAN flags" / "SCAN f" without an index, on a big table. */
function fullScans(run: Run, lines: string[]): string[] {
  const names = aliases(run.sql);
  return lines.filter((l) => {
    const m = /^SCAN (\w+)/.exec(l);
    if (!m || /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(l)) return false;
    return BIG.has(names.get(m[1]!.toLowerCase()) ?? m[1]!.toLowerCase());
  });
}

describe('query plans of the paged reads (issue 19)', () => {
  let env: TestEnv;
  let roundId: number;
  let token: string;
  let caseId: number;
  beforeAll(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    aSchool('33333333').build(env);
    roundId = (await aRound().open().build(env)).id;
    await anUpload(roundId, '11111111').withPupils([PUPILS[0], PUPILS[1], PUPILS[2]]).absentFrom(PUPILS[0], PUPILS[1]).commit(env);
    await anUpload(roundId, '22222222').withPupils([PUPILS[3], PUPILS[4]]).absentFrom(PUPILS[3]).commit(env);
    caseId = env.db.prepare('SELECT min(id) FROM cases').pluck().get() as number;
    token = env.services.tokens.create(env.services.auth.actorForEmail('samordnare@test.invalid')!, { name: 'test' }).token;
  });
  afterAll(() => env.close());

  const pages = (id: number, caseId: number) => [
    '/arenden',
    '/arenden?page=2',
    `/arenden?round=${id}`,
    '/arenden?school=11111111&state=all',
    '/arenden?assignee=none',
    `/omgangar/${id}`,
    `/omgangar/${id}?page=2&severity=high`,
    `/omgangar/${id}?school=11111111`,
    `/omgangar/${id}/aterkontroll`,
    `/arenden/${caseId}`,
    `/statistik/omgangar/${id}`,
  ];
  const apis = (id: number, caseId: number) => [
    '/api/v1/cases',
    `/api/v1/cases?round=${id}&limit=200`,
    `/api/v1/cases/${caseId}`,
    `/api/v1/rounds/${id}/schools`,
    `/api/v1/rounds/${id}/flags`,
    `/api/v1/rounds/${id}/flags?school=22222222&limit=10`,
    `/api/v1/rounds/${id}/flags?severity=medium`,
    `/api/v1/rounds/${id}/statistics`,
  ];

  let runs: Run[] = [];
  let coordinator: Awaited<ReturnType<typeof loginAs>>;
  beforeAll(async () => {
    coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    runs = await recording(env, async () => {
      for (const path of pages(roundId, caseId)) expect([path, (await coordinator.get(path)).status]).toEqual([path, 200]);
      expect((await principal.get(`/omgangar/${roundId}`)).status).toBe(200);
      for (const path of apis(roundId, caseId)) expect((await request(env.app).get(path).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    });
  });

  it('reads no big table row by row', () => {
    expect(runs.length).toBeGreaterThan(50);
    const offenders = runs.flatMap((run) => fullScans(run, plan(env, run)).map((line) => `${line}  ←  ${run.sql.replace(/\s+/g, ' ').slice(0, 200)}`));
    expect(offenders).toEqual([]);
  });

  it.each(['cases_queue_open', 'cases_queue_round', 'flags_active_order', 'flags_active_school'])('uses index %s of migration 022', (index) => {
    expect(runs.some((run) => plan(env, run).some((l) => l.includes(index)))).toBe(true);
  });

  it('fails a full scan (the check itself)', () => {
    const run = { sql: 'SELECT count(*) FROM flags f WHERE f.evidence LIKE ?', params: ['%x%'] };
    expect(fullScans(run, plan(env, run))).toEqual(['SCAN f']);
  });

  it('pages with counts: page, limit, total and pages in the API answers', async () => {
    const flags = await request(env.app).get(`/api/v1/rounds/${roundId}/flags?limit=1&page=2`).set('Authorization', `Bearer ${token}`);
    expect(flags.body).toMatchObject({ round: roundId, total: 3, page: 2, pages: 3, limit: 1 });
    expect(flags.body.flagged).toHaveLength(1);
    const cases = await request(env.app).get('/api/v1/cases?limit=2').set('Authorization', `Bearer ${token}`);
    expect(cases.body).toMatchObject({ total: 3, page: 1, pages: 2, limit: 2 });
    expect(cases.body.cases).toHaveLength(2);
    const tooMany = await request(env.app).get(`/api/v1/rounds/${roundId}/flags?limit=201`).set('Authorization', `Bearer ${token}`);
    expect(tooMany.status).toBe(400);
  });

  it('pages the round page and the re-check list: counts, page links with the filters kept', async () => {
    const page = await coordinator.get(`/omgangar/${roundId}?limit=1&page=2&severity=high`);
    expect(page.text).toContain('Visar 2–2 av 3');
    expect(page.text).toContain(`href="/omgangar/${roundId}?severity=high&amp;limit=1&amp;page=1#flaggade"`);
    expect(page.text).toContain(`href="/omgangar/${roundId}?severity=high&amp;limit=1&amp;page=3#flaggade"`);
    expect(page.text).toMatch(/aria-current="page"[^>]*>\s*<strong>2<\/strong>/);
    const recheck = await coordinator.get(`/omgangar/${roundId}/aterkontroll?school=11111111`);
    expect(recheck.text).toContain('Visar 1–2 av 2');
    const queue = await coordinator.get('/arenden?limit=2&page=2');
    expect(queue.text).toContain('Visar 3–3 av 3');
    expect(queue.text).toContain('href="/arenden?state=open&amp;limit=2&amp;page=1"');
  });
});

describe('the round board of a large municipality', () => {
  let env: TestEnv;
  afterAll(() => env.close());

  it('shows 50 schools a page with the status filter kept in the links', async () => {
    env = testEnv();
    await seedBasic(env.services);
    for (let i = 0; i < 50; i++)
      aSchool(String(30_000_000 + i))
        .named(`Skola ${String(i).padStart(2, '0')}`)
        .build(env);
    const roundId = (await aRound().open().build(env)).id;
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    const first = await coordinator.get(`/omgangar/${roundId}?status=not_started`);
    expect(first.text).toContain('Visar 1–50 av 52');
    expect(first.text).toContain(`href="/omgangar/${roundId}?status=not_started&amp;boardPage=2"`);
    const second = await coordinator.get(`/omgangar/${roundId}?status=not_started&boardPage=2`);
    expect(second.text).toContain('Visar 51–52 av 52');
    // The board is the page's first table: 50 schools, then the last two by name.
    const boardRows = (html: string) => html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).match(/<tr>/g)?.length;
    expect(boardRows(first.text)).toBe(50);
    expect(boardRows(second.text)).toBe(2);
    expect(second.text.slice(second.text.indexOf('<tbody>'), second.text.indexOf('</tbody>'))).toContain('Skola 49');
  });
});
