import type { Db } from '../db';
import { PupilRepository } from '../pupils';

export const WATCH_REASONS = ['pupil_worry', 'sibling_worry', 'friend_worry', 'leave_request', 'siblings_abroad_before', 'recent_report', 'other'] as const;
export type WatchReason = (typeof WATCH_REASONS)[number];

/** What the school recorded about its worry. */
interface WatchDetails {
  reasons: WatchReason[];
  leaveFrom: string | null;
  leaveTo: string | null;
  leaveDestination: string | null;
  leaveDecision: 'granted' | 'refused' | null;
  otherText: string | null;
  referralMade: boolean;
  createdAt: string;
  createdByLabel: string;
}

export interface WatchEntry extends WatchDetails {
  id: number;
  roundId: number;
  schoolId: number;
  schoolCode: string;
  schoolName: string;
  pupilId: number;
  personalNumber: string;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
}

export interface NewWatchEntry extends WatchDetails {
  roundId: number;
  schoolId: number;
  personalNumber: string;
  coordination: boolean;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
  createdBy: number | null;
}

type Row = Omit<WatchEntry, 'reasons' | 'protectedIdentity' | 'referralMade'> & { reasons: string; protectedIdentity: number; referralMade: number };

export class WatchListRepository {
  private readonly pupils: PupilRepository;

  constructor(private readonly db: Db) {
    this.pupils = new PupilRepository(db);
  }

  /** Adds the entry, creating the pupil if no import has named them yet; null if already listed. */
  add(e: NewWatchEntry): number | null {
    return this.db.transaction(() => {
      // The name as this school gives it; a name the school's own file gave is kept (pupils/ owns the rule).
      const pupilId = this.pupils.addByHand(e.schoolId, e, e.createdAt);
      const r = this.db
        .prepare(
          `INSERT OR IGNORE INTO watch_list (round_id, school_id, pupil_id, reasons, leave_from, leave_to, leave_destination, leave_decision,
             other_text, referral_made, created_at, created_by, created_by_label)
           VALUES (@roundId, @schoolId, @pupilId, @reasons, @leaveFrom, @leaveTo, @leaveDestination, @leaveDecision,
             @otherText, @referralMade, @createdAt, @createdBy, @createdByLabel)`,
        )
        .run({ ...e, pupilId, reasons: JSON.stringify(e.reasons), referralMade: e.referralMade ? 1 : 0 });
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    })();
  }

  /** The round's entries for the given schools (null: all). */
  list(roundId: number, schoolIds: number[] | null): WatchEntry[] {
    return (
      this.db
        .prepare(
          `SELECT w.id, w.round_id AS roundId, w.school_id AS schoolId, s.code AS schoolCode, s.name AS schoolName, w.pupil_id AS pupilId,
                  p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName, p.protected_identity AS protectedIdentity,
                  w.reasons, w.leave_from AS leaveFrom, w.leave_to AS leaveTo, w.leave_destination AS leaveDestination,
                  w.leave_decision AS leaveDecision, w.other_text AS otherText, w.referral_made AS referralMade,
                  w.created_at AS createdAt, w.created_by_label AS createdByLabel
             FROM watch_list w JOIN pupils p ON p.id = w.pupil_id JOIN schools s ON s.id = w.school_id
             LEFT JOIN school_pupils sp ON sp.school_id = w.school_id AND sp.pupil_id = w.pupil_id
            WHERE w.round_id = ? AND (? IS NULL OR w.school_id IN (SELECT value FROM json_each(?)))
            ORDER BY s.name, w.created_at`,
        )
        .all(roundId, schoolIds === null ? null : 1, JSON.stringify(schoolIds ?? [])) as Row[]
    ).map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as WatchReason[], protectedIdentity: r.protectedIdentity === 1, referralMade: r.referralMade === 1 }));
  }

  /** For the rules, keyed "pupilId:schoolId": watch-listed pupils and the end of any recorded leave. */
  factsFor(roundId: number): Map<string, { leaveTo: string | null }> {
    const rows = this.db.prepare('SELECT pupil_id, school_id, leave_to FROM watch_list WHERE round_id = ?').raw().all(roundId) as [
      number,
      number,
      string | null,
    ][];
    return new Map(rows.map(([p, s, to]) => [`${p}:${s}`, { leaveTo: to }]));
  }
}
