import type { Db } from './connection';

/** Per connection: how many rows this connection has written to each watched table. */
const ownWrites = new WeakMap<Db, Map<string, number>>();

/**
 * Remembers answers computed from some tables until one of them may have changed (issue
 * 19: the board's per-school counts and the flag list's pages are read by most requests
 * and change only when a round is evaluated or a follow-up saved). "May have changed" is
 * either of:
 *   - another connection committed (an import worker): SQLite's `PRAGMA data_version`;
 *   - this connection wrote a row to one of the tables: a TEMP trigger per table and
 *     write kind counts it (TEMP triggers fire only for this connection's writes).
 * Inside a transaction nothing is remembered or answered from memory: what the
 * transaction sees may yet be rolled back, and a rollback moves neither counter.
 */
export class ReadCache<V> {
  private readonly counts: Map<string, number>;
  private version = '';
  private readonly values = new Map<string, V>();

  constructor(
    private readonly db: Db,
    private readonly tables: readonly string[],
    /** Most answers kept at once (pages of a list, per filter); the oldest go first. */
    private readonly limit = 500,
  ) {
    let counts = ownWrites.get(db);
    if (!counts) {
      const made = new Map<string, number>();
      db.function('saknad_table_written', { varargs: false, deterministic: false }, (table: unknown) => {
        made.set(String(table), (made.get(String(table)) ?? 0) + 1);
        return null;
      });
      ownWrites.set(db, made);
      counts = made;
    }
    this.counts = counts;
    for (const table of tables) {
      if (counts.has(table)) continue;
      counts.set(table, 0);
      for (const kind of ['INSERT', 'UPDATE', 'DELETE'])
        db.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS saknad_written_${table}_${kind.toLowerCase()} AFTER ${kind} ON main.${table}
           BEGIN SELECT saknad_table_written('${table}'); END`,
        );
    }
  }

  /** The remembered answer for `key`, or `compute()`'s (remembered when outside a transaction). */
  get(key: string, compute: () => V): V {
    if (this.db.inTransaction) return compute();
    const version = `${this.db.pragma('data_version', { simple: true }) as number}:${this.tables.map((t) => this.counts.get(t)).join(':')}`;
    if (version !== this.version) {
      this.values.clear();
      this.version = version;
    }
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.values.size >= this.limit) this.values.delete(this.values.keys().next().value!);
    this.values.set(key, value);
    return value;
  }
}
