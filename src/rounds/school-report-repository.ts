import type { Db } from '../db/connection';

export interface SchoolReport {
  roundId: number;
  schoolId: number;
  confirmedAt: string;
  confirmedByLabel: string;
  statement: string;
  nilReport: boolean;
  flaggedPupils: number;
}

/** Per school in a round: its report, its current upload and how many pupils are flagged. */
export interface BoardRow {
  schoolId: number;
  uploadedAt: string | null;
  pupils: number | null;
  flaggedPupils: number;
  notLocated: number;
  report: SchoolReport | null;
}

/**
 * A flagged pupil counts as located when the school recorded a move to a named school
 * (in or outside the municipality). Until cases exist (a later issue) nothing else does;
 * a pupil who came back is no longer flagged at all. SQL over `followups fu`.
 */
export const LOCATED = "coalesce(fu.transfer, 'none') IN ('municipal_school', 'other_municipality') AND fu.receiving_school IS NOT NULL";

export class SchoolReportRepository {
  constructor(private readonly db: Db) {}

  find(roundId: number, schoolId: number): SchoolReport | undefined {
    const r = this.db
      .prepare(
        `SELECT round_id AS roundId, school_id AS schoolId, confirmed_at AS confirmedAt, confirmed_by_label AS confirmedByLabel,
                statement, nil_report AS nilReport, flagged_pupils AS flaggedPupils
           FROM school_reports WHERE round_id = ? AND school_id = ?`,
      )
      .get(roundId, schoolId) as (Omit<SchoolReport, 'nilReport'> & { nilReport: number }) | undefined;
    return r && { ...r, nilReport: r.nilReport === 1 };
  }

  confirm(r: SchoolReport & { confirmedBy: number | null }): void {
    this.db
      .prepare(
        `INSERT INTO school_reports (round_id, school_id, confirmed_at, confirmed_by, confirmed_by_label, statement, nil_report, flagged_pupils)
         VALUES (@roundId, @schoolId, @confirmedAt, @confirmedBy, @confirmedByLabel, @statement, @nilReport, @flaggedPupils)
         ON CONFLICT(round_id, school_id) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,
           confirmed_by_label = excluded.confirmed_by_label, statement = excluded.statement, nil_report = excluded.nil_report,
           flagged_pupils = excluded.flagged_pupils`,
      )
      .run({ ...r, nilReport: r.nilReport ? 1 : 0 });
  }

  /** Flagged pupils (active flags) per school in the round. */
  flaggedCount(roundId: number, schoolId: number): number {
    return this.db
      .prepare('SELECT count(DISTINCT pupil_id) FROM flags WHERE round_id = ? AND school_id = ? AND cleared_at IS NULL')
      .pluck()
      .get(roundId, schoolId) as number;
  }

  board(roundId: number, schoolIds: number[]): BoardRow[] {
    const uploads = new Map(
      (this.db
        .prepare('SELECT school_id, uploaded_at, pupils FROM uploads WHERE round_id = ? AND superseded_by IS NULL')
        .raw()
        .all(roundId) as [number, string, number][]).map(([s, at, n]) => [s, { at, n }]),
    );
    const flagged = new Map(
      this.db
        .prepare('SELECT school_id, count(DISTINCT pupil_id) FROM flags WHERE round_id = ? AND cleared_at IS NULL GROUP BY school_id')
        .raw()
        .all(roundId) as [number, number][],
    );
    const notLocated = new Map(
      this.db
        .prepare(
          `SELECT f.school_id, count(DISTINCT f.pupil_id) FROM flags f
             LEFT JOIN followups fu ON fu.round_id = f.round_id AND fu.school_id = f.school_id AND fu.pupil_id = f.pupil_id
            WHERE f.round_id = ? AND f.cleared_at IS NULL AND NOT (${LOCATED})
            GROUP BY f.school_id`,
        )
        .raw()
        .all(roundId) as [number, number][],
    );
    return schoolIds.map((schoolId) => ({
      schoolId,
      uploadedAt: uploads.get(schoolId)?.at ?? null,
      pupils: uploads.get(schoolId)?.n ?? null,
      flaggedPupils: flagged.get(schoolId) ?? 0,
      notLocated: notLocated.get(schoolId) ?? 0,
      report: this.find(roundId, schoolId) ?? null,
    }));
  }
}
