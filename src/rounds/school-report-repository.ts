import { ReadCache, type Db } from '../db';
import { LOCATED, severityOfSqlRank, severityRankSql, type PupilIdentityRow, type Severity } from '../shared';

/** One flagged pupil on the school's page in a round: who, how serious, which rules, what the school and the office did. */
export interface SchoolFlaggedRow extends PupilIdentityRow {
  severity: Severity;
  ruleIds: string[];
  /** When the school last saved the pupil's follow-up, or null. */
  followUpAt: string | null;
  contactAttempts: number;
  /** The school recorded a move to a named school (see LOCATED). */
  located: boolean;
  caseId: number | null;
  caseState: string | null;
}

export interface SchoolReport {
  roundId: number;
  schoolId: number;
  confirmedAt: string;
  confirmedByLabel: string;
  statement: string;
  nilReport: boolean;
  flaggedPupils: number;
  /** The upload the school confirmed; a later upload undoes the confirmation. */
  uploadId: number | null;
}

export type ResetReason = 'upload' | 'flags' | 'nil_with_flags';

/** A confirmation that was undone (migration 011), until the school confirms again. */
export interface SchoolReportReset {
  roundId: number;
  schoolId: number;
  resetAt: string;
  reason: ResetReason;
  /** When the undone confirmation was made, and whether it was a nil report. */
  confirmedAt: string;
  nilReport: boolean;
}

/** Per school in a round: its report, its current upload and how many pupils are flagged. */
export interface BoardRow {
  schoolId: number;
  uploadedAt: string | null;
  pupils: number | null;
  flaggedPupils: number;
  notLocated: number;
  report: SchoolReport | null;
  reset: SchoolReportReset | null;
}

export class SchoolReportRepository {
  private readonly flagCounts: ReadCache<Map<number, { flagged: number; notLocated: number }>>;

  constructor(private readonly db: Db) {
    // Every board reads them (the round page, the API); they change only with the flags or follow-ups.
    this.flagCounts = new ReadCache(db, ['flags', 'followups'], 50);
  }

  find(roundId: number, schoolId: number): SchoolReport | undefined {
    return this.reports(roundId, schoolId)[0];
  }

  /** The round's confirmed reports (of one school when given). */
  private reports(roundId: number, schoolId?: number): SchoolReport[] {
    return (
      this.db
        .prepare(
          `SELECT round_id AS roundId, school_id AS schoolId, confirmed_at AS confirmedAt, confirmed_by_label AS confirmedByLabel,
                  statement, nil_report AS nilReport, flagged_pupils AS flaggedPupils, upload_id AS uploadId
             FROM school_reports WHERE round_id = ? AND (? IS NULL OR school_id = ?)`,
        )
        .all(roundId, schoolId ?? null, schoolId ?? null) as (Omit<SchoolReport, 'nilReport'> & { nilReport: number })[]
    ).map((r) => ({ ...r, nilReport: r.nilReport === 1 }));
  }

  /**
   * Immediate: a confirmation reads the school's latest upload, the evaluation mark and the
   * flag count, then writes; an import worker's connection may commit a new upload between
   * those reads and that write. Taking the write lock first makes them one moment.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Stores the confirmation; an earlier reset of it is done with. */
  confirm(r: SchoolReport & { confirmedBy: number | null }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO school_reports (round_id, school_id, confirmed_at, confirmed_by, confirmed_by_label, statement, nil_report, flagged_pupils, upload_id)
           VALUES (@roundId, @schoolId, @confirmedAt, @confirmedBy, @confirmedByLabel, @statement, @nilReport, @flaggedPupils, @uploadId)
           ON CONFLICT(round_id, school_id) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,
             confirmed_by_label = excluded.confirmed_by_label, statement = excluded.statement, nil_report = excluded.nil_report,
             flagged_pupils = excluded.flagged_pupils, upload_id = excluded.upload_id`,
        )
        .run({ ...r, nilReport: r.nilReport ? 1 : 0 });
      this.db.prepare('DELETE FROM school_report_resets WHERE round_id = ? AND school_id = ?').run(r.roundId, r.schoolId);
    })();
  }

  /** The round's confirmed reports with the school's current upload id (null: none). */
  confirmedWithUpload(
    roundId: number,
  ): { schoolId: number; confirmedAt: string; nilReport: boolean; uploadId: number | null; currentUploadId: number | null }[] {
    return (
      this.db
        .prepare(
          `SELECT r.school_id AS schoolId, r.confirmed_at AS confirmedAt, r.nil_report AS nilReport, r.upload_id AS uploadId,
                  (SELECT u.id FROM uploads u WHERE u.round_id = r.round_id AND u.school_id = r.school_id AND u.superseded_by IS NULL) AS currentUploadId
             FROM school_reports r WHERE r.round_id = ?`,
        )
        .all(roundId) as { schoolId: number; confirmedAt: string; nilReport: number; uploadId: number | null; currentUploadId: number | null }[]
    ).map((r) => ({ ...r, nilReport: r.nilReport === 1 }));
  }

  /** Undoes the school's confirmation, keeping when and why (call inside the caller's transaction). */
  reset(x: SchoolReportReset): void {
    this.db.prepare('DELETE FROM school_reports WHERE round_id = ? AND school_id = ?').run(x.roundId, x.schoolId);
    this.db
      .prepare(
        `INSERT INTO school_report_resets (round_id, school_id, reset_at, reason, confirmed_at, nil_report)
         VALUES (@roundId, @schoolId, @resetAt, @reason, @confirmedAt, @nilReport)
         ON CONFLICT(round_id, school_id) DO UPDATE SET reset_at = excluded.reset_at, reason = excluded.reason,
           confirmed_at = excluded.confirmed_at, nil_report = excluded.nil_report`,
      )
      .run({ ...x, nilReport: x.nilReport ? 1 : 0 });
  }

  /** The school's undone confirmation, while it has not confirmed again. */
  findReset(roundId: number, schoolId: number): SchoolReportReset | undefined {
    return this.resets(roundId, schoolId)[0];
  }

  /** The round's undone confirmations (of one school when given). */
  private resets(roundId: number, schoolId?: number): SchoolReportReset[] {
    return (
      this.db
        .prepare(
          `SELECT round_id AS roundId, school_id AS schoolId, reset_at AS resetAt, reason, confirmed_at AS confirmedAt, nil_report AS nilReport
             FROM school_report_resets WHERE round_id = ? AND (? IS NULL OR school_id = ?)`,
        )
        .all(roundId, schoolId ?? null, schoolId ?? null) as (Omit<SchoolReportReset, 'nilReport'> & { nilReport: number })[]
    ).map((r) => ({ ...r, nilReport: r.nilReport === 1 }));
  }

  /** Flagged pupils (active flags) per school in the round. */
  flaggedCount(roundId: number, schoolId: number): number {
    return this.db
      .prepare('SELECT count(DISTINCT pupil_id) FROM flags WHERE round_id = ? AND school_id = ? AND cleared_at IS NULL')
      .pluck()
      .get(roundId, schoolId) as number;
  }

  /**
   * The school's flagged pupils in the round, one row per pupil, most severe first, a page
   * at a time (one query; the total rides along as a window count).
   */
  schoolFlagged(roundId: number, schoolId: number, limit: number, offset: number): { rows: SchoolFlaggedRow[]; total: number } {
    const raw = this.db
      .prepare(
        `WITH fp AS (
           SELECT f.pupil_id, max(${severityRankSql('f.severity')}) AS rank, json_group_array(DISTINCT f.rule_id) AS rules
             FROM flags f WHERE f.round_id = @roundId AND f.school_id = @schoolId AND f.cleared_at IS NULL
            GROUP BY f.pupil_id)
         SELECT fp.pupil_id AS pupilId, p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName,
                p.protected_identity AS protectedIdentity, ro.class_name AS className, fp.rank, fp.rules,
                fu.updated_at AS followUpAt,
                (SELECT count(*) FROM contact_attempts ca WHERE ca.round_id = @roundId AND ca.school_id = @schoolId AND ca.pupil_id = fp.pupil_id) AS contactAttempts,
                CASE WHEN fu.pupil_id IS NOT NULL AND ${LOCATED} THEN 1 ELSE 0 END AS located,
                c.id AS caseId, c.state AS caseState,
                count(*) OVER () AS total
           FROM fp
           JOIN pupils p ON p.id = fp.pupil_id
           LEFT JOIN school_pupils sp ON sp.school_id = @schoolId AND sp.pupil_id = fp.pupil_id
           LEFT JOIN roster ro ON ro.round_id = @roundId AND ro.school_id = @schoolId AND ro.pupil_id = fp.pupil_id
           LEFT JOIN followups fu ON fu.round_id = @roundId AND fu.school_id = @schoolId AND fu.pupil_id = fp.pupil_id
           LEFT JOIN cases c ON c.round_id = @roundId AND c.pupil_id = fp.pupil_id
          ORDER BY fp.rank DESC, sp.last_name, sp.first_name, p.personal_number
          LIMIT @limit OFFSET @offset`,
      )
      .all({ roundId, schoolId, limit, offset }) as (Omit<SchoolFlaggedRow, 'protectedIdentity' | 'severity' | 'ruleIds' | 'located'> & {
      protectedIdentity: number;
      rank: number;
      rules: string;
      located: number;
      total: number;
    })[];
    const total = raw[0]?.total ?? (offset > 0 ? this.flaggedCount(roundId, schoolId) : 0);
    return {
      total,
      rows: raw.map(({ rank, rules, total: _total, ...r }) => ({
        ...r,
        protectedIdentity: r.protectedIdentity === 1,
        located: r.located === 1,
        severity: severityOfSqlRank(rank),
        ruleIds: JSON.parse(rules) as string[],
      })),
    };
  }

  /** The school's flagged pupils the school has recorded nothing about (no follow-up, no contact attempt). */
  notFollowedUp(roundId: number, schoolId: number): number {
    return this.db
      .prepare(
        `SELECT count(DISTINCT f.pupil_id) FROM flags f
          WHERE f.round_id = @roundId AND f.school_id = @schoolId AND f.cleared_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM followups fu WHERE fu.round_id = @roundId AND fu.school_id = @schoolId AND fu.pupil_id = f.pupil_id)
            AND NOT EXISTS (SELECT 1 FROM contact_attempts ca WHERE ca.round_id = @roundId AND ca.school_id = @schoolId AND ca.pupil_id = f.pupil_id)`,
      )
      .pluck()
      .get({ roundId, schoolId }) as number;
  }

  board(roundId: number, schoolIds: number[]): BoardRow[] {
    const uploads = new Map(
      (
        this.db.prepare('SELECT school_id, uploaded_at, pupils FROM uploads WHERE round_id = ? AND superseded_by IS NULL').raw().all(roundId) as [
          number,
          string,
          number,
        ][]
      ).map(([s, at, n]) => [s, { at, n }]),
    );
    const counts = this.flagCounts.get(String(roundId), () => this.flagCountsBySchool(roundId));
    // Every school's report and undone confirmation in one read each, not two per school.
    const reports = new Map(this.reports(roundId).map((r) => [r.schoolId, r]));
    const resets = new Map(this.resets(roundId).map((r) => [r.schoolId, r]));
    return schoolIds.map((schoolId) => ({
      schoolId,
      uploadedAt: uploads.get(schoolId)?.at ?? null,
      pupils: uploads.get(schoolId)?.n ?? null,
      flaggedPupils: counts.get(schoolId)?.flagged ?? 0,
      notLocated: counts.get(schoolId)?.notLocated ?? 0,
      report: reports.get(schoolId) ?? null,
      reset: resets.get(schoolId) ?? null,
    }));
  }

  /** Flagged and not-located pupils per school in one pass over the round's active flags. */
  private flagCountsBySchool(roundId: number): Map<number, { flagged: number; notLocated: number }> {
    return new Map(
      (
        this.db
          .prepare(
            `SELECT f.school_id, count(DISTINCT f.pupil_id), count(DISTINCT CASE WHEN NOT (${LOCATED}) THEN f.pupil_id END) FROM flags f
               LEFT JOIN followups fu ON fu.round_id = f.round_id AND fu.school_id = f.school_id AND fu.pupil_id = f.pupil_id
              WHERE f.round_id = ? AND f.cleared_at IS NULL
              GROUP BY f.school_id`,
          )
          .raw()
          .all(roundId) as [number, number, number][]
      ).map(([s, flagged, notLocated]) => [s, { flagged, notLocated }]),
    );
  }
}
