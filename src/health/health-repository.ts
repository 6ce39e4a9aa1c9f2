import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db';

/** The SQL of the health checks: nothing personal is read. */
export class HealthRepository {
  constructor(private readonly db: Db) {}

  /**
   * The connection is open read-write, the file (and its folder, for the WAL) may be
   * written, and a read answers. It does not take the write lock: that would block the
   * event loop for the busy timeout while another process (a CLI import) writes.
   */
  writable(): boolean {
    try {
      if (this.db.readonly || !this.db.open) return false;
      this.db.prepare('SELECT 1').get();
      if (this.db.name !== ':memory:') {
        fs.accessSync(this.db.name, fs.constants.W_OK);
        fs.accessSync(path.dirname(this.db.name), fs.constants.W_OK);
      }
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
