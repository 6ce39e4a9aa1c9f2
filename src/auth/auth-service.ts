import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../shared/clock';
import type { UserRepository } from '../users/user-repository';
import { verifyPassword } from './password';
import type { Actor } from './roles';

export type LoginResult =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: string };

export interface LoginPolicy {
  maxAttempts: number;
  lockoutMinutes: number;
}

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly policy: LoginPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks e-mail and password. After maxAttempts failures in a row the account is
   * locked for lockoutMinutes, even for the right password, and the lockout is audited.
   * Unknown e-mail and wrong password give the same answer.
   */
  async login(email: string, password: string, requestId?: string): Promise<LoginResult> {
    const now = this.clock();
    const user = this.users.findByEmail(email);
    const label = user?.email ?? 'okänd';
    if (user?.lockedUntil && user.lockedUntil > now.toISOString()) {
      await verifyPassword(password, null);
      this.audit.record({ userId: user.id, label }, { action: 'login.refused_locked', objectType: 'user', objectId: user.id, outcome: 'denied', requestId });
      return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
    }
    const ok = user ? await verifyPassword(password, this.users.passwordHash(user.id)) : await verifyPassword(password, null);
    if (!user || !ok || !user.active) {
      if (user) {
        const failures = this.users.recordFailedLogin(user.id, null);
        if (failures >= this.policy.maxAttempts) {
          const until = new Date(now.getTime() + this.policy.lockoutMinutes * 60_000).toISOString();
          this.users.lock(user.id, until);
          this.audit.record({ userId: user.id, label }, {
            action: 'login.lockout',
            objectType: 'user',
            objectId: user.id,
            outcome: 'denied',
            details: { failures, until },
            requestId,
          });
          this.audit.record({ userId: user.id, label }, { action: 'login.failed', objectType: 'user', objectId: user.id, outcome: 'failure', requestId });
          return { ok: false, reason: 'locked', lockedUntil: until };
        }
      }
      this.audit.record({ userId: user?.id ?? null, label }, { action: 'login.failed', objectType: 'user', objectId: user?.id, outcome: 'failure', requestId });
      return { ok: false, reason: 'invalid' };
    }
    this.users.recordLogin(user.id, now.toISOString());
    const actor = this.actorFor(user.id)!;
    this.audit.record(actor, { action: 'login.success', objectType: 'user', objectId: user.id, requestId });
    return { ok: true, actor };
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
