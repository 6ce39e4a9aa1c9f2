import type { Db } from '../db';
import type { Role } from '../shared';

export interface User {
  id: number;
  email: string;
  name: string;
  active: boolean;
  hasPassword: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export interface RoleGrant {
  role: Role;
  schoolId: number | null;
}

export interface UserWithRoles extends User {
  roles: RoleGrant[];
}

type Row = Omit<User, 'active' | 'hasPassword'> & { active: number; hasPassword: number };
const COLUMNS = `id, email, name, active, password_hash IS NOT NULL AS hasPassword,
  failed_logins AS failedLogins, locked_until AS lockedUntil, last_login_at AS lastLoginAt`;
const toUser = (r: Row): User => ({ ...r, active: r.active === 1, hasPassword: r.hasPassword === 1 });

export class UserRepository {
  constructor(private readonly db: Db) {}

  findById(id: number): User | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as Row | undefined;
    return r && toUser(r);
  }

  findByEmail(email: string): User | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ?`).get(email.trim()) as Row | undefined;
    return r && toUser(r);
  }

  passwordHash(id: number): string | null {
    return (this.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string | null) ?? null;
  }

  list(): UserWithRoles[] {
    const users = (this.db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY name`).all() as Row[]).map(toUser);
    const grants = this.db.prepare('SELECT user_id AS userId, role, school_id AS schoolId FROM user_roles').all() as (RoleGrant & {
      userId: number;
    })[];
    return users.map((u) => ({
      ...u,
      roles: grants.filter((g) => g.userId === u.id).map(({ role, schoolId }) => ({ role, schoolId })),
    }));
  }

  /** E-mail addresses of the active principals of a school. */
  principalEmails(schoolId: number): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
          WHERE r.role = 'principal' AND r.school_id = ? AND u.active = 1 ORDER BY u.email`,
      )
      .pluck()
      .all(schoolId) as string[];
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  roles(userId: number): RoleGrant[] {
    return this.db.prepare('SELECT role, school_id AS schoolId FROM user_roles WHERE user_id = ? ORDER BY role, school_id').all(userId) as RoleGrant[];
  }

  insert(u: { email: string; name: string; passwordHash: string | null }, roles: RoleGrant[], createdAt: string): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db.prepare('INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)').run(u.email, u.name, u.passwordHash, createdAt)
          .lastInsertRowid,
      );
      this.insertRoles(id, roles);
      return id;
    })();
  }

  update(id: number, u: { name: string; active: boolean }, roles: RoleGrant[]): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET name = ?, active = ? WHERE id = ?').run(u.name, u.active ? 1 : 0, id);
      this.db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(id);
      this.insertRoles(id, roles);
    })();
  }

  private insertRoles(userId: number, roles: RoleGrant[]): void {
    const stmt = this.db.prepare('INSERT INTO user_roles (user_id, role, school_id) VALUES (?, ?, ?)');
    for (const r of roles) stmt.run(userId, r.role, r.schoolId);
  }

  setPassword(id: number, hash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?').run(hash, id);
  }

  recordFailedLogin(id: number, lockedUntil: string | null): number {
    this.db.prepare('UPDATE users SET failed_logins = failed_logins + 1, locked_until = coalesce(?, locked_until) WHERE id = ?').run(lockedUntil, id);
    return this.db.prepare('SELECT failed_logins FROM users WHERE id = ?').pluck().get(id) as number;
  }

  resetFailures(id: number): void {
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  lock(id: number, until: string): void {
    this.db.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(until, id);
  }

  recordLogin(id: number, at: string): void {
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(at, id);
  }

  // One-time password links.
  insertPasswordToken(userId: number, tokenHash: string, expiresAt: string, createdAt: string): void {
    this.db.transaction(() => {
      // A new link replaces any earlier unused one.
      this.db.prepare('DELETE FROM password_tokens WHERE user_id = ? AND used_at IS NULL').run(userId);
      this.db
        .prepare('INSERT INTO password_tokens (user_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?)')
        .run(userId, tokenHash, expiresAt, createdAt);
    })();
  }

  findPasswordToken(tokenHash: string): { id: number; userId: number; expiresAt: string; usedAt: string | null } | undefined {
    return this.db
      .prepare('SELECT id, user_id AS userId, expires_at AS expiresAt, used_at AS usedAt FROM password_tokens WHERE token_hash = ?')
      .get(tokenHash) as { id: number; userId: number; expiresAt: string; usedAt: string | null } | undefined;
  }

  usePasswordToken(id: number, at: string): boolean {
    return this.db.prepare('UPDATE password_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL').run(at, id).changes === 1;
  }
}
