import type { Outcome } from '../cases';
import { openDatabase, type Db } from '../db';
import type { Severity } from '../shared';

/** A closed-over case as the case service would have left it (migration 007), for the demo's earlier rounds. */
export interface HistoryCase {
  roundId: number;
  pupilId: number;
  schoolId: number;
  origin?: 'flag' | 'watch_list' | 'manual';
  watchListed?: boolean;
  severity?: Severity;
  state: 'new' | 'investigating' | 'referred' | 'acknowledged' | 'closed';
  outcome?: Outcome | null;
  createdAt: string;
  /** When the whereabouts became known: a located outcome, or found on another municipal school's roster. */
  locatedAt?: string | null;
  closedAt?: string | null;
  referral?: { sentAt: string; acknowledgedAt?: string | null } | null;
}

/**
 * Writes cases and referrals of past rounds straight into the tables of migration 007,
 * with the dates a history needs (the services stamp "now"). The demo seed uses it for
 * its closed rounds, so it is built with the server, which runs the seed in development
 * only (src/server.ts); the statistics tests use it for the same history. No request or
 * command reaches it.
 */
export class CaseHistoryWriter {
  private constructor(private readonly db: Db) {}

  static open(databaseFile: string): CaseHistoryWriter {
    return new CaseHistoryWriter(openDatabase(databaseFile));
  }

  pupilId(personalNumber: string): number {
    const row = this.db.prepare('SELECT id FROM pupils WHERE personal_number = ?').get(personalNumber) as { id: number } | undefined;
    if (!row) throw new Error('no such pupil');
    return row.id;
  }

  schoolId(code: string): number {
    return (this.db.prepare('SELECT id FROM schools WHERE code = ?').get(code) as { id: number }).id;
  }

  /**
   * The unit these referrals went to: a unit of their own, no longer active (its
   * referrals were handled before the current routine), so they never land in a
   * social services user's inbox of today.
   */
  private unitId(at: string): number {
    const name = 'Socialtjänstens mottagning (tidigare omgångar)';
    const row = this.db.prepare('SELECT id FROM social_units WHERE name = ?').get(name) as { id: number } | undefined;
    if (row) return row.id;
    return Number(
      this.db
        .prepare(
          `INSERT INTO social_units (name, email, on_call_phone, active, created_at) VALUES (?, 'mottagning-arkiv@exempelkommun.test', '08-000 000 00', 0, ?)`,
        )
        .run(name, at).lastInsertRowid,
    );
  }

  /**
   * Writes the case of the pupil in the round: inserted, or — where the case service has
   * already raised it from a flag or watch-list entry — brought to the given state.
   */
  addCase(c: HistoryCase): number {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO cases (round_id, pupil_id, school_id, origin, watch_listed, state, severity, located_at, outcome, outcome_comment, created_at, updated_at, closed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (round_id, pupil_id) DO UPDATE SET school_id = excluded.school_id, watch_listed = max(watch_listed, excluded.watch_listed), state = excluded.state,
             located_at = excluded.located_at, outcome = excluded.outcome, outcome_comment = excluded.outcome_comment, updated_at = excluded.updated_at, closed_at = excluded.closed_at`,
        )
        .run(
          c.roundId,
          c.pupilId,
          c.schoolId,
          c.origin ?? 'flag',
          c.watchListed ? 1 : 0,
          c.state,
          c.severity ?? 'high',
          c.locatedAt ?? null,
          c.outcome ?? null,
          c.outcome ? 'Avslutat.' : null,
          c.createdAt,
          c.closedAt ?? c.createdAt,
          c.closedAt ?? null,
        );
      const id = (this.db.prepare('SELECT id FROM cases WHERE round_id = ? AND pupil_id = ?').get(c.roundId, c.pupilId) as { id: number }).id;
      if (c.referral) {
        const r = c.referral;
        this.db
          .prepare(
            `INSERT INTO referrals (case_id, unit_id, urgency, content, state, created_at, created_by_label, sent_at, sent_by_label, acknowledged_at, acknowledged_by_label, reference)
             VALUES (?, ?, 'normal', '{}', ?, ?, 'samordnare', ?, 'samordnare', ?, ?, ?)`,
          )
          .run(
            id,
            this.unitId(c.createdAt),
            r.acknowledgedAt ? 'acknowledged' : 'sent',
            r.sentAt,
            r.sentAt,
            r.acknowledgedAt ?? null,
            r.acknowledgedAt ? 'socialtjänsten' : null,
            r.acknowledgedAt ? `DNR-${id}` : null,
          );
      }
      return id;
    })();
  }

  close(): void {
    this.db.close();
  }
}
