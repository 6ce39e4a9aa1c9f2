import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './connection';
import { projectRoot } from '../shared';

export const migrationsDir = path.join(projectRoot, 'src', 'db', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migration files are named NNN_description.sql; the number orders them. */
export function readMigrations(dir: string = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
}

/**
 * Applies every migration not yet recorded, each in its own transaction, and returns
 * the names applied. Applied migrations are never edited: a change is a new file.
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    done.push(m.name);
  }
  return done;
}
