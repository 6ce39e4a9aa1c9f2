import { z } from 'zod';
import type { AuditService } from '../audit';
import type { AuthService } from '../auth';
import { newToken, sha256 } from '../shared';
import type { Actor } from '../shared';
import { hasRole } from '../shared';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import type { ApiToken, TokenRepository } from './token-repository';
import { t } from '../i18n';

const TOKEN_PREFIX = 'skn_';
const nameSchema = z.object({
  name: z
    .string({ error: t('tokens.errors.angeNamnPaNyckeln') })
    .trim()
    .min(1, { message: t('tokens.errors.angeNamnPaNyckeln2') })
    .max(100, { message: t('common.errors.nameMax100') }),
});

/** API tokens act as the user who created them, with the same roles and schools. */
export class TokenService {
  constructor(
    private readonly deps: {
      repo: TokenRepository;
      auth: AuthService;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** Returns the token in clear text; it is shown once and only its hash is kept. */
  create(actor: Actor, input: unknown): { token: string; record: ApiToken } {
    if (actor.userId === null) throw new ForbiddenError();
    const parsed = nameSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const token = TOKEN_PREFIX + newToken();
    const id = this.deps.repo.insert({
      userId: actor.userId,
      name: parsed.data.name,
      hash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: this.deps.clock().toISOString(),
    });
    this.deps.audit.record(actor, { action: 'token.create', objectType: 'api_token', objectId: id });
    return { token, record: this.deps.repo.listForUser(actor.userId).find((t) => t.id === id)! };
  }

  /** An administrator (the CLI) makes a token for another user, e.g. for a batch job. */
  createFor(admin: Actor, email: string, input: unknown): { token: string; record: ApiToken } {
    if (!hasRole(admin, 'admin')) throw new ForbiddenError();
    const owner = this.deps.auth.actorForEmail(email);
    if (!owner) throw new NotFoundError(t('tokens.errors.ingenAktivAnvandareE', { email }));
    const result = this.create(owner, input);
    this.deps.audit.record(admin, { action: 'token.create_for', objectType: 'api_token', objectId: result.record.id, details: { userId: owner.userId } });
    return result;
  }

  list(actor: Actor): ApiToken[] {
    return actor.userId === null ? [] : this.deps.repo.listForUser(actor.userId);
  }

  revoke(actor: Actor, id: number): void {
    if (actor.userId === null || !this.deps.repo.revoke(id, actor.userId, this.deps.clock().toISOString())) {
      throw new NotFoundError(t('tokens.errors.nyckelnNotFound'));
    }
    this.deps.audit.record(actor, { action: 'token.revoke', objectType: 'api_token', objectId: id });
  }

  /** The actor behind a bearer token, or null for an unknown, revoked or switched-off one. */
  authenticate(token: string): Actor | null {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const record = this.deps.repo.findActiveByHash(sha256(token));
    if (!record) return null;
    const actor = this.deps.auth.actorFor(record.userId);
    // "Last used" to the minute: a token read in a loop is not written on every request.
    const now = this.deps.clock();
    if (actor && (!record.lastUsedAt || now.getTime() - Date.parse(record.lastUsedAt) >= 60_000)) this.deps.repo.touch(record.id, now.toISOString());
    return actor;
  }
}
