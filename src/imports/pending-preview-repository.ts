import type { Db } from '../db';

export type PendingState = 'queued' | 'reading' | 'ready' | 'failed' | 'committing' | 'committed';

/** A web upload waiting between upload and confirmation (migration 021). */
export interface PendingPreviewRow {
  id: string;
  roundId: number;
  schoolId: number;
  userId: number;
  tmpFile: string;
  fileName: string;
  sheet: string | null;
  /** JSON: the ColumnMapping chosen on the preview, or null. */
  mapping: string | null;
  /** JSON: the StatusWords chosen on the preview, or null. */
  statusWords: string | null;
  state: PendingState;
  /** JSON: the preview (report, sample rows, layout) once read, or the commit's rejected report. */
  result: string | null;
  message: string | null;
  uploadId: number | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, round_id AS roundId, school_id AS schoolId, user_id AS userId, tmp_file AS tmpFile, file_name AS fileName, sheet,
  mapping, status_words AS statusWords, state, result, message, upload_id AS uploadId, created_at AS createdAt, updated_at AS updatedAt`;

export class PendingPreviewRepository {
  constructor(private readonly db: Db) {}

  insert(row: Omit<PendingPreviewRow, 'result' | 'message' | 'uploadId' | 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO pending_previews (id, round_id, school_id, user_id, tmp_file, file_name, sheet, mapping, status_words, state, created_at, updated_at)
         VALUES (@id, @roundId, @schoolId, @userId, @tmpFile, @fileName, @sheet, @mapping, @statusWords, @state, @createdAt, @createdAt)`,
      )
      .run(row);
  }

  get(id: string): PendingPreviewRow | null {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM pending_previews WHERE id = ?`).get(id) as PendingPreviewRow | undefined) ?? null;
  }

  update(
    id: string,
    at: string,
    change: Partial<Pick<PendingPreviewRow, 'sheet' | 'mapping' | 'statusWords' | 'state' | 'result' | 'message' | 'uploadId'>>,
  ): void {
    const sets = Object.keys(change).map((k) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = @${k}`);
    this.db.prepare(`UPDATE pending_previews SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`).run({ ...change, id, at });
  }

  /** Moves the state on only from `from` (a discarded or swept row stays gone; a second commit finds no ready row). */
  moveState(id: string, from: PendingState[], to: PendingState, at: string): boolean {
    const marks = from.map(() => '?').join(', ');
    return this.db.prepare(`UPDATE pending_previews SET state = ?, updated_at = ? WHERE id = ? AND state IN (${marks})`).run(to, at, id, ...from).changes === 1;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM pending_previews WHERE id = ?').run(id);
  }

  /** The user's previews that still hold their file and no job is committing, newest first. */
  waitingOf(userId: number): PendingPreviewRow[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM pending_previews WHERE user_id = ? AND state NOT IN ('committing', 'committed') ORDER BY created_at DESC, rowid DESC`)
      .all(userId) as PendingPreviewRow[];
  }

  /** Every waiting file, for the sweeps of data/tmp (a file a preview still needs stays). */
  tmpFiles(): string[] {
    return this.db.prepare('SELECT tmp_file FROM pending_previews').pluck().all() as string[];
  }

  /** Rows created before `before` (ISO), for the sweep. */
  olderThan(before: string): PendingPreviewRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM pending_previews WHERE created_at < ?`).all(before) as PendingPreviewRow[];
  }

  /** Rows a stopped process left in work (no job will finish them): marked failed with `message`. */
  failUnfinished(message: string, at: string): number {
    return this.db
      .prepare(`UPDATE pending_previews SET state = 'failed', message = ?, updated_at = ? WHERE state IN ('queued', 'reading', 'committing')`)
      .run(message, at).changes;
  }
}
