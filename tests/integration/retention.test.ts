import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../src/cli/run';
import { CaseHistoryWriter } from '../../src/demo/case-history-writer';
import { FeedRepository } from '../../src/feeds';
import { csv, tempFile } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * Round A "Sommarlovet 2025" (term start Mon 18 Aug 2025, 5-day window), closed 25 Aug 2025:
 * Alfa has P0–P3, Beta P5–P6. P0 absent without excuse (flagged; case closed, referral sent),
 * P1 absent with excuse (flagged; case closed, no referral), P2 absent without excuse (case
 * still under investigation: an open case), P3 on the watch list but present (case closed).
 * Round B "Höstlovet 2026" (term start 2 Nov 2026), Alfa with P0–P3, all present: recent.
 * The clock then stands on 26 Sep 2026 + …, 13 months after round A closed.
 */
const WINDOW_A = ['2025-08-18', '2025-08-19', '2025-08-20', '2025-08-21', '2025-08-22'];
const WINDOW_B = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const TABLES = [
  'roster',
  'pupil_attendance',
  'flags',
  'watch_list',
  'followups',
  'cases',
  'referrals',
  'pupils',
  'school_guardians',
  'school_pupils',
  'uploads',
  'audit_log',
];

function file(pupils: number[], days: string[], status: (p: number) => string): string {
  const rows = [
    ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro'],
    ...pupils.flatMap((p) => days.map((d) => [PUPILS[p]!, `Elev${p}`, 'Testberg', d, status(p)])),
  ];
  return tempFile('narvaro.csv', csv(rows));
}

async function seed(env: TestEnv): Promise<{ a: number; b: number }> {
  const s = env.services;
  await seedBasic(s);
  env.clock.now = new Date('2025-06-10T08:00:00Z');
  const a = s.rounds.create(admin, { name: 'Sommarlovet 2025', breakType: 'summer', termStart: '2025-08-18', windowDays: 5, deadline: '2025-08-29' }).id;
  s.watchList.add(admin, a, '11111111', { personalNumber: PUPILS[3], reasons: ['friend_worry'] });
  await s.rounds.open(admin, a);
  env.clock.now = new Date('2025-08-25T08:00:00Z');
  const alfa = (p: number) => (p === 0 || p === 2 ? 'Ogiltig frånvaro' : p === 1 ? 'Giltig frånvaro' : 'Närvarande');
  await s.imports.importFile(admin, { roundId: a, schoolCode: '11111111', filePath: file([0, 1, 2, 3], WINDOW_A, alfa), fileName: 'alfa.csv' });
  await s.imports.importFile(admin, { roundId: a, schoolCode: '22222222', filePath: file([5, 6], WINDOW_A, () => 'Närvarande'), fileName: 'beta.csv' });
  s.schoolReports.confirm(admin, a, '22222222', { statement: 'Alla elever är tillbaka.' });
  const fx = CaseHistoryWriter.open(env.config.databaseFile);
  const alfaId = fx.schoolId('11111111');
  const pupil = (i: number) => fx.pupilId(PUPILS[i]!);
  fx.addCase({
    roundId: a,
    pupilId: pupil(0),
    schoolId: alfaId,
    state: 'closed',
    outcome: 'abroad_without_leave',
    createdAt: '2025-08-25T09:00:00Z',
    locatedAt: '2025-09-01T10:00:00Z',
    closedAt: '2025-09-01T10:00:00Z',
    referral: { sentAt: '2025-08-26T09:00:00Z' },
  });
  fx.addCase({
    roundId: a,
    pupilId: pupil(1),
    schoolId: alfaId,
    severity: 'medium',
    state: 'closed',
    outcome: 'returned',
    createdAt: '2025-08-25T09:00:00Z',
    locatedAt: '2025-08-26T08:00:00Z',
    closedAt: '2025-08-26T08:00:00Z',
  });
  fx.addCase({ roundId: a, pupilId: pupil(2), schoolId: alfaId, state: 'investigating', createdAt: '2025-08-25T09:00:00Z' });
  fx.addCase({
    roundId: a,
    pupilId: pupil(3),
    schoolId: alfaId,
    origin: 'watch_list',
    watchListed: true,
    severity: 'medium',
    state: 'closed',
    outcome: 'returned',
    createdAt: '2025-08-25T09:00:00Z',
    locatedAt: '2025-08-25T10:00:00Z',
    closedAt: '2025-08-25T10:00:00Z',
  });
  fx.close();
  env.clock.now = new Date('2025-09-10T08:00:00Z');
  s.rounds.close(admin, a);

  env.clock.now = new Date('2026-09-01T08:00:00Z');
  const b = s.rounds.create(admin, { name: 'Höstlovet 2026', breakType: 'autumn', termStart: '2026-11-02', windowDays: 5, schoolCodes: ['11111111'] }).id;
  await s.rounds.open(admin, b);
  env.clock.now = new Date('2026-11-09T08:00:00Z');
  await s.imports.importFile(admin, { roundId: b, schoolCode: '11111111', filePath: file([0, 1, 2, 3], WINDOW_B, () => 'Närvarande'), fileName: 'alfa-b.csv' });
  // 13 months after round A closed (10 Sep 2025 → 10 Oct 2026 and later).
  env.clock.now = new Date('2026-11-10T08:00:00Z');
  return { a, b };
}

function db(env: TestEnv): Database.Database {
  return new Database(env.config.databaseFile, { readonly: true });
}

function counts(env: TestEnv, roundId?: number): Record<string, number> {
  const d = db(env);
  try {
    return Object.fromEntries(
      TABLES.map((t) => {
        const hasRound =
          roundId !== undefined && (d.prepare(`SELECT count(*) FROM pragma_table_info('${t}') WHERE name = 'round_id'`).pluck().get() as number) > 0;
        return [
          t,
          d
            .prepare(`SELECT count(*) FROM ${t}${hasRound ? ' WHERE round_id = ?' : ''}`)
            .pluck()
            .get(...(hasRound ? [roundId] : [])) as number,
        ];
      }),
    );
  } finally {
    d.close();
  }
}

function rawFiles(env: TestEnv, roundId: number): string[] {
  const dir = path.join(env.dir, 'uploads', `round-${roundId}`);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

function pupilIn(env: TestEnv, table: string, roundId: number, pn: string): number {
  const d = db(env);
  try {
    return d
      .prepare(`SELECT count(*) FROM ${table} t JOIN pupils p ON p.id = t.pupil_id WHERE t.round_id = ? AND p.personal_number = ?`)
      .pluck()
      .get(roundId, pn) as number;
  } finally {
    d.close();
  }
}

const statsOf = (env: TestEnv, roundId: number) => ({
  report: env.services.stats.roundReport(admin, roundId).tables,
  county: env.services.stats.county(admin, roundId).rows,
  trends: env.services.stats.trends(admin).tables,
  rules: env.services.stats.ruleFeedback(admin),
});

describe('retention (gallring)', () => {
  let env: TestEnv;
  let a: number;
  let b: number;
  beforeEach(async () => {
    env = testEnv();
    ({ a, b } = await seed(env));
  });
  afterEach(() => env.close());

  it('a dry run lists what would go per round and kind, and changes nothing', () => {
    const before = counts(env);
    const files = rawFiles(env, a);
    expect(files.length).toBe(2);
    const report = env.services.retention.run(admin, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.rounds).toEqual([
      expect.objectContaining({
        roundId: a,
        roundDataExpired: true,
        // P0, P1, P3 and Beta's P5, P6 go; P2 (open case) stays.
        counts: {
          roster: 5,
          attendance: 5,
          flags: 2,
          watchList: 1,
          followUps: 0,
          contactAttempts: 0,
          rawFiles: 2,
          feedRuns: 0,
          feedEmigrations: 0,
          cases: 0,
          referrals: 0,
        },
        pupilsKept: 1,
      }),
    ]);
    expect(counts(env)).toEqual({ ...before, audit_log: before.audit_log });
    expect(rawFiles(env, a)).toEqual(files);
    expect(env.services.audit.list(admin, { action: 'retention.round' }, 1).rows).toHaveLength(0);
    expect(env.services.retention.lastReport(admin)).toBeNull();
  });

  it('a round closed 13 months ago loses its pupil data but keeps its statistics; an open case keeps its pupil’s', () => {
    const stats = statsOf(env, a);
    const roundB = counts(env, b);
    const filesB = rawFiles(env, b);
    const report = env.services.retention.run(admin, { dryRun: false });
    expect(report.rounds.map((r) => r.roundId)).toEqual([a]);

    const left = counts(env, a);
    // Only P2's rows are left (open case): roster, attendance, flag; P3's watch list entry is gone.
    expect(left).toMatchObject({ roster: 1, pupil_attendance: 1, flags: 1, watch_list: 0, followups: 0 });
    expect(pupilIn(env, 'roster', a, PUPILS[2])).toBe(1);
    expect(pupilIn(env, 'flags', a, PUPILS[2])).toBe(1);
    expect(pupilIn(env, 'roster', a, PUPILS[0])).toBe(0);
    // Closed cases stay for their own period (24 months); Beta's pupils, with nothing left, are gone altogether.
    expect(left.cases).toBe(4);
    const d = db(env);
    expect(d.prepare(`SELECT count(*) FROM pupils WHERE personal_number IN (?, ?)`).pluck().get(PUPILS[5], PUPILS[6])).toBe(0);
    expect(d.prepare(`SELECT count(*) FROM uploads WHERE round_id = ? AND raw_file IS NOT NULL`).pluck().get(a)).toBe(0);
    d.close();
    expect(report.rounds[0]!.pupilsRemoved).toBe(2);

    // The raw files are gone from disk; round B is untouched.
    expect(rawFiles(env, a)).toEqual([]);
    expect(fs.existsSync(path.join(env.dir, 'uploads', `round-${a}`))).toBe(false);
    expect(rawFiles(env, b)).toEqual(filesB);
    expect(counts(env, b)).toMatchObject({ roster: roundB.roster, pupil_attendance: roundB.pupil_attendance });

    // Every figure of the round, its county export, the trends and the rule feedback: unchanged.
    expect(statsOf(env, a)).toEqual(stats);

    // One audit entry for the round, counts only.
    const audit = env.services.audit.list(admin, { action: 'retention.round' }, 1).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ objectType: 'round', objectId: String(a) });
    const details = JSON.stringify(audit[0]);
    for (const pn of PUPILS) expect(details).not.toContain(pn.slice(2).replace('-', ''));
    expect(details).not.toMatch(/Elev\d|Testberg/);
    expect(env.services.retention.lastReport(admin)).toMatchObject({ dryRun: false, rounds: [expect.objectContaining({ roundId: a })] });

    // Nothing more to do: a second run writes no audit entry.
    expect(env.services.retention.run(admin, { dryRun: false }).rounds).toEqual([]);
    expect(env.services.audit.list(admin, { action: 'retention.round' }, 1).rows).toHaveLength(1);

    // When P2's case closes, the next run removes P2's round data too; the statistics stay as frozen.
    const fx = CaseHistoryWriter.open(env.config.databaseFile);
    fx.addCase({
      roundId: a,
      pupilId: fx.pupilId(PUPILS[2]!),
      schoolId: fx.schoolId('11111111'),
      state: 'closed',
      outcome: 'returned',
      createdAt: '2025-08-25T09:00:00Z',
      closedAt: '2026-11-10T07:00:00Z',
    });
    fx.close();
    const second = env.services.retention.run(admin, { dryRun: false });
    expect(second.rounds).toEqual([
      expect.objectContaining({ roundId: a, counts: expect.objectContaining({ roster: 1, attendance: 1, flags: 1 }), pupilsKept: 0 }),
    ]);
    expect(counts(env, a)).toMatchObject({ roster: 0, pupil_attendance: 0, flags: 0, watch_list: 0 });
    expect(env.services.audit.list(admin, { action: 'retention.round' }, 1).rows).toHaveLength(2);
    expect(env.services.stats.roundReport(admin, a).tables).toEqual(stats.report);
  });

  it("the SS 12000 feed's runs and emigrated pupils go with the round's data; none is left pointing to a deleted pupil", () => {
    // Written through the feed's own repository, as a feed run would.
    const feed = new FeedRepository(env.db);
    const q = (sql: string, ...params: unknown[]) =>
      env.db
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    const school = (code: string) => q('SELECT id FROM schools WHERE code = ?', code);
    const run = (roundId: number, code: string) => {
      const id = feed.startRun(roundId, school(code), '2025-08-25T08:00:00Z');
      // A failure message names persons by their SS 12000 id: it must not outlive the round's data.
      const message = 'Personer utan personnummer: ”p-17”.';
      feed.finishRun(id, {
        finishedAt: '2025-08-25T08:01:00Z',
        status: 'failed',
        message,
        persons: 1,
        pupils: 0,
        protectedPersons: 0,
        emigrated: 0,
        uploadId: null,
      });
    };
    run(a, '11111111');
    run(a, '22222222');
    run(b, '11111111');
    feed.replaceEmigrations(a, school('11111111'), [PUPILS[0]!, PUPILS[2]!], env.clock.fn().toISOString());
    feed.replaceEmigrations(a, school('22222222'), [PUPILS[5]!], env.clock.fn().toISOString());
    feed.replaceEmigrations(b, school('11111111'), [PUPILS[1]!], env.clock.fn().toISOString());

    // P0 and Beta's P5 go; P2 (open case) keeps their round data, this too.
    const preview = env.services.retention.run(admin, { dryRun: true }).rounds[0]!;
    expect([preview.roundId, preview.counts.feedRuns, preview.counts.feedEmigrations]).toEqual([a, 2, 2]);
    const report = env.services.retention.run(admin, { dryRun: false });
    expect(report.rounds[0]!.counts).toMatchObject({ feedRuns: 2, feedEmigrations: 2 });

    expect(q('SELECT count(*) FROM feed_runs WHERE round_id = ?', a)).toBe(0);
    expect(env.db.prepare('SELECT p.personal_number FROM feed_emigrations e JOIN pupils p ON p.id = e.pupil_id WHERE e.round_id = ?').pluck().all(a)).toEqual([
      PUPILS[2],
    ]);
    expect(q('SELECT count(*) FROM pupils WHERE personal_number = ?', PUPILS[5])).toBe(0);
    expect(q('SELECT count(*) FROM feed_emigrations WHERE pupil_id NOT IN (SELECT id FROM pupils)')).toBe(0);
    // The recent round keeps its own.
    expect([q('SELECT count(*) FROM feed_runs WHERE round_id = ?', b), q('SELECT count(*) FROM feed_emigrations WHERE round_id = ?', b)]).toEqual([1, 1]);
    // The audit entry counts them too.
    const audit = env.services.audit.list(admin, { action: 'retention.round' }, 1).rows;
    expect(JSON.parse(audit[0]!.details ?? '{}')).toMatchObject({ feedRuns: 2, feedEmigrations: 2 });
  });

  it('closed cases without a referral go after their own period; referral cases are kept by default', () => {
    env.clock.now = new Date('2027-09-27T08:00:00Z'); // 24 months after the cases closed (Aug/Sep 2025)
    const stats = env.services.stats.roundReport(admin, a).tables;
    const report = env.services.retention.run(admin, { dryRun: false });
    const ra = report.rounds.find((r) => r.roundId === a)!;
    // P1 and P3: closed without referral. P0's case (referral sent) stays; P2's is open.
    expect(ra.counts.cases).toBe(2);
    expect(ra.counts.referrals).toBe(0);
    expect(counts(env, a).cases).toBe(2);
    expect(env.services.stats.roundReport(admin, a).tables).toEqual(stats);
  });

  it('deletes audit entries past their period with one entry of the count, and the log stays append-only', () => {
    const d = db(env);
    const older = d.prepare(`SELECT count(*) FROM audit_log WHERE at < '2026-11-10'`).pluck().get() as number;
    d.close();
    expect(older).toBeGreaterThan(0);
    env.clock.now = new Date('2031-11-10T08:00:00Z'); // five years on
    const report = env.services.retention.run(admin, { dryRun: false });
    expect(report.auditEntries).toBe(older);
    expect(env.services.audit.list(admin, { action: 'retention.audit' }, 1).rows).toEqual([
      expect.objectContaining({ details: expect.stringContaining(`"entries":${older}`) }),
    ]);
    const w = new Database(env.config.databaseFile);
    expect(w.prepare(`SELECT count(*) FROM audit_log WHERE at < '2026-11-10'`).pluck().get()).toBe(0);
    expect(() => w.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    w.close();
  });

  it('removes temporary upload files older than 24 hours, and only those', () => {
    const tmp = path.join(env.dir, 'tmp');
    fs.mkdirSync(path.join(tmp, 'backup-old'), { recursive: true });
    for (const [name, at] of [
      ['old.csv', '2026-11-09T07:59:00Z'],
      ['backup-old', '2026-11-01T00:00:00Z'],
      ['new.csv', '2026-11-09T08:01:00Z'],
    ] as const) {
      if (!name.startsWith('backup')) fs.writeFileSync(path.join(tmp, name), 'x');
      fs.utimesSync(path.join(tmp, name), new Date(at), new Date(at));
    }
    expect(env.services.retention.run(admin, { dryRun: true }).tmpFiles).toBe(2);
    expect(fs.readdirSync(tmp).sort()).toEqual(['backup-old', 'new.csv', 'old.csv']);
    expect(env.services.retention.run(admin, { dryRun: false }).tmpFiles).toBe(2);
    expect(fs.readdirSync(tmp)).toEqual(['new.csv']);
  });

  it('does not run for anyone but an admin', () => {
    const principal = { userId: 2, label: 'rektor', name: 'Rektor', roles: ['principal' as const], schoolIds: [1] };
    expect(() => env.services.retention.run(principal, { dryRun: true })).toThrow();
  });

  it('the admin page shows the preview, and validates and audits the settings', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const page = await agent.get('/admin/gallring');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sommarlovet 2025');
    expect(page.text).toContain('Gallringen har inte körts än.');
    const bad = await postForm(agent, '/admin/gallring', '/admin/gallring', {
      roundDataMonths: '0',
      closedCaseMonths: 'x',
      referralCaseMonths: '0',
      auditYears: '5',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('minst 1');
    expect(env.services.retention.settings().roundDataMonths).toBe(12);
    const ok = await postForm(agent, '/admin/gallring', '/admin/gallring', {
      roundDataMonths: '18',
      closedCaseMonths: '24',
      referralCaseMonths: '120',
      auditYears: '5',
    });
    expect(ok.status).toBe(303);
    expect(env.services.retention.settings()).toEqual({ roundDataMonths: 18, closedCaseMonths: 24, referralCaseMonths: 120, auditYears: 5 });
    expect(env.services.audit.list(admin, { action: 'settings.update' }, 1).rows.map((r) => r.objectId)).toEqual(
      expect.arrayContaining(['retentionRoundDataMonths', 'retentionReferralCaseMonths']),
    );
    // 18 months: round A (closed 14 months ago) is no longer due.
    expect(env.services.retention.preview(admin).rounds).toEqual([]);
    env.clock.now = new Date('2027-04-01T08:00:00Z');
    env.services.retention.run(admin, { dryRun: false });
    const after = await (await loginAs(env.app, 'admin@test.invalid')).get('/admin/gallring');
    expect(after.text).toMatch(/Körd 2027-04-01 10:00:00 av test/);
    expect(after.text).toMatch(/<table class="ds-table" data-size="sm" id="last">[\s\S]*Sommarlovet 2025/);
  });

  it('CLI: retention run --dry-run --json answers one document and exits 0; a bad option exits 2', async () => {
    let out = '';
    const io = { env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir }, stdout: (s: string) => (out += s), stderr: () => undefined, readStdin: async () => '' };
    // The CLI runs on the real clock (December 2026 or later): round A is long past 12 months.
    expect(await runCli(['retention', 'run', '--dry-run', '--json'], io)).toBe(0);
    const report = JSON.parse(out) as { dryRun: boolean; rounds: { roundId: number; counts: Record<string, number> }[] };
    expect(report.dryRun).toBe(true);
    expect(report.rounds.find((r) => r.roundId === a)?.counts.roster).toBe(5);
    expect(counts(env, a).roster).toBe(6);
    out = '';
    expect(await runCli(['retention', 'run', '--round', '--json'], io)).toBe(2);
    expect(JSON.parse(out)).toEqual({ error: { code: 'usage', message: expect.any(String) } });
  });
});
