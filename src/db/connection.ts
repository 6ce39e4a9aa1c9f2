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

/**
 * Runs `write` in its own immediate transaction only if SQLite's one write lock is free
 * now; false (nothing written) while another connection holds it — an import worker
 * storing an upload or a round's evaluation (issue 19). For the writes a read makes on
 * the request thread (its audit entry, a session's expiry): waiting there (busy_timeout)
 * would stop every request of every user for as long as the worker's transaction lasts.
 * Inside the caller's own transaction it simply runs, as part of it.
 */
export function writeIfFree(db: Db, write: () => void): boolean {
  if (db.inTransaction) {
    write();
    return true;
  }
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.transaction(write).immediate();
    return true;
  } catch (e) {
    // Duck-typed: under jest, better-sqlite3's error may come from another realm and fail `instanceof Error`.
    if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return false;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
