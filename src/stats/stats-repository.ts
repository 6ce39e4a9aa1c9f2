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

  facts(round: StatsRound): RoundFacts {
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
      this.db.prepare(`SELECT pupil_id AS pupilId, school_id AS schoolId, referral_made AS referralMade FROM watch_list WHERE round_id = ?`).all(id) as (Omit<StatsWatchEntry, 'referralMade'> & { referralMade: number })[]
    ).map((w) => ({ ...w, referralMade: w.referralMade === 1 }));
    const transfers = this.db
      .prepare(`SELECT pupil_id AS pupilId, school_id AS schoolId, transfer FROM followups WHERE round_id = ? AND transfer <> 'none'`)
      .all(id) as StatsTransfer[];
    return { round, schools, pupilsMapped, flags, cases, referrals, watchList, transfers };
  }

  /** Every flag ever raised (cleared ones too), with the state and outcome of the pupil's case in that round. */
  flagFates(): FlagFate[] {
    return (
      this.db
        .prepare(
          `SELECT f.rule_id AS ruleId, f.rule_set_version AS ruleSetVersion, f.cleared_at IS NOT NULL AS cleared, c.state AS caseState, c.outcome
           FROM flags f LEFT JOIN cases c ON c.round_id = f.round_id AND c.pupil_id = f.pupil_id
           ORDER BY f.rule_id, f.rule_set_version`,
        )
        .all() as (Omit<FlagFate, 'cleared'> & { cleared: number })[]
    ).map((f) => ({ ...f, cleared: f.cleared === 1 }));
  }
}
