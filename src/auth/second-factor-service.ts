import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { t } from '../i18n';
import type { AuditService } from '../audit';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared';
import type { UserRepository } from '../users';
import { sha256 } from '../shared';
import { hasRole, type Actor, type Role } from '../shared';
import type { SecondFactorRepository } from './second-factor-repository';

/** Every role that sees personal data; today that is every role there is. */
export const SECOND_FACTOR_ROLES: Role[] = ['admin', 'principal', 'coordinator', 'social_services'];
export const RECOVERY_CODE_COUNT = 10;
const STEP_SECONDS = 30;

/** Wrong codes in a row before the account's codes are held, and for how long. */
export const MAX_CODE_FAILURES = 5;
export const CODE_HOLD_MINUTES = 15;

export interface SecondFactorServiceDeps {
  repo: SecondFactorRepository;
  users: UserRepository;
  audit: AuditService;
  clock: Clock;
  /** The setting "also for accounts without a role". */
  forAll: () => boolean;
}

/**
 * TOTP (RFC 6238, 30 s, 6 digits, one step either side for clock drift) as the second
 * factor for password accounts, with ten one-time recovery codes. A code's time step is
 * remembered, so each code works once. Time comes from the injected clock.
 */
export class SecondFactorService {
  private readonly repo: SecondFactorRepository;
  private readonly users: UserRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  private readonly forAll: () => boolean;

  constructor(deps: SecondFactorServiceDeps) {
    ({ repo: this.repo, users: this.users, audit: this.audit, clock: this.clock, forAll: this.forAll } = deps);
  }

  /** Must this account pass a second factor after its password? */
  required(userId: number): boolean {
    const roles = this.users.roles(userId).map((g) => g.role);
    return this.forAll() || roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
  }

  enrolled(userId: number): boolean {
    return this.repo.secret(userId) !== null;
  }

  newSecret(): string {
    return authenticator.generateSecret(20);
  }

  /** The enrolment QR code as inline SVG markup (the CSP allows no data: images). */
  async qrSvg(email: string, secret: string): Promise<string> {
    return QRCode.toString(authenticator.keyuri(email, 'Saknad', secret), { type: 'svg', margin: 2, width: 220 });
  }

  /** Confirms enrolment with a first code; returns the recovery codes, shown once and stored hashed. */
  confirmEnrolment(userId: number, secret: string, code: string, requestId?: string): string[] {
    const step = this.matchingStep(secret, code);
    if (step === null) {
      throw new ValidationError([{ field: 'code', message: t('secondFactor.errors.enrolCode') }]);
    }
    const codes = this.store(userId, secret, step);
    this.audit.record(this.label(userId), { action: 'second_factor.enrol', objectType: 'user', objectId: userId, requestId });
    return codes;
  }

  /**
   * Checks a TOTP code or an unused recovery code; audited either way. Wrong codes are
   * counted per account in the database (synchronously, so parallel guesses count too):
   * after MAX_CODE_FAILURES in a row every code is refused for CODE_HOLD_MINUTES, so
   * someone who has the password cannot guess the code by logging in again and again.
   */
  verify(userId: number, input: string, requestId?: string): boolean {
    const now = this.clock();
    const holdUntil = this.repo.holdUntil(userId);
    if (holdUntil && holdUntil > now.toISOString()) {
      this.audit.record(this.label(userId), {
        action: 'second_factor.held',
        objectType: 'user',
        objectId: userId,
        outcome: 'denied',
        details: { until: holdUntil },
        requestId,
      });
      return false;
    }
    const secret = this.repo.secret(userId);
    const code = input.replace(/\s+/g, '');
    let ok = false;
    let kind = 'totp';
    if (secret && /^\d{6}$/.test(code)) {
      const step = this.matchingStep(secret, code);
      ok = step !== null && this.repo.useStep(userId, step);
    } else if (secret && code.length > 6) {
      kind = 'recovery_code';
      ok = this.repo.useRecoveryCode(userId, recoveryHash(code), now.toISOString());
    }
    let held = false;
    if (ok) this.repo.clearFailures(userId);
    else held = this.repo.recordFailure(userId, MAX_CODE_FAILURES, new Date(now.getTime() + CODE_HOLD_MINUTES * 60_000).toISOString()).held;
    this.audit.record(this.label(userId), {
      action: ok ? 'second_factor.success' : 'second_factor.failed',
      objectType: 'user',
      objectId: userId,
      outcome: ok ? 'success' : 'failure',
      details: { kind, ...(held ? { held: true } : {}), ...(ok && kind === 'recovery_code' ? { left: this.repo.recoveryCodesLeft(userId) } : {}) },
      requestId,
    });
    return ok;
  }

  /** Admin: clears a user's second factor; they enrol again at their next login. */
  reset(actor: Actor, userId: number): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    if (!this.users.findById(userId)) throw new NotFoundError(t('users.errors.anvandarenNotFound'));
    this.repo.clear(userId);
    this.audit.record(actor, { action: 'second_factor.reset', objectType: 'user', objectId: userId });
  }

  /**
   * Enrols a secret given by the caller, for seeds only (the demo and the tests' users, whose
   * secrets are documented): real people enrol by scanning a fresh secret at login.
   */
  enrolKnownSecret(actor: Actor, userId: number, secret: string): string[] {
    if (actor.userId !== null || !hasRole(actor, 'admin')) throw new ForbiddenError();
    const codes = this.store(userId, secret, -1);
    this.audit.record(actor, { action: 'second_factor.enrol', objectType: 'user', objectId: userId, details: { seeded: true } });
    return codes;
  }

  private store(userId: number, secret: string, step: number): string[] {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    this.repo.enrol(userId, secret, step, codes.map(recoveryHash));
    return codes;
  }

  /** The time step the code belongs to (now, or one either side), or null. */
  private matchingStep(secret: string, code: string): number | null {
    const epoch = this.clock().getTime();
    const delta = authenticator.clone({ epoch, window: 1, step: STEP_SECONDS }).checkDelta(code.replace(/\s+/g, ''), secret);
    return delta === null ? null : Math.floor(epoch / 1000 / STEP_SECONDS) + delta;
  }

  private label(userId: number): { userId: number; label: string } {
    return { userId, label: this.users.findById(userId)?.email ?? 'okänd' };
  }
}

/** 100 random bits as four groups of five characters (a–z, 2–9 without look-alikes), e.g. "k3m9x-…". */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Dashes and case do not matter when a code is typed back. */
function recoveryHash(code: string): string {
  return sha256(code.replace(/[\s-]+/g, '').toLowerCase());
}
