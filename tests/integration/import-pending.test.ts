import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run';
import { ValidationError } from '../../src/shared/errors';
import { aRound, anUpload } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
/** The first pupil absent without leave all three days; the second present. */
const file = () =>
  csv([['Personnummer', 'Namn', 'Datum', 'Närvaro'], ...PUPILS.slice(0, 2).flatMap((pn, i) => DAYS.map((d) => [pn, 'Anna Ek', d, i === 0 ? 'O' : 'N']))]);

/**
 * A round left "evaluation pending" (its process stopped between an upload's commit and
 * its evaluation; the kill test makes that happen for real): nothing may read it as clean.
 */
describe('a round whose evaluation is pending', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026').windowDays(3).deadline('2026-08-28').open().build(env)).id;
    const report = await anUpload(roundId, '11111111').file(file()).send(env);
    expect(report.status).toBe('committed');
  });
  afterEach(() => env.close());

  const db = () => env.db;
  const activeFlags = () => db().prepare('SELECT count(*) FROM flags WHERE round_id = ? AND cleared_at IS NULL').pluck().get(roundId) as number;
  /** What a kill between the commit and the evaluation leaves: the mark, and no flags for the upload. */
  const loseEvaluation = () => {
    db().prepare("INSERT INTO round_evaluation_pending (round_id, since) VALUES (?, '2026-08-20T15:00:00Z')").run(roundId);
    db().prepare('DELETE FROM flags WHERE round_id = ?').run(roundId);
  };

  it('is cleared by the upload itself: no mark is left after an import', () => {
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(false);
    expect(activeFlags()).toBeGreaterThan(0);
  });

  it('refuses confirming a report (no nil report on flags not yet computed)', () => {
    loseEvaluation();
    expect(() => env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'Ingen saknas.' })).toThrow(ValidationError);
    expect(() => env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'Ingen saknas.' })).toThrow('Flaggorna räknas om');
    expect(env.services.schoolReports.report(admin, roundId, '11111111')).toBeNull();
  });

  it('is evaluated before its flags are listed', () => {
    const flagged = activeFlags();
    loseEvaluation();
    expect(env.services.rules.listFlags(admin, roundId)).toHaveLength(1);
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(false);
    expect(activeFlags()).toBe(flagged);
  });

  it('is evaluated by any CLI command before it reads the round', async () => {
    const flagged = activeFlags();
    loseEvaluation();
    let out = '';
    const code = await runCli(['round', 'status', '--round', String(roundId), '--json'], {
      env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
      stdout: (s) => (out += s),
      stderr: () => {},
      readStdin: async () => '',
    });
    expect(code).toBe(0);
    const school = (JSON.parse(out) as { schools: { school: { code: string }; flaggedPupils: number }[] }).schools.find((s) => s.school.code === '11111111')!;
    expect(school.flaggedPupils).toBe(1);
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(false);
    expect(activeFlags()).toBe(flagged);
    const confirmed = env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'Eleven följs upp.' });
    expect(confirmed).toMatchObject({ nilReport: false, flaggedPupils: 1 });
  });
});

describe('the server start sweeping raw files no upload points to', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = testEnv();
  });
  afterEach(() => env.close());

  it('keeps a raw file written moments ago (a CLI import beside the server, before its commit) and removes an old one', () => {
    const dir = path.join(env.config.dataDir, 'uploads', 'round-1');
    fs.mkdirSync(dir, { recursive: true });
    const fresh = path.join(dir, 'upload-fresh.csv');
    const old = path.join(dir, 'upload-old.csv');
    fs.writeFileSync(fresh, 'x');
    fs.writeFileSync(old, 'x');
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    fs.utimesSync(old, hourAgo, hourAgo);
    const removed = env.services.imports.sweepOrphanFiles(path.join(env.config.dataDir, 'tmp'), 10 * 60_000);
    expect(removed.rawFiles).toBe(1);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(old)).toBe(false);
  });
});
