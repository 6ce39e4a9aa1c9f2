import type { Db } from '../db';
import { PupilRepository } from '../pupils';
import type { PupilRecord } from './interpret/pupil-record';
import type { Status } from './normalise';
import { daysBetween } from '../calendar';

export interface UploadRecord {
  id: number;
  roundId: number;
  schoolId: number;
  uploadedBy: number | null;
  uploadedByLabel: string;
  uploadedAt: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  format: 'csv' | 'xlsx';
  shape: 'daily' | 'matrix' | 'summary';
  perLesson: boolean;
  headerRow: number;
  columnMapping: string;
  report: string;
  pupils: number;
  rows: number;
  days: number;
  excludedProtected: number;
  rawFile: string | null;
  supersededBy: number | null;
}

export type NewUpload = Omit<UploadRecord, 'id' | 'supersededBy' | 'rawFile'>;

const UPLOAD_COLUMNS = `id, round_id AS roundId, school_id AS schoolId, uploaded_by AS uploadedBy, uploaded_by_label AS uploadedByLabel,
  uploaded_at AS uploadedAt, file_name AS fileName, size_bytes AS sizeBytes, sha256, format, shape, per_lesson AS perLesson,
  header_row AS headerRow, column_mapping AS columnMapping, report, pupils, rows, days, excluded_protected AS excludedProtected,
  raw_file AS rawFile, superseded_by AS supersededBy`;

type UploadRow = Omit<UploadRecord, 'perLesson'> & { perLesson: number };
const toUpload = (r: UploadRow): UploadRecord => ({ ...r, perLesson: r.perLesson === 1 });

export class ImportRepository {
  private readonly pupils: PupilRepository;

  constructor(private readonly db: Db) {
    this.pupils = new PupilRepository(db);
  }

  /**
   * Replaces the school's roster and attendance in the round with the new upload, in
   * one transaction: either all of it is stored or none. The earlier upload stays, marked
   * as superseded. The raw file is already on disk (`upload.rawFile`, written before the
   * commit); the round is marked "evaluation pending" (migration 012) in the same
   * transaction, and `alsoStore` (the audit entry) runs inside it too.
   */
  commit(
    upload: NewUpload & { rawFile: string | null },
    pupils: Iterable<PupilRecord>,
    window: readonly string[],
    alsoStore: (uploadId: number) => void,
  ): number {
    return this.db.transaction(() => {
      const { roundId, schoolId, uploadedAt } = upload;
      const uploadId = Number(
        this.db
          .prepare(
            `INSERT INTO uploads (round_id, school_id, uploaded_by, uploaded_by_label, uploaded_at, file_name, size_bytes, sha256,
               format, shape, per_lesson, header_row, column_mapping, report, pupils, rows, days, excluded_protected, raw_file)
             VALUES (@roundId, @schoolId, @uploadedBy, @uploadedByLabel, @uploadedAt, @fileName, @sizeBytes, @sha256,
               @format, @shape, @perLesson, @headerRow, @columnMapping, @report, @pupils, @rows, @days, @excludedProtected, @rawFile)`,
          )
          .run({ ...upload, perLesson: upload.perLesson ? 1 : 0 }).lastInsertRowid,
      );
      this.db
        .prepare('UPDATE uploads SET superseded_by = ? WHERE round_id = ? AND school_id = ? AND id <> ? AND superseded_by IS NULL')
        .run(uploadId, roundId, schoolId, uploadId);
      this.db.prepare('DELETE FROM pupil_attendance WHERE round_id = ? AND school_id = ?').run(roundId, schoolId);
      this.db.prepare('DELETE FROM roster WHERE round_id = ? AND school_id = ?').run(roundId, schoolId);

      // Identity, the school's names and guardians as this file gives them (pupils/ owns the rules).
      const pupilWriter = this.pupils.writer('file', uploadedAt);
      const addRoster = batchedInsert(
        this.db,
        `INSERT INTO roster (round_id, school_id, pupil_id, upload_id, class_name, grade, source_row, days_present,
           valid_absence_days, unexplained_absence_days, unknown_absence_days, first_day_present,
           scheduled_minutes, attended_minutes, valid_absence_minutes, unexplained_absence_minutes) VALUES`,
        16,
      );
      // One row per pupil: a letter per calendar day of the window (see migration 009).
      const addAttendance = batchedInsert(this.db, 'INSERT INTO pupil_attendance (round_id, school_id, pupil_id, first_date, codes, source_rows) VALUES', 6);
      const firstDate = window[0]!;
      const offsets = window.map((d) => daysBetween(firstDate, d));
      for (const p of pupils) {
        const pupilId = pupilWriter.upsert(p);
        pupilWriter.nameAtSchool(schoolId, pupilId, p.firstName, p.lastName);
        for (const g of p.guardians) pupilWriter.addGuardian(schoolId, pupilId, g);
        const s = p.summary;
        const m = p.minutes;
        addRoster.add(
          roundId,
          schoolId,
          pupilId,
          uploadId,
          p.className,
          p.grade,
          p.firstRow,
          s?.daysPresent ?? null,
          s?.validAbsenceDays ?? null,
          s?.unexplainedAbsenceDays ?? null,
          s?.unknownAbsenceDays ?? null,
          s?.firstDayPresent ?? null,
          m?.scheduled ?? null,
          m?.attended ?? null,
          m?.valid ?? null,
          m?.unexplained ?? null,
        );
        const days = encodeDays(p, offsets);
        if (days) addAttendance.add(roundId, schoolId, pupilId, firstDate, days.codes, days.sourceRows);
      }
      addRoster.flush();
      addAttendance.flush();
      this.db
        .prepare(
          `INSERT INTO round_evaluation_pending (round_id, since, upload_id) VALUES (?, ?, ?)
           ON CONFLICT(round_id) DO UPDATE SET upload_id = excluded.upload_id`,
        )
        .run(roundId, uploadedAt, uploadId);
      alsoStore(uploadId);
      return uploadId;
    })();
  }

  findUpload(id: number): UploadRecord | undefined {
    const r = this.db.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE id = ?`).get(id) as UploadRow | undefined;
    return r && toUpload(r);
  }

  uploads(roundId: number, schoolId: number): UploadRecord[] {
    return (
      this.db.prepare(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE round_id = ? AND school_id = ? ORDER BY id DESC`).all(roundId, schoolId) as UploadRow[]
    ).map(toUpload);
  }

  /** Counts of what is stored for a school in a round (the current upload's data). */
  counts(roundId: number, schoolId: number): { pupils: number; days: number } {
    return {
      pupils: this.db.prepare('SELECT count(*) FROM roster WHERE round_id = ? AND school_id = ?').pluck().get(roundId, schoolId) as number,
      days: this.db
        .prepare("SELECT coalesce(sum(length(replace(codes, '-', ''))), 0) FROM pupil_attendance WHERE round_id = ? AND school_id = ?")
        .pluck()
        .get(roundId, schoolId) as number,
    };
  }

  /** Every raw file a row points to (paths relative to the data folder). */
  rawFiles(): Set<string> {
    return new Set(this.db.prepare('SELECT raw_file FROM uploads WHERE raw_file IS NOT NULL').pluck().all() as string[]);
  }

  /** The school's saved column mapping, or null when it has none. */
  profile(schoolId: number): Record<string, string> | null {
    const v = this.db.prepare('SELECT mapping FROM import_profiles WHERE school_id = ?').pluck().get(schoolId) as string | undefined;
    const mapping = v ? (JSON.parse(v) as Record<string, string>) : null;
    // A profile saved for status words alone holds no columns.
    return mapping && Object.keys(mapping).length ? mapping : null;
  }

  saveProfile(schoolId: number, mapping: Record<string, string>, at: string, by: number | null): void {
    this.db
      .prepare(
        `INSERT INTO import_profiles (school_id, mapping, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(school_id) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(schoolId, JSON.stringify(mapping), at, by);
  }

  /** The school's own status words (word → status), saved with its profile; {} when none. */
  statusWords(schoolId: number): Record<string, Status> {
    const v = this.db.prepare('SELECT status_words FROM import_profiles WHERE school_id = ?').pluck().get(schoolId) as string | undefined;
    return v ? (JSON.parse(v) as Record<string, Status>) : {};
  }

  /** Replaces the school's status words; the column mapping stays as it was (none if there was no profile). */
  saveStatusWords(schoolId: number, words: Record<string, Status>, at: string, by: number | null): void {
    this.db
      .prepare(
        `INSERT INTO import_profiles (school_id, mapping, status_words, updated_at, updated_by) VALUES (?, '{}', ?, ?, ?)
         ON CONFLICT(school_id) DO UPDATE SET status_words = excluded.status_words, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(schoolId, JSON.stringify(words), at, by);
  }
}

/** Status letters of pupil_attendance.codes by day rank (see RANK): '-' for no row. */
const LETTER_OF_RANK = ['-', 'n', 'v', 'u', 'x', 'p'] as const;

/**
 * A pupil's days as stored in pupil_attendance: a letter per calendar day from the first
 * window day (`offsets` gives each window day's place) and the source rows as a JSON
 * array; null when the file has no day for the pupil.
 */
export function encodeDays(p: Pick<PupilRecord, 'dayRanks' | 'dayRows'>, offsets: readonly number[]): { codes: string; sourceRows: string } | null {
  let last = -1;
  for (let i = 0; i < p.dayRanks.length; i++) if (p.dayRanks[i] !== 0) last = i;
  if (last < 0) return null;
  let codes = '';
  let rows = '[';
  let at = 0;
  for (let i = 0; i <= last; i++) {
    for (; at < offsets[i]!; at++) {
      codes += '-';
      rows += at ? ',0' : '0';
    }
    const rank = p.dayRanks[i]!;
    codes += LETTER_OF_RANK[rank];
    rows += (at ? ',' : '') + (rank ? p.dayRows[i]! : 0);
    at++;
  }
  return { codes, sourceRows: `${rows}]` };
}

/** Rows per INSERT statement when many rows go in: one statement run per 64 rows, not per row. */
const ROWS_PER_INSERT = 64;

/**
 * `INSERT INTO t (…) VALUES` for many rows of `columns` values each, sent ROWS_PER_INSERT
 * rows at a time; `flush()` sends the rest. Rows go in in the order added.
 */
function batchedInsert(db: Db, head: string, columns: number): { add(...values: unknown[]): void; flush(): void } {
  const row = `(${Array(columns).fill('?').join(', ')})`;
  const statement = (rows: number) => db.prepare(`${head} ${Array(rows).fill(row).join(', ')}`);
  const full = statement(ROWS_PER_INSERT);
  let pending: unknown[] = [];
  return {
    add(...values) {
      for (const v of values) pending.push(v);
      if (pending.length === ROWS_PER_INSERT * columns) {
        full.run(pending);
        pending = [];
      }
    },
    flush() {
      if (pending.length) statement(pending.length / columns).run(pending);
      pending = [];
    },
  };
}
