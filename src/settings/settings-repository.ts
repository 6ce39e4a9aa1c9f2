import type { Db } from '../db';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get(key: string): unknown {
    const v = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return v === undefined ? undefined : JSON.parse(v);
  }

  set(key: string, value: unknown, at: string, by: number | null): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(key, JSON.stringify(value), at, by);
  }

  nonSchoolDays(): { date: string; reason: string }[] {
    return this.db.prepare('SELECT date, reason FROM non_school_days ORDER BY date').all() as { date: string; reason: string }[];
  }

  replaceNonSchoolDays(days: { date: string; reason: string }[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM non_school_days').run();
      const add = this.db.prepare('INSERT INTO non_school_days (date, reason) VALUES (?, ?)');
      for (const d of days) add.run(d.date, d.reason);
    })();
  }
}
