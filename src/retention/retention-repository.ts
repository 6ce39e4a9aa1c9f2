import type { Db } from '../db';

/** What retention removes from a round, in counts (never names or personal numbers). */
export interface RoundCounts {
  roster: number;
  attendance: number;
  flags: number;
  watchList: number;
  followUps: number;
  contactAttempts: number;
  rawFiles: number;
  /** SS 12000 fetches of the round (their messages name persons by school-system id). */
  feedRuns: number;
  /** Pupils SS 12000 said emigrated in the round. */
  feedEmigrations: number;
  cases: number;
  referrals: number;
}

export interface RetentionRound {
  id: number;
  name: string;
  closedAt: string;
}

// Pupils with a case that is not closed (in any round) keep their data.
const NOT_KEPT = `pupil_id NOT IN (SELECT pupil_id FROM cases WHERE state <> 'closed')`;
const ROUND_TABLES = [
  ['feedEmigrations', 'feed_emigrations'],
  ['contactAttempts', 'contact_attempts'],
  ['followUps', 'followups'],
  ['watchList', 'watch_list'],
  ['flags', 'flags'],
  ['attendance', 'pupil_attendance'],
  ['roster', 'roster'],
] as const;

/** Closed cases due for deletion: without a sent referral after `closedCase`, with one after `referralCase` (null: kept). */
const EXPIRED_CASES = `round_id = @roundId AND state = 'closed' AND closed_at IS NOT NULL AND (
  (closed_at <= @closedCase AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = cases.id AND r.sent_at IS NOT NULL))
  OR (@referralCase IS NOT NULL AND closed_at <= @referralCase AND EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = cases.id AND r.sent_at IS NOT NULL)))`;

// A pupil row (personal number, guardians) and the school's name rows go with the last row that points to the pupil.
// (feed_emigrations would go with its pupil by ON DELETE CASCADE; listed so a pupil it still names is never removed under it.)
const PUPIL_REFS = ['roster', 'pupil_attendance', 'flags', 'watch_list', 'followups', 'contact_attempts', 'feed_emigrations', 'cases'];

export interface CaseCutoffs {
  closedCase: string;
  referralCase: string | null;
}

/** All SQL of retention. */
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** Closed rounds, oldest close first. */
  closedRounds(): RetentionRound[] {
    return this.db
      .prepare(`SELECT id, name, closed_at AS closedAt FROM rounds WHERE state = 'closed' AND closed_at IS NOT NULL ORDER BY closed_at, id`)
      .all() as RetentionRound[];
  }

  /** What would go from the round: its pupil data when `roundData` is true, and its expired closed cases. */
  count(roundId: number, roundData: boolean, cut: CaseCutoffs): RoundCounts {
    const n = (sql: string, params: Record<string, unknown> = { roundId }) => (this.db.prepare(sql).pluck().get(params) as number) ?? 0;
    const counts: RoundCounts = {
      roster: 0,
      attendance: 0,
      flags: 0,
      watchList: 0,
      followUps: 0,
      contactAttempts: 0,
      rawFiles: 0,
      feedRuns: 0,
      feedEmigrations: 0,
      cases: 0,
      referrals: 0,
    };
    if (roundData) {
      for (const [kind, table] of ROUND_TABLES) counts[kind] = n(`SELECT count(*) FROM ${table} WHERE round_id = @roundId AND ${NOT_KEPT}`);
      counts.rawFiles = n(`SELECT count(*) FROM uploads WHERE round_id = @roundId AND raw_file IS NOT NULL`);
      counts.feedRuns = n(`SELECT count(*) FROM feed_runs WHERE round_id = @roundId`);
    }
    const caseParams = { roundId, ...cut };
    counts.cases = n(`SELECT count(*) FROM cases WHERE ${EXPIRED_CASES}`, caseParams);
    counts.referrals = n(`SELECT count(*) FROM referrals WHERE case_id IN (SELECT id FROM cases WHERE ${EXPIRED_CASES})`, caseParams);
    return counts;
  }

  /** Pupils of the round whose data stays because they have an open case. */
  keptPupils(roundId: number): number {
    return this.db
      .prepare(`SELECT count(DISTINCT pupil_id) FROM roster WHERE round_id = ? AND pupil_id IN (SELECT pupil_id FROM cases WHERE state <> 'closed')`)
      .pluck()
      .get(roundId) as number;
  }

  rawFiles(roundId: number): string[] {
    return this.db.prepare(`SELECT raw_file FROM uploads WHERE round_id = ? AND raw_file IS NOT NULL`).pluck().all(roundId) as string[];
  }

  /**
   * Deletes what `count` counts, then every pupil no row points to any more (with their
   * guardians and names). Runs inside the caller's transaction. Returns pupils removed.
   */
  delete(roundId: number, roundData: boolean, cut: CaseCutoffs): number {
    if (roundData) {
      for (const [, table] of ROUND_TABLES) this.db.prepare(`DELETE FROM ${table} WHERE round_id = ? AND ${NOT_KEPT}`).run(roundId);
      // The upload rows stay (who uploaded what, when, the counts); the file goes.
      this.db.prepare(`UPDATE uploads SET raw_file = NULL WHERE round_id = ?`).run(roundId);
      // The feed's runs are not per pupil, but their messages name persons by SS 12000 id: all go
      // (the uploads the feed committed stay, labelled SS 12000, like any upload).
      this.db.prepare(`DELETE FROM feed_runs WHERE round_id = ?`).run(roundId);
    }
    this.db.prepare(`DELETE FROM cases WHERE ${EXPIRED_CASES}`).run({ roundId, ...cut });
    const orphan = PUPIL_REFS.map((t) => `id NOT IN (SELECT pupil_id FROM ${t})`).join(' AND ');
    for (const t of ['school_guardians', 'school_pupils']) this.db.prepare(`DELETE FROM ${t} WHERE pupil_id IN (SELECT id FROM pupils WHERE ${orphan})`).run();
    return this.db.prepare(`DELETE FROM pupils WHERE ${orphan}`).run().changes;
  }

  /** Runs `fn` in one transaction with secure_delete on, so deleted rows are overwritten in the file. */
  secureTransaction<T>(fn: () => T): T {
    this.db.pragma('secure_delete = ON');
    try {
      return this.db.transaction(fn)();
    } finally {
      this.db.pragma('secure_delete = OFF');
    }
  }

  /** After a run: fold the WAL back so overwritten pages do not linger in it either. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  countAuditBefore(cutoff: string): number {
    return this.db.prepare(`SELECT count(*) FROM audit_log WHERE at < ?`).pluck().get(cutoff) as number;
  }

  /**
   * The audit log is append-only by trigger; its own retention is the one exception. The
   * trigger is lifted and restored inside one transaction, so no other writer sees it gone.
   */
  deleteAuditBefore(cutoff: string): number {
    return this.secureTransaction(() => {
      this.db.exec('DROP TRIGGER audit_log_no_delete');
      const n = this.db.prepare(`DELETE FROM audit_log WHERE at < ?`).run(cutoff).changes;
      this.db.exec(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
      return n;
    });
  }

  saveRun(startedAt: string, finishedAt: string, actorLabel: string, report: unknown): void {
    this.db
      .prepare(`INSERT INTO retention_runs (started_at, finished_at, actor_label, report) VALUES (?, ?, ?, ?)`)
      .run(startedAt, finishedAt, actorLabel, JSON.stringify(report));
  }

  lastRun(): { startedAt: string; finishedAt: string; actorLabel: string; report: string } | undefined {
    return this.db
      .prepare(`SELECT started_at AS startedAt, finished_at AS finishedAt, actor_label AS actorLabel, report FROM retention_runs ORDER BY id DESC LIMIT 1`)
      .get() as { startedAt: string; finishedAt: string; actorLabel: string; report: string } | undefined;
  }
}
