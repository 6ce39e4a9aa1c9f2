import type { Db } from '../db';

/** The SQL of the health checks: nothing personal is read. */
export class HealthRepository {
  constructor(private readonly db: Db) {}

  /** Takes the write lock and lets go: fails if the file is read-only, locked or gone. */
  writable(): boolean {
    try {
      this.db.prepare('BEGIN IMMEDIATE').run();
      this.db.prepare('ROLLBACK').run();
      return true;
    } catch {
      return false;
    }
  }

  migration(): number {
    return (this.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
  }

  pendingEvaluations(): number {
    return this.db.prepare('SELECT count(*) FROM round_evaluation_pending').pluck().get() as number;
  }

  lastBackupAt(): string | null {
    return (this.db.prepare('SELECT max(created_at) FROM backup_log').pluck().get() as string | null) ?? null;
  }
}
