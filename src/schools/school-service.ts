import type { Actor } from '../shared';
import { hasRole } from '../shared';
import type { AuditService } from '../audit';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import type { School, SchoolRepository } from './school-repository';
import { schoolSchema, schoolUpdateSchema } from './school-schema';
import { t } from '../i18n';

export class SchoolService {
  constructor(
    private readonly deps: {
      repo: SchoolRepository;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** Admins and coordinators see every school; a principal sees their own. */
  list(actor: Actor): School[] {
    if (hasRole(actor, 'admin', 'coordinator')) return this.deps.repo.list();
    if (hasRole(actor, 'principal')) return this.deps.repo.listByIds(actor.schoolIds);
    return [];
  }

  get(actor: Actor, id: number): School {
    const school = this.deps.repo.findById(id);
    if (!school || !this.canSee(actor, school)) throw new NotFoundError(t('schools.errors.skolanNotFound'));
    return school;
  }

  create(actor: Actor, input: unknown): School {
    this.requireAdmin(actor);
    const parsed = schoolSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    if (this.deps.repo.findByCode(parsed.data.code)) {
      throw new ValidationError([{ field: 'code', message: t('schools.errors.redanSkolaSkolenhetskod', { code: parsed.data.code }) }]);
    }
    const id = this.deps.repo.insert(parsed.data, this.deps.clock().toISOString());
    this.deps.audit.record(actor, { action: 'school.create', objectType: 'school', objectId: id, details: { code: parsed.data.code } });
    return this.deps.repo.findById(id)!;
  }

  update(actor: Actor, id: number, input: unknown): School {
    this.requireAdmin(actor);
    if (!this.deps.repo.findById(id)) throw new NotFoundError(t('schools.errors.skolanNotFound'));
    const parsed = schoolUpdateSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    this.deps.repo.update(id, parsed.data);
    this.deps.audit.record(actor, { action: 'school.update', objectType: 'school', objectId: id, details: { active: parsed.data.active } });
    return this.deps.repo.findById(id)!;
  }

  findByCode(code: string): School | undefined {
    return this.deps.repo.findByCode(code);
  }

  private canSee(actor: Actor, school: School): boolean {
    return hasRole(actor, 'admin', 'coordinator') || actor.schoolIds.includes(school.id);
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}
