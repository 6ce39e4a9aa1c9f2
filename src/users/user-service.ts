import type { Actor, Role } from '../shared';
import { hasRole } from '../shared';
import type { AuditService } from '../audit';
import { newToken, passwordProblem, sha256, type PasswordHasher } from '../shared';
import type { MailService } from '../mail';
import type { SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import type { RoleGrant, User, UserRepository, UserWithRoles } from './user-repository';
import { userSchema, type UserInput } from './user-schema';
import { t } from '../i18n';

const LINK_VALID_HOURS = 72;

export class UserService {
  private readonly repo: UserRepository;
  private readonly schools: SchoolRepository;
  private readonly audit: AuditService;
  private readonly mail: MailService;
  private readonly clock: Clock;
  private readonly passwords: PasswordHasher;
  /** Ends the user's sessions: a new password logs every old session out. */
  private readonly endSessions: (userId: number) => void;

  constructor(deps: {
    repo: UserRepository;
    schools: SchoolRepository;
    audit: AuditService;
    mail: MailService;
    clock: Clock;
    passwords: PasswordHasher;
    endSessions?: (userId: number) => void;
  }) {
    this.repo = deps.repo;
    this.schools = deps.schools;
    this.audit = deps.audit;
    this.mail = deps.mail;
    this.clock = deps.clock;
    this.passwords = deps.passwords;
    this.endSessions = deps.endSessions ?? (() => {});
  }

  /** Users with roles; `lockedUntil` only while a login lock is still in force. */
  list(actor: Actor): UserWithRoles[] {
    this.requireAdmin(actor);
    return this.repo.list().map((u) => this.withLockInForce(u));
  }

  get(actor: Actor, id: number): UserWithRoles {
    this.requireAdmin(actor);
    const user = this.repo.findById(id);
    if (!user) throw new NotFoundError(t('users.errors.anvandarenNotFound'));
    return this.withLockInForce({ ...user, roles: this.repo.roles(id) });
  }

  /** Lifts a login lock (the admin's answer to the holder's "my account is locked" call). */
  unlock(actor: Actor, id: number): void {
    this.requireAdmin(actor);
    const user = this.repo.findById(id);
    if (!user) throw new NotFoundError(t('users.errors.anvandarenNotFound'));
    this.repo.resetFailures(id);
    this.audit.record(actor, { action: 'user.unlock', objectType: 'user', objectId: id, details: { lockedUntil: user.lockedUntil } });
  }

  private withLockInForce<U extends User>(u: U): U {
    return { ...u, lockedUntil: u.lockedUntil && u.lockedUntil > this.clock().toISOString() ? u.lockedUntil : null };
  }

  /** Creates a user; with a password (CLI, demo) they can log in at once, otherwise they get a link. */
  async create(actor: Actor, input: unknown, password?: string): Promise<UserWithRoles> {
    this.requireAdmin(actor);
    const data = this.parse(input);
    if (this.repo.findByEmail(data.email)) {
      throw new ValidationError([{ field: 'email', message: t('users.errors.redanAnvandareEPostadressen', { email: data.email }) }]);
    }
    let hash: string | null = null;
    if (password !== undefined) {
      const problem = passwordProblem(password);
      if (problem) throw new ValidationError([{ field: 'password', message: problem }]);
      hash = await this.passwords.hash(password);
    }
    const grants = this.grants(data);
    const id = this.repo.insert({ email: data.email, name: data.name, passwordHash: hash }, grants, this.clock().toISOString());
    this.audit.record(actor, { action: 'user.create', objectType: 'user', objectId: id, details: { roles: data.roles } });
    return this.get(actor, id);
  }

  update(actor: Actor, id: number, input: unknown): UserWithRoles {
    this.requireAdmin(actor);
    const existing = this.repo.findById(id);
    if (!existing) throw new NotFoundError(t('users.errors.anvandarenNotFound'));
    const data = this.parse({ ...(input as object), email: existing.email });
    if (actor.userId === id && (!data.active || !data.roles.includes('admin'))) {
      throw new ValidationError([{ field: 'roles', message: t('users.errors.taBortDinEgen') }]);
    }
    this.repo.update(id, { name: data.name, active: data.active }, this.grants(data));
    this.audit.record(actor, {
      action: data.active === existing.active ? 'user.update' : data.active ? 'user.activate' : 'user.deactivate',
      objectType: 'user',
      objectId: id,
      details: { roles: data.roles },
    });
    return this.get(actor, id);
  }

  /** E-mails a one-time link to choose a password. The mail names no one. */
  async sendSetPasswordLink(actor: Actor, id: number): Promise<void> {
    this.requireAdmin(actor);
    const user = this.repo.findById(id);
    if (!user) throw new NotFoundError(t('users.errors.anvandarenNotFound'));
    if (!user.active) throw new ValidationError([{ field: 'active', message: t('users.errors.kontotArAvstangtAktivera') }]);
    const link = this.createPasswordLink(user.id);
    await this.mail.send('setPassword', user.email, { link, hours: LINK_VALID_HOURS });
    this.audit.record(actor, { action: 'user.password_link_sent', objectType: 'user', objectId: id });
  }

  /** Returns the path (with token) of a new one-time link; earlier unused links stop working. */
  createPasswordLink(userId: number): string {
    const token = newToken();
    const now = this.clock();
    const expires = new Date(now.getTime() + LINK_VALID_HOURS * 3600_000);
    this.repo.insertPasswordToken(userId, sha256(token), expires.toISOString(), now.toISOString());
    return `/losenord?token=${token}`;
  }

  /** Checks a link before showing the form: true if it can still be used. */
  passwordLinkValid(token: string): boolean {
    const t = this.repo.findPasswordToken(sha256(token));
    return !!t && !t.usedAt && t.expiresAt > this.clock().toISOString();
  }

  async setPasswordWithToken(token: string, password: string, confirm: string): Promise<User> {
    const problems = [];
    const p = passwordProblem(password);
    if (p) problems.push({ field: 'password', message: p });
    else if (password !== confirm) problems.push({ field: 'confirm', message: t('users.errors.losenordenArLika') });
    const row = this.repo.findPasswordToken(sha256(token));
    const now = this.clock().toISOString();
    if (!row || row.usedAt || row.expiresAt <= now) {
      throw new ValidationError([{ field: 'token', message: t('users.errors.lankenArForGammal') }]);
    }
    if (problems.length) throw new ValidationError(problems);
    const hash = await this.passwords.hash(password);
    if (!this.repo.usePasswordToken(row.id, now)) {
      throw new ValidationError([{ field: 'token', message: t('users.errors.lankenArRedanAnvand') }]);
    }
    this.repo.setPassword(row.userId, hash);
    this.endSessions(row.userId);
    this.audit.record(
      { userId: row.userId, label: this.repo.findById(row.userId)!.email },
      { action: 'user.password_set', objectType: 'user', objectId: row.userId },
    );
    return this.repo.findById(row.userId)!;
  }

  private parse(input: unknown): UserInput {
    const parsed = userSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    return parsed.data;
  }

  /** Principal roles become one grant per school; school codes are checked here. */
  private grants(data: UserInput): RoleGrant[] {
    const grants: RoleGrant[] = [];
    for (const role of new Set<Role>(data.roles)) {
      if (role !== 'principal') {
        grants.push({ role, schoolId: null });
        continue;
      }
      for (const code of new Set(data.schoolCodes)) {
        const school = this.schools.findByCode(code);
        if (!school) throw new ValidationError([{ field: 'schoolCodes', message: t('users.errors.ingenSkolaSkolenhetskod', { code }) }]);
        grants.push({ role, schoolId: school.id });
      }
    }
    return grants;
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}
