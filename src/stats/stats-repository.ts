import type { Db } from '../db';
import type { FlagFate, RoundFacts, StatsCase, StatsFlag, StatsReferral, StatsRound, StatsSchool, StatsTransfer, StatsWatchEntry } from './stats-types';

const ROUND = `id, name, break_type AS breakType, term_start AS termStart, window_days AS windowDays, deadline, state, closed_at AS closedAt`;

/**
 * Every SQL statement of the statistics, read-only. Queries select ids, codes and dates,
 * never names or personal numbers of pupils.
 */
export class StatsRepository {
  constructor(private readonly db: Db) {}

  /** Rounds that have been opened (drafts have no data), oldest term start first. */
  rounds(): StatsRound[] {
    return this.db.prepare(`SELECT ${ROUND} FROM rounds WHERE state <> 'draft' ORDER BY term_start, id`).all() as StatsRound[];
  }

  round(id: number): StatsRound | undefined {
    return this.db.prepare(`SELECT ${ROUND} FROM rounds WHERE id = ?`).get(id) as StatsRound | undefined;
  }

  /**
   * The facts of a round: from its snapshot once retention has taken one (the pupil rows
   * behind it may be gone), otherwise from the live tables.
   */
  facts(round: StatsRound): RoundFacts {
    const snap = this.snapshot(round.id);
    return snap ? { ...snap.facts, round } : this.liveFacts(round);
  }

  /** The snapshot retention froze for a round before deleting its pupil data, if any. */
  snapshot(roundId: number): { takenAt: string; facts: RoundFacts; flagFates: FlagFate[] } | undefined {
    const row = this.db.prepare(`SELECT taken_at AS takenAt, facts, flag_fates AS flagFates FROM round_stats_snapshots WHERE round_id = ?`).get(roundId) as
      { takenAt: string; facts: string; flagFates: string } | undefined;
    return row && { takenAt: row.takenAt, facts: JSON.parse(row.facts) as RoundFacts, flagFates: JSON.parse(row.flagFates) as FlagFate[] };
  }

  saveSnapshot(roundId: number, takenAt: string, facts: RoundFacts, flagFates: FlagFate[]): void {
    this.db
      .prepare(`INSERT INTO round_stats_snapshots (round_id, taken_at, facts, flag_fates) VALUES (?, ?, ?, ?)`)
      .run(roundId, takenAt, JSON.stringify(facts), JSON.stringify(flagFates));
  }

  liveFacts(round: StatsRound): RoundFacts {
    const id = round.id;
    const schools = (
      this.db
        .prepare(
          `SELECT s.id AS schoolId, s.code, s.name,
                  CASE WHEN sr.round_id IS NULL THEN NULL WHEN sr.nil_report = 1 THEN 'nil' ELSE 'report' END AS report,
                  (SELECT count(*) FROM roster r WHERE r.round_id = rs.round_id AND r.school_id = s.id) AS pupils
           FROM round_schools rs JOIN schools s ON s.id = rs.school_id
           LEFT JOIN school_reports sr ON sr.round_id = rs.round_id AND sr.school_id = s.id
           WHERE rs.round_id = ? ORDER BY s.name`,
        )
        .all(id) as StatsSchool[]
    ).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    const pupilsMapped = (this.db.prepare(`SELECT count(DISTINCT pupil_id) AS n FROM roster WHERE round_id = ?`).get(id) as { n: number }).n;
    const flags = (
      this.db
        .prepare(
          `SELECT pupil_id AS pupilId, school_id AS schoolId, rule_id AS ruleId, rule_set_version AS ruleSetVersion, severity, cleared_at IS NOT NULL AS cleared
           FROM flags WHERE round_id = ?`,
        )
        .all(id) as (Omit<StatsFlag, 'cleared'> & { cleared: number })[]
    ).map((f) => ({ ...f, cleared: f.cleared === 1 }));
    const cases = (
      this.db
        .prepare(
          `SELECT c.id, c.pupil_id AS pupilId, c.school_id AS schoolId, c.state, c.outcome, c.located_at AS locatedAt, c.watch_listed AS watchListed,
                  (SELECT min(sent_at) FROM referrals rf WHERE rf.case_id = c.id AND rf.sent_at IS NOT NULL) AS firstSentAt
           FROM cases c WHERE c.round_id = ? ORDER BY c.id`,
        )
        .all(id) as (Omit<StatsCase, 'watchListed'> & { watchListed: number })[]
    ).map((c) => ({ ...c, watchListed: c.watchListed === 1 }));
    const referrals = this.db
      .prepare(
        `SELECT rf.case_id AS caseId, c.school_id AS schoolId, rf.sent_at AS sentAt, rf.acknowledged_at AS acknowledgedAt
         FROM referrals rf JOIN cases c ON c.id = rf.case_id
         WHERE c.round_id = ? AND rf.sent_at IS NOT NULL ORDER BY rf.id`,
      )
      .all(id) as StatsReferral[];
    const watchList = (
      this.db.prepare(`SELECT pupil_id AS pupilId, school_id AS schoolId, referral_made AS referralMade FROM watch_list WHERE round_id = ?`).all(id) as (Omit<
        StatsWatchEntry,
        'referralMade'
      > & { referralMade: number })[]
    ).map((w) => ({ ...w, referralMade: w.referralMade === 1 }));
    const transfers = this.db
      .prepare(`SELECT pupil_id AS pupilId, school_id AS schoolId, transfer FROM followups WHERE round_id = ? AND transfer <> 'none'`)
      .all(id) as StatsTransfer[];
    return { round, schools, pupilsMapped, flags, cases, referrals, watchList, transfers };
  }

  /**
   * Every flag ever raised (cleared ones too), with the state and outcome of the pupil's
   * case in that round: live rows for rounds without a snapshot, the snapshot's for the rest.
   */
  flagFates(): FlagFate[] {
    const live = this.liveFlagFates(`WHERE f.round_id NOT IN (SELECT round_id FROM round_stats_snapshots)`);
    const frozen = (this.db.prepare(`SELECT flag_fates FROM round_stats_snapshots`).pluck().all() as string[]).flatMap((j) => JSON.parse(j) as FlagFate[]);
    return [...live, ...frozen].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.ruleSetVersion - b.ruleSetVersion);
  }

  /** The flag fates of one round, from the live tables (for its snapshot). */
  roundFlagFates(roundId: number): FlagFate[] {
    return this.liveFlagFates(`WHERE f.round_id = ?`, roundId);
  }

  private liveFlagFates(where: string, ...params: number[]): FlagFate[] {
    return (
      this.db
        .prepare(
          `SELECT f.rule_id AS ruleId, f.rule_set_version AS ruleSetVersion, f.cleared_at IS NOT NULL AS cleared, c.state AS caseState, c.outcome
           FROM flags f LEFT JOIN cases c ON c.round_id = f.round_id AND c.pupil_id = f.pupil_id
           ${where} ORDER BY f.rule_id, f.rule_set_version`,
        )
        .all(...params) as (Omit<FlagFate, 'cleared'> & { cleared: number })[]
    ).map((f) => ({ ...f, cleared: f.cleared === 1 }));
  }
}
