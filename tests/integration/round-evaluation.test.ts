import { RoundEvaluation } from '../../src/app-services';
import { AuditRepository, AuditService } from '../../src/audit';
import { CaseRepository, CaseSync } from '../../src/cases';
import { ConfirmationResets, SchoolReportRepository, type CaseAttentionNotice } from '../../src/rounds';
import { FlagEvaluator, RulesRepository } from '../../src/rules';
import { SchoolRepository } from '../../src/schools';
import type { Actor } from '../../src/shared';
import { aRound } from '../helpers/builders';
import { csv, tempFile } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
/** The first `absent` pupils absent without leave all three days; the others present. */
const file = (absent: number) =>
  csv([['Personnummer', 'Namn', 'Datum', 'Närvaro'], ...PUPILS.slice(0, 3).flatMap((pn, i) => DAYS.map((d) => [pn, 'Anna Ek', d, i < absent ? 'O' : 'N']))]);

/** A case sync that does its writes and then fails, as a full disk or a bug would. */
class FailingCaseSync extends CaseSync {
  override sync(actor: Actor, roundId: number): ReturnType<CaseSync['sync']> {
    super.sync(actor, roundId);
    throw new Error('case sync stopped');
  }
}

/** RoundEvaluation.evaluateRound: the steps after a change to a round's data, in one place. */
describe('the evaluation after an upload', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026').windowDays(3).deadline('2026-08-28').build(env)).id;
    await env.services.rounds.open(admin, roundId);
    await upload(1);
    env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'Eleven följs upp av skolan.' });
  });
  afterEach(() => env.close());

  const upload = async (absent: number) => {
    const report = await env.services.imports.importFile(admin, {
      roundId,
      schoolCode: '11111111',
      filePath: tempFile('a.csv', file(absent)),
      fileName: 'a.csv',
    });
    expect(report.status).toBe('committed');
  };
  const db = () => env.db;
  const activeFlags = () => db().prepare('SELECT count(*) FROM flags WHERE round_id = ? AND cleared_at IS NULL').pluck().get(roundId) as number;
  const actionsSince = (id: number) => db().prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id').pluck().all(id) as string[];
  const lastAuditId = () => db().prepare('SELECT max(id) FROM audit_log').pluck().get() as number;

  it('stores flags, the confirmation reset and the case sync in that order, after the commit', async () => {
    const before = lastAuditId();
    await upload(2);
    expect(actionsSince(before).filter((a) => a !== 'flags.read')).toEqual(['import.commit', 'school_report.reset', 'rules.evaluate', 'case.sync']);
    expect(activeFlags()).toBe(2);
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(false);
    expect(env.services.schoolReports.report(admin, roundId, '11111111')).toBeNull();
  });

  it('stores none of its steps and tells no one when a step fails', () => {
    const told: { cases: CaseAttentionNotice[]; resets: number[] } = { cases: [], resets: [] };
    const rulesRepo = new RulesRepository(db());
    const audit = new AuditService({ repo: new AuditRepository(db()), clock: env.clock.fn });
    const failing = new RoundEvaluation({
      rounds: env.services.rounds,
      flags: new FlagEvaluator({ repo: rulesRepo, rounds: env.services.rounds, clock: env.clock.fn }),
      pending: rulesRepo,
      cases: new FailingCaseSync({ repo: new CaseRepository(db()), audit, clock: env.clock.fn }),
      confirmations: new ConfirmationResets({
        repo: new SchoolReportRepository(db()),
        schools: new SchoolRepository(db()),
        audit,
        reminders: { notifyReset: async (_round, school) => (told.resets.push(school), { sent: [], failed: [] }) },
      }),
      reminders: { notifyCaseAttention: async (notices) => (told.cases.push(...notices), { sent: [], failed: [] }) },
      audit,
    });
    // What a process stopped after an upload's commit leaves: the mark, no flags yet.
    db().prepare("INSERT INTO round_evaluation_pending (round_id, since) VALUES (?, '2026-08-20T15:00:00Z')").run(roundId);
    db().prepare('DELETE FROM flags WHERE round_id = ?').run(roundId);
    const before = lastAuditId();

    expect(() => failing.evaluateRound(admin, roundId)).toThrow('case sync stopped');
    expect(activeFlags()).toBe(0);
    expect(rulesRepo.isEvaluationPending(roundId)).toBe(true);
    expect(env.services.schoolReports.report(admin, roundId, '11111111')).not.toBeNull();
    expect(actionsSince(before)).toEqual([]);
    expect(told).toEqual({ cases: [], resets: [] });

    // The mark stays, so the next evaluation (start-up, or the next read of the flags) does it all.
    expect(env.services.evaluation.evaluatePending(admin)).toEqual([roundId]);
    expect(activeFlags()).toBe(1);
    expect(env.services.schoolReports.report(admin, roundId, '11111111')).toBeNull();
  });
});
