import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the single SQLite file. WAL lets page reads go on while an import commits;
 * foreign keys are off by default in SQLite and must be switched on per connection.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  cachePreparedStatements(db);
  return db;
}

/** Statements kept; repositories build a few hundred distinct SQL texts at most. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes db.prepare() reuse the statement it prepared earlier for the same SQL text.
 * Repositories call prepare() on every read, and under load parsing and planning the
 * same SQL again was a measurable part of every request (bench:load). A cached statement
 * goes back to plain rows before it is handed out again (raw, pluck and expand are
 * per-statement modes), and one still being iterated is never handed out twice.
 */
function cachePreparedStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) {
      cache.delete(sql);
      cache.set(sql, cached);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const fresh = prepare(sql);
    if (!cached) {
      cache.set(sql, fresh);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return fresh;
  }) as Db['prepare'];
}
