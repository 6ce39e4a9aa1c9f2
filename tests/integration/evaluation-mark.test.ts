import { spawn } from 'node:child_process';
import { bootstrap } from '../../src/bootstrap';
import { t } from '../../src/i18n';
import { aRound, anUpload } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * A follow-up or watch-list change is stored with its round's "evaluation pending" mark,
 * in one transaction (BackgroundEvaluation.change): a process that stops before the
 * evaluation has stored its flags (a kill -9, a worker that dies) leaves the mark, and the
 * next start evaluates the round. Without it the change would never be evaluated, and the
 * school's report could be confirmed on flags that do not count it.
 */
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];

/** What `f` threw, duck-typed: better-sqlite3's error may come from another realm (jest's vm), which toThrow does not always see as an Error. */
function messageOf(f: () => unknown): string | null {
  try {
    f();
  } catch (e) {
    return (e as { message?: string }).message ?? null;
  }
  return null;
}

describe('a change to a round’s data and its evaluation-pending mark', () => {
  let env: TestEnv;
  let roundId: number;
  let pupilId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-21T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
    await anUpload(roundId, '11111111')
      .onDays(DAYS)
      .withPupils([
        { pn: PUPILS[0], name: 'Amal Ek' },
        { pn: PUPILS[1], name: 'Bo Berg' },
      ])
      .absentFrom(PUPILS[0])
      .commit(env);
    pupilId = env.services.rules.listFlags(admin, roundId)[0]!.pupil.id;
    // The evaluation never gets to store its flags: as if the process were killed right after the change.
    env.db.exec(`CREATE TRIGGER killed BEFORE INSERT ON audit_log WHEN NEW.action = 'rules.evaluate' BEGIN SELECT RAISE(ABORT, 'killed'); END`);
  });
  afterEach(() => env.close());

  /** The next start, on the same database: the rounds it evaluates. */
  const restart = () => {
    env.db.exec('DROP TRIGGER killed');
    const next = bootstrap(env.config, env.clock.fn);
    next.services.close();
    return next.evaluated;
  };

  it.each([
    ['a follow-up', () => env.services.followUps.save(admin, roundId, '11111111', pupilId, { transfer: 'municipal_school', receivingSchool: 'Betaskolan' })],
    [
      'a pupil added by hand',
      () => env.services.followUps.addManual(admin, roundId, '11111111', { personalNumber: PUPILS[2], reason: 'Syster berättade om en resa' }),
    ],
    ['a watch-list entry', () => env.services.watchList.add(admin, roundId, '11111111', { personalNumber: PUPILS[3], reasons: ['pupil_worry'] })],
  ])('%s stopped before its evaluation leaves the mark, and the next start evaluates the round', (_what, change) => {
    expect(messageOf(change)).toBe('killed');
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(true);
    expect(() => env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'Alla följs upp.' })).toThrow('Flaggorna');
    expect(restart()).toEqual([roundId]);
  });

  it('a watch-list entry refused (the pupil is already on the list) leaves no mark', () => {
    env.db.exec('DROP TRIGGER killed');
    env.services.watchList.add(admin, roundId, '11111111', { personalNumber: PUPILS[3], reasons: ['pupil_worry'] });
    expect(() => env.services.watchList.add(admin, roundId, '11111111', { personalNumber: PUPILS[3], reasons: ['pupil_worry'] })).toThrow();
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(false);
  });
});

describe('a confirmation and an upload committed beside it', () => {
  let env: TestEnv;
  afterEach(() => env.close());

  it('waits for the other connection’s commit and then sees its evaluation mark, instead of confirming what it read before', async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-21T08:00:00Z');
    await seedBasic(env.services);
    const roundId = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
    await anUpload(roundId, '11111111')
      .onDays(DAYS)
      .withPupils([{ pn: PUPILS[0], name: 'Amal Ek' }])
      .commit(env);
    // Another process (as an import worker's connection) holds the write lock and, 400 ms
    // later, commits the mark an upload writes. Confirming meanwhile must not have read the
    // round before that commit.
    const dbFile = env.db.name;
    const worker = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(${JSON.stringify(dbFile)});
         db.pragma('busy_timeout = 5000');
         db.exec('BEGIN IMMEDIATE');
         process.stdout.write('locked\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
         db.prepare("INSERT INTO round_evaluation_pending (round_id, since) VALUES (?, '2026-08-21T08:00:01Z')").run(${roundId});
         db.exec('COMMIT');
         db.close();`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => worker.stdout.once('data', () => resolve()));
    const refused = messageOf(() => env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'Alla elever är genomgångna.' }));
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(refused).toBe(t('rounds.errors.flaggornaRaknasOmEfter'));
    expect(env.services.schoolReports.board(admin, roundId).find((s) => s.school.code === '11111111')!.status).toBe('uploaded');
  });
});
