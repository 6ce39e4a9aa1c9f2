import session from 'express-session';
import { writeIfFree, type Db } from '../db';
import type { Clock } from '../shared';

/**
 * express-session store on the SQLite file, so sessions survive a restart. Expired
 * rows are ignored on read and swept on write, at most once a minute. A session expires
 * after the idle time without requests, and at the latest the absolute lifetime after
 * login (`loginAt`), however busy it is: a forgotten open tab on a shared computer
 * does not stay logged in for days.
 */
/** How far the idle expiry must have moved before touch() writes it again. */
const TOUCH_EVERY_MS = 60_000;

export class SqliteSessionStore extends session.Store {
  private lastSweep = 0;
  /** The expiry this process last wrote per session, so a busy session is not written on every request. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
    private readonly clock: Clock,
  ) {
    super();
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    try {
      const row = this.db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?').get(sid, this.clock().getTime()) as
        { data: string } | undefined;
      cb(null, row ? (JSON.parse(row.data) as session.SessionData) : null);
    } catch (e) {
      cb(e);
    }
  }

  override set(sid: string, s: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.db
        .prepare(
          `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
           ON CONFLICT(sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
        )
        .run(sid, JSON.stringify(s), this.expiry(s));
      this.written.set(sid, this.expiry(s));
      this.sweep();
      cb?.();
    } catch (e) {
      cb?.(e);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
      this.written.delete(sid);
      cb?.();
    } catch (e) {
      cb?.(e);
    }
  }

  /**
   * Moves the idle expiry on. Written at most once a minute per session (bench:load: a
   * write per request was a visible share of every read), so a session may end up to a
   * minute before its idle time is fully up, never after; the absolute lifetime is exact.
   */
  override touch(sid: string, s: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      const expiry = this.expiry(s);
      const last = this.written.get(sid);
      // Not while an import worker holds the write lock: the next request tries again.
      if (
        (last === undefined || expiry - last >= TOUCH_EVERY_MS || expiry < last) &&
        writeIfFree(this.db, () => this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?').run(expiry, sid))
      ) {
        this.written.set(sid, expiry);
      }
      cb?.();
    } catch (e) {
      cb?.(e);
    }
  }

  /** Ends every session of a user (their password was just set or reset). */
  destroyForUser(userId: number): void {
    this.db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.userId') = ?").run(userId);
    this.written.clear();
  }

  // Expiry on the injected clock (not the cookie's), so one clock rules both timeouts.
  private expiry(s: session.SessionData): number {
    const idle = this.clock().getTime() + this.idleMs;
    return s.loginAt === undefined ? idle : Math.min(idle, s.loginAt + this.absoluteMs);
  }

  private sweep(): void {
    const now = this.clock().getTime();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    for (const [sid, expiry] of this.written) if (expiry <= now) this.written.delete(sid);
  }
}
