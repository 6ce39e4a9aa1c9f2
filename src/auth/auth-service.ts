import type { AuditService } from '../audit';
import type { Clock } from '../shared';
import type { UserRepository } from '../users';
import type { PasswordHasher } from '../shared';
import type { Actor } from '../shared';

export type LoginResult =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: string };

export interface LoginPolicy {
  maxAttempts: number;
  lockoutMinutes: number;
}

export class AuthService {
  private readonly users: UserRepository;
  private readonly audit: AuditService;
  private readonly policy: LoginPolicy;
  private readonly clock: Clock;
  private readonly passwords: PasswordHasher;

  constructor(deps: {
    users: UserRepository;
    audit: AuditService;
    policy: LoginPolicy;
    clock: Clock;
    passwords: PasswordHasher;
  }) {
    this.users = deps.users;
    this.audit = deps.audit;
    this.policy = deps.policy;
    this.clock = deps.clock;
    this.passwords = deps.passwords;
  }

  /**
   * Checks e-mail and password. After maxAttempts failures in a row the account is
   * locked for lockoutMinutes, even for the right password, and the lockout is audited.
   * Unknown e-mail and wrong password give the same answer.
   */
  async login(email: string, password: string, requestId?: string): Promise<LoginResult> {
    const now = this.clock();
    const user = this.users.findByEmail(email);
    if (!user) {
      await this.passwords.verify(password, null);
      this.audit.record({ userId: null, label: 'okänd' }, { action: 'login.failed', objectType: 'user', outcome: 'failure', requestId });
      return { ok: false, reason: 'invalid' };
    }
    const label = user.email;
    if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
      await this.passwords.verify(password, null);
      this.audit.record({ userId: user.id, label }, { action: 'login.refused_locked', objectType: 'user', objectId: user.id, outcome: 'denied', requestId });
      return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
    }
    // A lockout that has run out starts the count afresh.
    if (user.lockedUntil) this.users.resetFailures(user.id);
    // Count the attempt before the (slow) password check, so parallel guesses cannot
    // all slip in under the limit: this runs synchronously, one request at a time.
    const attempt = this.users.recordFailedLogin(user.id, null);
    const ok = await this.passwords.verify(password, this.users.passwordHash(user.id));
    const current = this.users.findById(user.id)!;
    const lockedMeanwhile = current.lockedUntil !== null && current.lockedUntil > now.toISOString();
    if (ok && current.active && attempt <= this.policy.maxAttempts && !lockedMeanwhile) {
      this.users.recordLogin(user.id, now.toISOString());
      const actor = this.actorFor(user.id)!;
      this.audit.record(actor, { action: 'login.success', objectType: 'user', objectId: user.id, requestId });
      return { ok: true, actor };
    }
    this.audit.record({ userId: user.id, label }, { action: 'login.failed', objectType: 'user', objectId: user.id, outcome: 'failure', requestId });
    if (lockedMeanwhile) return { ok: false, reason: 'locked', lockedUntil: current.lockedUntil! };
    if (attempt >= this.policy.maxAttempts) {
      const until = new Date(now.getTime() + this.policy.lockoutMinutes * 60_000).toISOString();
      this.users.lock(user.id, until);
      this.audit.record({ userId: user.id, label }, {
        action: 'login.lockout',
        objectType: 'user',
        objectId: user.id,
        outcome: 'denied',
        details: { failures: attempt, until },
        requestId,
      });
      return { ok: false, reason: 'locked', lockedUntil: until };
    }
    return { ok: false, reason: 'invalid' };
  }

  /** The acting person for a session or token, or null if the account is gone or switched off. */
  actorFor(userId: number): Actor | null {
    const user = this.users.findById(userId);
    if (!user || !user.active) return null;
    const grants = this.users.roles(userId);
    return {
      userId: user.id,
      label: user.email,
      name: user.name,
      roles: [...new Set(grants.map((g) => g.role))],
      schoolIds: grants.filter((g) => g.role === 'principal' && g.schoolId !== null).map((g) => g.schoolId!),
    };
  }

  actorForEmail(email: string): Actor | null {
    const user = this.users.findByEmail(email);
    return user ? this.actorFor(user.id) : null;
  }

  logout(actor: Actor, requestId?: string): void {
    this.audit.record(actor, { action: 'logout', objectType: 'user', objectId: actor.userId, requestId });
  }
}
