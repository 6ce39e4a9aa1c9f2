import type { Db } from '../db';

/** TOTP secrets and recovery codes; SQL for the second factor lives only here. */
export class SecondFactorRepository {
  constructor(private readonly db: Db) {}

  secret(userId: number): string | null {
    return (this.db.prepare('SELECT totp_secret FROM users WHERE id = ?').pluck().get(userId) as string | null) ?? null;
  }

  /** Stores a confirmed secret and replaces every recovery code, in one transaction. */
  enrol(userId: number, secret: string, step: number, codeHashes: string[]): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET totp_secret = ?, totp_last_step = ? WHERE id = ?').run(secret, step, userId);
      this.db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
      const insert = this.db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)');
      for (const h of codeHashes) insert.run(userId, h);
    })();
  }

  clear(userId: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET totp_secret = NULL, totp_last_step = NULL, totp_failures = 0, totp_hold_until = NULL WHERE id = ?').run(userId);
      this.db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    })();
  }

  /** Marks a time step as used; false if it (or a later one) was used already, so a code works once. */
  useStep(userId: number, step: number): boolean {
    return (
      this.db.prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)').run(step, userId, step).changes ===
      1
    );
  }

  useRecoveryCode(userId: number, codeHash: string, at: string): boolean {
    return (
      this.db.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL').run(at, userId, codeHash).changes === 1
    );
  }

  /** When codes are refused until (after too many wrong ones), or null. */
  holdUntil(userId: number): string | null {
    return (this.db.prepare('SELECT totp_hold_until FROM users WHERE id = ?').pluck().get(userId) as string | null) ?? null;
  }

  /** Counts a wrong code; at `max` in a row the account's codes are held until `until` and the count starts over. */
  recordFailure(userId: number, max: number, until: string): { held: boolean } {
    const failures = this.db.prepare('UPDATE users SET totp_failures = totp_failures + 1 WHERE id = ? RETURNING totp_failures').pluck().get(userId) as number;
    if (failures < max) return { held: false };
    this.db.prepare('UPDATE users SET totp_failures = 0, totp_hold_until = ? WHERE id = ?').run(until, userId);
    return { held: true };
  }

  clearFailures(userId: number): void {
    this.db.prepare('UPDATE users SET totp_failures = 0, totp_hold_until = NULL WHERE id = ?').run(userId);
  }

  recoveryCodesLeft(userId: number): number {
    return this.db.prepare('SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck().get(userId) as number;
  }
}
