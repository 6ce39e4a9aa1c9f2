import ExcelJS from 'exceljs';
import request from 'supertest';
import { CaseHistoryWriter } from '../../src/demo/case-history-writer';
import { aRound, anUpload, aSchool } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { PUPILS, short } from '../helpers/personal-numbers';
import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * A seeded municipality of two rounds, every figure worked out by hand:
 *
 * Round A, "Sommarlovet 2025" (summer, term start Mon 18 Aug 2025, 5-day window 18–22 Aug,
 * deadline 29 Aug), schools Alfa, Beta and Gamma:
 * - Alfa has P0–P4 (5 pupils). P0 is on the watch list and absent without excuse every
 *   day (not-returned + watch-listed, high). P1 is absent without excuse 3 days in the
 *   first file (unexplained-absence), then a new file shows him present: that flag is
 *   cleared. P2 has excused absence every day (not-returned, medium). P3 is on the watch
 *   list but present. P4 present. Alfa confirms its report (2 flagged pupils).
 * - Beta has P5–P8 (4 pupils), all present: nil report. Gamma never uploads nor reports.
 * - Cases (as the case service will write them), days counted from 18 Aug:
 *   P0 referred 26 Aug (day 8), acknowledged 27 Aug, closed abroad_without_leave, located 1 Sep (day 14);
 *   P1 closed returned, located 20 Aug (day 2); P2 investigating, not located;
 *   P3 (watch list, came back) has a new case, not located;
 *   P4 added by hand, closed new_school_sweden, located 15 Sep (day 28).
 * Round B, "Jullovet 2026" (christmas, term start 8 Jan 2026), Alfa and Beta, everyone present: no flags.
 */
const NAMES = ['Amal', 'Bertil', 'Cecilia', 'David', 'Eva', 'Filip', 'Greta', 'Hassan', 'Ines'];
const WINDOW_A = ['2025-08-18', '2025-08-19', '2025-08-20', '2025-08-21', '2025-08-22'];
const WINDOW_B = ['2026-01-08', '2026-01-09', '2026-01-12', '2026-01-13', '2026-01-14'];

function file(pupils: number[], days: string[], status: (pupil: number, day: number) => string): Buffer {
  return csv([
    ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro'],
    ...pupils.flatMap((p) => days.map((d, i) => [PUPILS[p]!, NAMES[p]!, 'Testberg', d, status(p, i)])),
  ]);
}
/** Commits a school's file in a round; `name` is the file name the history shows. */
const upload = (env: TestEnv, round: number, school: string, name: string, content: Buffer) => anUpload(round, school).file(content).named(name).commit(env);

async function seedRounds(env: TestEnv): Promise<{ a: number; b: number; draft: number }> {
  const s = env.services;
  await seedBasic(s);
  aSchool('33333333').build(env);
  env.clock.now = new Date('2025-06-10T08:00:00Z');
  const a = (await aRound().named('Sommarlovet 2025').after('summer', '2025-08-18').windowDays(5).deadline('2025-08-29').build(env)).id;
  s.watchList.add(admin, a, '11111111', { personalNumber: PUPILS[0], reasons: ['pupil_worry'] });
  s.watchList.add(admin, a, '11111111', { personalNumber: PUPILS[3], reasons: ['friend_worry'] });
  await s.rounds.open(admin, a);
  env.clock.now = new Date('2025-08-25T08:00:00Z');
  const alfa = (p: number, d: number) => (p === 0 ? 'Ogiltig frånvaro' : p === 1 && d < 3 ? 'Ogiltig frånvaro' : p === 2 ? 'Giltig frånvaro' : 'Närvarande');
  await upload(env, a, '11111111', 'alfa.csv', file([0, 1, 2, 3, 4], WINDOW_A, alfa));
  // The school's corrected file: P1 was present after all; his flag is cleared, not deleted.
  await upload(
    env,
    a,
    '11111111',
    'alfa2.csv',
    file([0, 1, 2, 3, 4], WINDOW_A, (p, d) => (p === 1 ? 'Närvarande' : alfa(p, d))),
  );
  await upload(
    env,
    a,
    '22222222',
    'beta.csv',
    file([5, 6, 7, 8], WINDOW_A, () => 'Närvarande'),
  );
  s.schoolReports.confirm(admin, a, '11111111', { statement: 'Uppföljningen är registrerad.' });
  s.schoolReports.confirm(admin, a, '22222222', { statement: 'Alla elever är tillbaka.' });

  const fx = CaseHistoryWriter.open(env.config.databaseFile);
  const alfaId = fx.schoolId('11111111');
  const pupil = (i: number) => fx.pupilId(PUPILS[i]!);
  fx.addCase({
    roundId: a,
    pupilId: pupil(0),
    schoolId: alfaId,
    watchListed: true,
    state: 'closed',
    outcome: 'abroad_without_leave',
    createdAt: '2025-08-25T09:00:00Z',
    locatedAt: '2025-09-01T10:00:00Z',
    closedAt: '2025-09-01T10:00:00Z',
    referral: { sentAt: '2025-08-26T09:00:00Z', acknowledgedAt: '2025-08-27T13:00:00Z' },
  });
  fx.addCase({
    roundId: a,
    pupilId: pupil(1),
    schoolId: alfaId,
    severity: 'medium',
    state: 'closed',
    outcome: 'returned',
    createdAt: '2025-08-19T09:00:00Z',
    locatedAt: '2025-08-20T08:00:00Z',
    closedAt: '2025-08-20T08:00:00Z',
  });
  fx.addCase({ roundId: a, pupilId: pupil(2), schoolId: alfaId, severity: 'medium', state: 'investigating', createdAt: '2025-08-25T09:00:00Z' });
  fx.addCase({
    roundId: a,
    pupilId: pupil(3),
    schoolId: alfaId,
    origin: 'watch_list',
    watchListed: true,
    severity: 'medium',
    state: 'new',
    createdAt: '2025-08-18T06:00:00Z',
  });
  fx.addCase({
    roundId: a,
    pupilId: pupil(4),
    schoolId: alfaId,
    origin: 'manual',
    severity: 'low',
    state: 'closed',
    outcome: 'new_school_sweden',
    createdAt: '2025-09-02T09:00:00Z',
    locatedAt: '2025-09-15T12:00:00Z',
    closedAt: '2025-09-15T12:00:00Z',
  });
  fx.close();
  s.rounds.close(admin, a);

  env.clock.now = new Date('2025-12-01T08:00:00Z');
  const b = (
    await aRound()
      .named('Jullovet 2026')
      .after('christmas', '2026-01-08')
      .windowDays(5)
      .deadline('2026-01-16')
      .forSchools('11111111', '22222222')
      .open()
      .build(env)
  ).id;
  env.clock.now = new Date('2026-01-15T08:00:00Z');
  await upload(
    env,
    b,
    '11111111',
    'alfa.csv',
    file([0, 1, 2, 3, 4], WINDOW_B, () => 'Närvarande'),
  );
  await upload(
    env,
    b,
    '22222222',
    'beta.csv',
    file([5, 6, 7, 8], WINDOW_B, () => 'Närvarande'),
  );
  s.schoolReports.confirm(admin, b, '11111111', { statement: 'Alla elever är tillbaka.' });
  s.schoolReports.confirm(admin, b, '22222222', { statement: 'Alla elever är tillbaka.' });
  const draft = (await aRound().named('Påsklovet 2026').after('easter', '2026-04-13').build(env)).id;
  env.clock.now = new Date('2026-02-02T08:00:00Z');
  return { a, b, draft };
}

/** Every name and every form of every personal number the seed used: none may leave in statistics. */
function expectNoPersonalData(text: string): void {
  for (const pn of PUPILS) {
    expect(text).not.toContain(pn);
    expect(text).not.toContain(short(pn));
    expect(text).not.toContain(pn.replace('-', ''));
    expect(text).not.toContain(pn.slice(0, 8));
  }
  for (const name of [...NAMES, 'Testberg']) expect(text).not.toContain(name);
}

async function xlsxText(buffer: Buffer): Promise<{ sheets: string[]; text: string; cells: (string | number)[][][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const cells = wb.worksheets.map((ws) => {
    const rows: (string | number)[][] = [];
    ws.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
    return rows;
  });
  return { sheets: wb.worksheets.map((w) => w.name), text: JSON.stringify(cells), cells };
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('statistics', () => {
  let env: TestEnv;
  let ids: { a: number; b: number; draft: number };
  beforeAll(async () => {
    env = testEnv();
    ids = await seedRounds(env);
  });
  afterAll(() => env.close());

  const row = (table: { rows: { label: string; values: (number | null)[] }[] }, label: string) => table.rows.find((r) => r.label === label)!.values;

  it('computes the round report for the municipality as worked out by hand', () => {
    const r = env.services.stats.roundReport(admin, ids.a);
    const f = r.total;
    expect(f.pupilsMapped).toBe(9);
    expect(f.schools).toEqual({ participating: 3, reported: 1, nil: 1, overdue: 1, pending: 0 });
    expect(f.flaggedPupils).toBe(2);
    expect(f.bySeverity).toEqual({ high: 1, medium: 1, low: 0 });
    expect(f.byRule).toEqual(
      expect.objectContaining({ 'not-returned': 2, 'watch-listed': 1, 'unexplained-absence': 0, 'long-absence': 0, 'vanished-from-roster': 0 }),
    );
    expect(f.clearedFlags).toBe(1);
    expect(f.cases).toBe(5);
    expect(f.located).toEqual({ week1: 1, week3: 1, later: 1, notLocated: 2 });
    expect(f.medianDaysToLocated).toBe(14);
    expect(f.outcomes).toEqual(
      expect.objectContaining({ returned: 1, new_school_sweden: 1, abroad_without_leave: 1, whereabouts_unknown: 0, suspected_taken_abroad: 0 }),
    );
    expect(Object.values(f.outcomes).reduce((a, b) => a + b, 0)).toBe(3);
    expect(f.openCases).toBe(2);
    expect([f.referralsSent, f.referralsAcknowledged, f.casesReferred, f.medianDaysToReferral]).toEqual([1, 1, 1, 8]);
    expect(f.watch).toEqual({ entries: 2, flagged: 1, notFlagged: 1, withCase: 2, located: 1, referred: 1, referredBeforeBreak: 0 });
    expect(f.transfers).toEqual({ municipal_school: 0, other_municipality: 0, abroad: 0, unregistered: 0 });
  });

  it('breaks the round down by school, including a school that never reported', () => {
    const tables = Object.fromEntries(env.services.stats.roundReport(admin, ids.a).tables.map((t) => [t.key, t]));
    expect(Object.keys(tables)).toEqual(['schools', 'flags', 'located', 'outcomes', 'referrals', 'watchList', 'transfers']);
    // pupils, participating, reported, nil, overdue, pending
    expect(row(tables.schools!, 'Alfaskolan')).toEqual([5, 1, 1, 0, 0, 0]);
    expect(row(tables.schools!, 'Betaskolan')).toEqual([4, 1, 0, 1, 0, 0]);
    expect(row(tables.schools!, 'Gammaskolan')).toEqual([0, 1, 0, 0, 1, 0]);
    expect(row(tables.schools!, 'Hela kommunen')).toEqual([9, 3, 1, 1, 1, 0]);
    // cases, week1, week3, later, not located, median days
    expect(row(tables.located!, 'Alfaskolan')).toEqual([5, 1, 1, 1, 2, 14]);
    expect(row(tables.located!, 'Betaskolan')).toEqual([0, 0, 0, 0, 0, null]);
    expect(row(tables.located!, 'Gammaskolan')).toEqual([0, 0, 0, 0, 0, null]);
    expect(row(tables.referrals!, 'Hela kommunen')).toEqual([1, 1, 1, 8]);
    expect(row(tables.flags!, 'Alfaskolan').slice(0, 4)).toEqual([2, 1, 1, 0]);
    expect(row(tables.flags!, 'Betaskolan').slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(tables.schools!.rows.map((r) => r.label)).toEqual(['Alfaskolan', 'Betaskolan', 'Gammaskolan', 'Hela kommunen']);
  });

  it('gives zeros and undefined medians for a round with no flags', () => {
    const f = env.services.stats.roundReport(admin, ids.b).total;
    expect([f.pupilsMapped, f.flaggedPupils, f.cases, f.referralsSent, f.clearedFlags]).toEqual([9, 0, 0, 0, 0]);
    expect(f.schools).toEqual({ participating: 2, reported: 0, nil: 2, overdue: 0, pending: 0 });
    expect(f.medianDaysToLocated).toBeNull();
    expect(f.medianDaysToReferral).toBeNull();
    expect(f.located).toEqual({ week1: 0, week3: 0, later: 0, notLocated: 0 });
  });

  it('compares rounds over time: per round, and summer against Christmas per school year', () => {
    const trends = env.services.stats.trends(admin);
    expect(trends.points.map((p) => [p.round.name, p.round.schoolYear, p.flaggedPupils, p.cases, p.referralsSent])).toEqual([
      ['Sommarlovet 2025', '2025/26', 2, 5, 1],
      ['Jullovet 2026', '2025/26', 0, 0, 0],
    ]);
    expect(trends.tables.byBreak.columns).toEqual(['Sommarlov', 'Jullov']);
    expect(trends.tables.byBreak.rows).toEqual([{ label: '2025/26', code: null, values: [2, 0] }]);
    expect(trends.tables.perRound.rows[0]!.values).toEqual([9, 2, 5, 1, 1, 1, 2, 1, 1, 14, 8]);
  });

  it('feeds back per rule and rule-set version what the flags led to', () => {
    const fb = env.services.stats.ruleFeedback(admin);
    // flags, cleared, no case, open, 9 outcomes (returned … suspected_taken_abroad), located share
    expect(fb.rows.find((r) => r.code === 'not-returned')!.values).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 100]);
    expect(fb.rows.find((r) => r.code === 'watch-listed')!.values).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 100]);
    expect(fb.rows.find((r) => r.code === 'unexplained-absence')!.values).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null]);
    expect(fb.rows.map((r) => r.label)).toContain('Har inte kommit tillbaka (version 1)');
    expect(() => env.services.stats.ruleFeedback(env.services.auth.actorForEmail('samordnare@test.invalid')!)).toThrow('behörighet');
  });

  describe('county board export', () => {
    afterEach(() => {
      env.services.settings.set(admin, 'statsSuppressionThreshold', 5);
      env.services.settings.set(admin, 'statsMinSchoolSize', 10);
    });
    const columns = () => env.services.stats.county(admin, ids.a).columns;
    const cell = (c: ReturnType<typeof env.services.stats.county>, label: string, column: string) =>
      c.rows.find((r) => r.label === label)!.values[columns().indexOf(column)];

    it('shows 0 as 0, 1 and 4 as "<5", 5 as 5, and leaves out schools below the minimum size', () => {
      env.services.settings.set(admin, 'statsMinSchoolSize', 5);
      const c = env.services.stats.county(admin, ids.a);
      expect(c.rows.map((r) => r.label)).toEqual(['Alfaskolan', 'Hela kommunen']);
      expect(c.hiddenSchools).toBe(2);
      expect(c.period).toEqual({ from: '2025-08-18', to: '2025-08-22' });
      expect(cell(c, 'Alfaskolan', 'Kartlagda elever')).toBe('5'); // 5
      expect(cell(c, 'Alfaskolan', 'Ej lokaliserade')).toBe('<5'); // 2
      expect(cell(c, 'Alfaskolan', 'Flaggade elever')).toBe('<5'); // 2
      expect(cell(c, 'Hela kommunen', 'Lokaliserade')).toBe('<5'); // 3
      expect(cell(c, 'Alfaskolan', 'Ärenden')).toBe('5'); // 5
      expect(cell(c, 'Alfaskolan', 'Orosanmälningar skickade')).toBe('<5'); // 1
      expect(cell(c, 'Alfaskolan', 'Till annan kommun')).toBe('0'); // 0
      expect(cell(c, 'Hela kommunen', 'Kartlagda elever')).toBe('9');
      expect(c.definitions.join(' ')).toContain('”<5”');
      env.services.settings.set(admin, 'statsMinSchoolSize', 0);
      expect(cell(env.services.stats.county(admin, ids.a), 'Betaskolan', 'Kartlagda elever')).toBe('<5'); // 4
    });

    it('hides the next smallest school too when only one is below the minimum, and follows the threshold setting', () => {
      env.services.settings.set(admin, 'statsMinSchoolSize', 1);
      env.services.settings.set(admin, 'statsSuppressionThreshold', 3);
      const c = env.services.stats.county(admin, ids.a);
      expect(c.rows.map((r) => r.label)).toEqual(['Alfaskolan', 'Hela kommunen']); // Gamma (0) is too small, so Beta (4) is hidden too
      expect(cell(c, 'Alfaskolan', 'Ärenden')).toBe('5');
      expect(cell(c, 'Alfaskolan', 'Ej lokaliserade')).toBe('<3'); // 2
      expect(cell(c, 'Alfaskolan', 'Orosanmälningar skickade')).toBe('<3');
      env.services.settings.set(admin, 'statsMinSchoolSize', 0);
      expect(env.services.stats.county(admin, ids.a).rows.map((r) => r.label)).toEqual(['Alfaskolan', 'Betaskolan', 'Gammaskolan', 'Hela kommunen']);
    });

    it('saves the two settings from the settings page', async () => {
      const agent = await loginAs(env.app, 'admin@test.invalid');
      const page = await agent.get('/admin/installningar');
      expect(page.text).toContain('Statistik: gräns för små tal');
      const bad = await postForm(agent, '/admin/installningar', '/admin/installningar', {
        municipalityName: 'Testkommun',
        statsSuppressionThreshold: 'fem',
        statsMinSchoolSize: '10',
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Gränsen för små tal anges som ett heltal');
      const ok = await postForm(agent, '/admin/installningar', '/admin/installningar', {
        municipalityName: 'Testkommun',
        statsSuppressionThreshold: '3',
        statsMinSchoolSize: '20',
      });
      expect(ok.status).toBe(303);
      expect(env.services.settings.get('statsSuppressionThreshold')).toBe(3);
      expect(env.services.settings.get('statsMinSchoolSize')).toBe(20);
    });
  });

  describe('pages and exports', () => {
    it('lets admins and coordinators read every page and export, with no name or personal number anywhere', async () => {
      for (const email of ['admin@test.invalid', 'samordnare@test.invalid']) {
        const agent = await loginAs(env.app, email);
        const start = await agent.get(email.startsWith('admin') ? '/admin' : '/samordnare');
        expect(start.text).toContain('href="/statistik"');
        for (const path of [
          '/statistik',
          '/statistik/utveckling',
          `/statistik/omgangar/${ids.a}`,
          `/statistik/omgangar/${ids.a}/utskrift`,
          `/statistik/omgangar/${ids.a}/lansstyrelsen`,
          `/statistik/omgangar/${ids.b}`,
        ]) {
          const res = await agent.get(path);
          expect(res.status).toBe(200);
          expectNoPersonalData(res.text);
        }
        for (const path of [`/statistik/omgangar/${ids.a}/statistik.xlsx`, `/statistik/omgangar/${ids.a}/lansstyrelsen.xlsx`]) {
          const res = await agent.get(path).buffer(true).parse(binary);
          expect(res.status).toBe(200);
          expect(res.headers['content-type']).toContain('spreadsheetml');
          expectNoPersonalData((await xlsxText(res.body as Buffer)).text);
          expectNoPersonalData((res.body as Buffer).toString('latin1'));
        }
      }
    });

    it('renders the report page with the hand-worked figures and the trends page with charts and tables', async () => {
      const agent = await loginAs(env.app, 'samordnare@test.invalid');
      const page = (await agent.get(`/statistik/omgangar/${ids.a}`)).text;
      expect(page).toContain('9 elever kartlagda på 3 skolor');
      expect(page).toContain('2 elever flaggade');
      expect(page).toContain('5 ärenden, varav 3 lokaliserade');
      expect(page).toContain('Gammaskolan');
      const print = (await agent.get(`/statistik/omgangar/${ids.a}/utskrift`)).text;
      expect(print).not.toContain('app-nav');
      expect(print).toContain('Utfall av avslutade ärenden');
      const trends = (await agent.get('/statistik/utveckling')).text;
      expect(trends.match(/<canvas /g)).toHaveLength(3);
      expect(trends.match(/<table /g)).toHaveLength(3);
      expect(trends).toContain('<script src="/assets/vendor/chart.umd.min.js"></script>');
      expect(trends).toContain('type="application/json"');
      const chartJs = await agent.get('/assets/vendor/chart.umd.min.js');
      expect(chartJs.status).toBe(200);
      expect((await agent.get('/assets/stats-charts.js')).status).toBe(200);
    });

    it('writes one sheet per table in the .xlsx, neutralising nothing that is a number', async () => {
      const { sheets, cells } = await xlsxText(await env.services.stats.roundXlsx(admin, ids.a));
      expect(sheets).toEqual([
        'Skolor och rapportering',
        'Flaggade elever per regel och a',
        'Lokaliserade elever',
        'Utfall av avslutade ärenden',
        'Orosanmälningar',
        'Bevakningslistan före lovet',
        'Registrerade flyttar',
      ]);
      const located = cells[2]!;
      expect(located.find((r) => r[0] === 'Alfaskolan')).toEqual(['Alfaskolan', '11111111', 5, 1, 1, 1, 2, 14]);
      expect(located.find((r) => r[0] === 'Betaskolan')!.slice(-1)).toEqual(['–']);
    });

    it('shows the rule feedback on the rules page next to each rule', async () => {
      const agent = await loginAs(env.app, 'admin@test.invalid');
      const res = await agent.get('/admin/regler');
      expect(res.text).toContain('Vad reglernas flaggor ledde till');
      expect(res.text).toContain('Har inte kommit tillbaka (version 1): 2 flaggor, 0 avskrivna, 100 % lokaliserade');
      expectNoPersonalData(res.text);
    });

    it('refuses principals and social services, and has no statistics for a draft or unknown round', async () => {
      for (const email of ['rektor@test.invalid', 'soc@test.invalid']) {
        const agent = await loginAs(env.app, email);
        expect((await agent.get('/statistik')).status).toBe(403);
        expect((await agent.get(`/statistik/omgangar/${ids.a}/statistik.xlsx`)).status).toBe(403);
      }
      const agent = await loginAs(env.app, 'admin@test.invalid');
      expect((await agent.get(`/statistik/omgangar/${ids.draft}`)).status).toBe(404);
      expect((await agent.get('/statistik/omgangar/9999')).status).toBe(404);
    });
  });

  describe('JSON API', () => {
    const token = (email: string) => env.services.tokens.create(env.services.auth.actorForEmail(email)!, { name: 'stats' }).token;

    it('gives admins and coordinators the round statistics and the trends', async () => {
      for (const email of ['admin@test.invalid', 'samordnare@test.invalid']) {
        const auth = `Bearer ${token(email)}`;
        const round = await request(env.app).get(`/api/v1/rounds/${ids.a}/statistics`).set('Authorization', auth);
        expect(round.status).toBe(200);
        expect(round.body.round).toEqual(expect.objectContaining({ id: ids.a, name: 'Sommarlovet 2025', breakType: 'summer', termStart: '2025-08-18' }));
        expect(round.body.totals.flaggedPupils).toBe(2);
        expect(round.body.totals.located).toEqual({ week1: 1, week3: 1, later: 1, notLocated: 2 });
        expect(round.body.tables).toHaveLength(7);
        expectNoPersonalData(round.text);
        const trends = await request(env.app).get('/api/v1/statistics/trends').set('Authorization', auth);
        expect(trends.status).toBe(200);
        expect(trends.body.rounds.map((r: { round: { name: string } }) => r.round.name)).toEqual(['Sommarlovet 2025', 'Jullovet 2026']);
        expect(trends.body.tables.byBreak.rows[0].values).toEqual([2, 0]);
        expectNoPersonalData(trends.text);
      }
    });

    it('answers 403 to principals and social services, 404 for a draft or unknown round, 401 without a token', async () => {
      for (const email of ['rektor@test.invalid', 'soc@test.invalid']) {
        const auth = `Bearer ${token(email)}`;
        const round = await request(env.app).get(`/api/v1/rounds/${ids.a}/statistics`).set('Authorization', auth);
        expect(round.status).toBe(403);
        expect(round.body.error.code).toBe('forbidden');
        expect((await request(env.app).get('/api/v1/statistics/trends').set('Authorization', auth)).status).toBe(403);
      }
      const auth = `Bearer ${token('admin@test.invalid')}`;
      expect((await request(env.app).get(`/api/v1/rounds/${ids.draft}/statistics`).set('Authorization', auth)).status).toBe(404);
      expect((await request(env.app).get('/api/v1/rounds/abc/statistics').set('Authorization', auth)).status).toBe(404);
      expect((await request(env.app).get('/api/v1/statistics/trends')).status).toBe(401);
    });

    it('audits every read and export', () => {
      const reads = env.services.audit.list(admin, { action: 'stats.read' }, 1, 500).total;
      const exports = env.services.audit.list(admin, { action: 'stats.export' }, 1, 500).total;
      expect(reads).toBeGreaterThan(0);
      expect(exports).toBeGreaterThan(0);
      expect(env.services.audit.list(admin, { action: 'access.denied' }, 1, 500).total).toBeGreaterThan(0);
    });
  });
});

describe('statistics before any round', () => {
  it('says so on the index and trends pages, and the API gives empty trends', async () => {
    const env = testEnv();
    try {
      await seedBasic(env.services);
      const agent = await loginAs(env.app, 'admin@test.invalid');
      expect((await agent.get('/statistik')).text).toContain('Ingen omgång har öppnats än.');
      const trends = await agent.get('/statistik/utveckling');
      expect(trends.text).toContain('så det finns inget att jämföra');
      expect(trends.text).not.toContain('<canvas');
      const token = env.services.tokens.create(env.services.auth.actorForEmail('samordnare@test.invalid')!, { name: 'stats' }).token;
      const api = await request(env.app).get('/api/v1/statistics/trends').set('Authorization', `Bearer ${token}`);
      expect(api.body.rounds).toEqual([]);
      expect(env.services.stats.ruleFeedback(admin).rows).toEqual([]);
      expect((await agent.get('/admin/regler')).text).toContain('Inga flaggor än.');
    } finally {
      env.close();
    }
  });
});
