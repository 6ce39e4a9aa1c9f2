import type { AuditService } from '../audit';
import type { Clock, PasswordHasher } from '../shared';
import type { UserRepository } from '../users';
import { formatDateTime, t } from '../i18n';
import type { MailService } from '../mail';
import { ClientThrottle } from './client-throttle';
import { deviceKnown, signDevice } from './device-cookie';
import { ForbiddenError, ValidationError, hasRole, type Actor } from '../shared';
import type { SettingsService } from '../settings';

export type LoginResult =
  { ok: true; actor: Actor; device: string } | { ok: false; reason: 'invalid' | 'locked' | 'throttled'; lockedUntil?: string; waitSeconds?: number };

/** Where an attempt comes from: the client address (for the throttle) and its known-browser cookie. */
export interface LoginClient {
  address?: string;
  device?: string;
}

export interface LoginPolicy {
  maxAttempts: number;
  lockoutMinutes: number;
}

export interface AuthServiceDeps {
  users: UserRepository;
  audit: AuditService;
  passwords: PasswordHasher;
  mail: MailService;
  policy: LoginPolicy;
  clock: Clock;
  /** Signs known-browser cookies (the session secret). */
  secret: string;
  settings: SettingsService;
  /** Is OpenID Connect set up (SAKNAD_OIDC_*)? Password login can be turned off only then. */
  oidcOn: boolean;
}

export interface LoginSettings {
  oidcOn: boolean;
  passwordLoginOff: boolean;
  secondFactorForAll: boolean;
}

export class AuthService {
  private readonly users: UserRepository;
  private readonly audit: AuditService;
  private readonly passwords: PasswordHasher;
  private readonly mail: MailService;
  private readonly policy: LoginPolicy;
  private readonly clock: Clock;
  private readonly secret: string;
  private readonly throttle: ClientThrottle;
  private readonly settings: SettingsService;
  private readonly oidcOn: boolean;

  constructor(deps: AuthServiceDeps) {
    ({
      users: this.users,
      audit: this.audit,
      passwords: this.passwords,
      mail: this.mail,
      policy: this.policy,
      clock: this.clock,
      secret: this.secret,
      settings: this.settings,
      oidcOn: this.oidcOn,
    } = deps);
    this.throttle = new ClientThrottle(deps.clock);
  }

  /** Password login is on unless the admin turned it off, which only counts with OIDC set up. */
  passwordLoginAllowed(): boolean {
    return !(this.oidcOn && this.settings.get('passwordLoginOff'));
  }

  loginSettings(actor: Actor): LoginSettings {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    return { oidcOn: this.oidcOn, passwordLoginOff: this.settings.get('passwordLoginOff'), secondFactorForAll: this.settings.get('secondFactorForAll') };
  }

  /** Admin: the login settings; turning password login off needs OIDC set up first. */
  saveLoginSettings(actor: Actor, input: { passwordLoginOff: boolean; secondFactorForAll: boolean }): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    if (input.passwordLoginOff && !this.oidcOn) {
      throw new ValidationError([{ field: 'passwordLoginOff', message: t('loginSettings.errors.needsOidc') }]);
    }
    this.settings.set(actor, 'passwordLoginOff', input.passwordLoginOff);
    this.settings.set(actor, 'secondFactorForAll', input.secondFactorForAll);
  }

  /**
   * Checks e-mail and password. After maxAttempts failures in a row the account is
   * locked for lockoutMinutes and its holder is e-mailed. The lock never shows: every
   * refusal, for unknown and known addresses alike, is the same `invalid` to the caller
   * (the route answers it identically); `reason` is for the audit log and tests. A
   * browser where the holder logged in before (device cookie) is not held by the lock,
   * so a stranger cannot lock the real person out. Failures per client address grow a
   * delay (`throttled`), whichever addresses were tried.
   */
  async login(email: string, password: string, requestId?: string, client: LoginClient = {}): Promise<LoginResult> {
    const now = this.clock();
    if (!this.passwordLoginAllowed()) return { ok: false, reason: 'invalid' };
    const address = client.address ?? 'okänd';
    const wait = this.throttle.waitSeconds(address);
    if (wait > 0) {
      this.audit.record(
        { userId: null, label: 'okänd' },
        { action: 'login.throttled', objectType: 'user', outcome: 'denied', details: { waitSeconds: wait }, requestId },
      );
      return { ok: false, reason: 'throttled', waitSeconds: wait };
    }
    const result = await this.check(email, password, now, requestId, client.device);
    if (result.ok) this.throttle.succeeded(address);
    else this.throttle.failed(address);
    return result;
  }

  private async check(email: string, password: string, now: Date, requestId: string | undefined, device: string | undefined): Promise<LoginResult> {
    const user = this.users.findByEmail(email);
    if (!user) {
      await this.passwords.verify(password, null);
      this.audit.record({ userId: null, label: 'okänd' }, { action: 'login.failed', objectType: 'user', outcome: 'failure', requestId });
      return { ok: false, reason: 'invalid' };
    }
    const label = user.email;
    const knownBrowser = deviceKnown(this.secret, user.id, device);
    if (user.lockedUntil && user.lockedUntil > now.toISOString() && !knownBrowser) {
      await this.passwords.verify(password, null);
      this.audit.record({ userId: user.id, label }, { action: 'login.refused_locked', objectType: 'user', objectId: user.id, outcome: 'denied', requestId });
      return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
    }
    // A lockout that has run out starts the count afresh.
    if (user.lockedUntil && user.lockedUntil <= now.toISOString()) this.users.resetFailures(user.id);
    // Count the attempt before the (slow) password check, so parallel guesses cannot
    // all slip in under the limit: this runs synchronously, one request at a time.
    const attempt = this.users.recordFailedLogin(user.id, null);
    const ok = await this.passwords.verify(password, this.users.passwordHash(user.id));
    const current = this.users.findById(user.id)!;
    const lockedMeanwhile = current.lockedUntil !== null && current.lockedUntil > now.toISOString() && !knownBrowser;
    if (ok && current.active && (knownBrowser || attempt <= this.policy.maxAttempts) && !lockedMeanwhile) {
      this.users.recordLogin(user.id, now.toISOString());
      // The holder's known browser got in; the lock still holds for every other one.
      if (current.lockedUntil && current.lockedUntil > now.toISOString()) this.users.lock(user.id, current.lockedUntil);
      const actor = this.actorFor(user.id)!;
      this.audit.record(actor, {
        action: 'login.success',
        objectType: 'user',
        objectId: user.id,
        details: knownBrowser ? { knownBrowser: true } : undefined,
        requestId,
      });
      return { ok: true, actor, device: signDevice(this.secret, user.id) };
    }
    this.audit.record({ userId: user.id, label }, { action: 'login.failed', objectType: 'user', objectId: user.id, outcome: 'failure', requestId });
    if (lockedMeanwhile) return { ok: false, reason: 'locked', lockedUntil: current.lockedUntil! };
    if (attempt >= this.policy.maxAttempts && !(current.lockedUntil && current.lockedUntil > now.toISOString())) {
      const until = new Date(now.getTime() + this.policy.lockoutMinutes * 60_000).toISOString();
      this.users.lock(user.id, until);
      this.audit.record(
        { userId: user.id, label },
        {
          action: 'login.lockout',
          objectType: 'user',
          objectId: user.id,
          outcome: 'denied',
          details: { failures: attempt, until },
          requestId,
        },
      );
      // Only the holder learns of the lock, at their own address; the mail names no one else.
      void this.mail.send('accountLocked', user.email, { until: formatDateTime(until) }).catch(() => {
        this.audit.record(
          { userId: user.id, label },
          { action: 'login.lockout_mail_failed', objectType: 'user', objectId: user.id, outcome: 'failure', requestId },
        );
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
