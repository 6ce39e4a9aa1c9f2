import Database from 'better-sqlite3';
import type { Db } from '../db';

/** Rows counted in a backup's manifest and by `backup verify` (counts only). */
export const COUNTED_TABLES = [
  'schools',
  'users',
  'rounds',
  'uploads',
  'pupils',
  'roster',
  'pupil_attendance',
  'flags',
  'cases',
  'referrals',
  'audit_log',
] as const;
export type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

export interface Inspection {
  integrity: string;
  migration: number;
  counts: Counts;
  rawFiles: string[];
}

function countsOf(db: Db): Counts {
  const out = {} as Counts;
  for (const t of COUNTED_TABLES) out[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return out;
}

function migrationOf(db: Db): number {
  return (db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
}

/** All SQL of backups: the live database's online copy and log, and a copy's inspection. */
export class BackupRepository {
  constructor(private readonly db: Db) {}

  /** SQLite's online backup: a consistent copy while the server reads and writes. */
  async copyTo(file: string): Promise<void> {
    await this.db.backup(file);
  }

  logBackup(createdAt: string, fileName: string, sizeBytes: number): void {
    this.db.prepare('INSERT INTO backup_log (created_at, file_name, size_bytes) VALUES (?, ?, ?)').run(createdAt, fileName, sizeBytes);
  }

  lastBackupAt(): string | null {
    return (this.db.prepare('SELECT max(created_at) FROM backup_log').pluck().get() as string | null) ?? null;
  }

  /** Opens a database copy read-only and reads its integrity, migration level, counts and raw files. */
  static inspect(file: string): Inspection {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
      return {
        integrity,
        migration: migrationOf(db),
        counts: countsOf(db),
        rawFiles: db.prepare('SELECT raw_file FROM uploads WHERE raw_file IS NOT NULL').pluck().all() as string[],
      };
    } finally {
      db.close();
    }
  }
}
