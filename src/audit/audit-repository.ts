import { writeIfFree, type Db } from '../db';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actor: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  details: string | null;
  requestId: string | null;
}

export interface AuditFilter {
  actor?: string;
  /** An action name's beginning ("login."), or words of its Swedish label (the service adds `actionsIn`). */
  action?: string;
  /** Action names that also match the filter (those whose Swedish words contain `action`). */
  actionsIn?: string[];
  objectType?: string;
  outcome?: AuditOutcome;
  from?: string; // ISO date, inclusive
  to?: string; // ISO date, inclusive
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

const COLUMNS = `id, at, actor_user_id AS actorUserId, actor, action, object_type AS objectType,
  object_id AS objectId, outcome, details, request_id AS requestId`;

export class AuditRepository {
  /** Entries not yet written because another connection held the write lock (see flush). */
  private readonly waiting: NewAuditEntry[] = [];
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /**
   * Inside a transaction the entry is part of it (a stored upload always has its entry).
   * Otherwise — the audit entry of a read — it is written now if the write lock is free,
   * and else as soon as it is (flush): the request never waits for an import worker's
   * transaction. Until then the entry is only in this process's memory.
   */
  insert(e: NewAuditEntry): void {
    if (this.db.inTransaction) return this.write(e);
    this.waiting.push(e);
    this.flush();
  }

  /** Writes the waiting entries, in order, if the write lock is free; else tries again in 20 ms. */
  flush(): void {
    if (!this.waiting.length || !this.db.open) return;
    const batch = this.waiting.splice(0);
    if (writeIfFree(this.db, () => batch.forEach((e) => this.write(e)))) return;
    this.waiting.unshift(...batch);
    this.retry ??= setTimeout(() => {
      this.retry = null;
      this.flush();
    }, 20);
  }

  /** Before the database closes: what still waits is written, waiting for the lock like any write. */
  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (!this.waiting.length || !this.db.open) return;
    const batch = this.waiting.splice(0);
    this.db.transaction(() => batch.forEach((e) => this.write(e)))();
  }

  private write(e: NewAuditEntry): void {
    this.db
      .prepare(
        `INSERT INTO audit_log (at, actor_user_id, actor, action, object_type, object_id, outcome, details, request_id)
         VALUES (@at, @actorUserId, @actor, @action, @objectType, @objectId, @outcome, @details, @requestId)`,
      )
      .run(e);
  }

  private where(f: AuditFilter): { sql: string; params: Record<string, string> } {
    const clauses: string[] = [];
    const params: Record<string, string> = {};
    if (f.actor) {
      clauses.push("actor LIKE @actor ESCAPE '\\'");
      params.actor = `%${f.actor.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    }
    if (f.action) {
      clauses.push(
        f.actionsIn?.length ? "(action LIKE @action ESCAPE '\\' OR action IN (SELECT value FROM json_each(@actionsIn)))" : "action LIKE @action ESCAPE '\\'",
      );
      params.action = `${f.action.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      if (f.actionsIn?.length) params.actionsIn = JSON.stringify(f.actionsIn);
    }
    if (f.objectType) {
      clauses.push('object_type = @objectType');
      params.objectType = f.objectType;
    }
    if (f.outcome) {
      clauses.push('outcome = @outcome');
      params.outcome = f.outcome;
    }
    if (f.from) {
      clauses.push('at >= @from');
      params.from = f.from;
    }
    if (f.to) {
      // 'to' is a date: include the whole day.
      clauses.push('at < @toExclusive');
      params.toExclusive = `${f.to}T24`;
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  list(f: AuditFilter, limit: number, offset: number): { rows: AuditEntry[]; total: number } {
    this.flush(); // the log shows what was recorded until now, waiting entries too
    const w = this.where(f);
    const total = this.db.prepare(`SELECT count(*) FROM audit_log ${w.sql}`).pluck().get(w.params) as number;
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...w.params, limit, offset }) as AuditEntry[];
    return { rows, total };
  }

  /** Round names by id, for the log's objects ("Omgång HT2026 efter sommarlovet"); a deleted round is simply missing. */
  roundNames(ids: readonly string[]): Map<string, string> {
    if (!ids.length) return new Map();
    const rows = this.db
      .prepare('SELECT CAST(id AS TEXT), name FROM rounds WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))')
      .raw()
      .all(JSON.stringify([...new Set(ids)])) as [string, string][];
    return new Map(rows);
  }

  *iterate(f: AuditFilter): IterableIterator<AuditEntry> {
    this.flush();
    const w = this.where(f);
    yield* this.db.prepare(`SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY id`).iterate(w.params) as IterableIterator<AuditEntry>;
  }
}
