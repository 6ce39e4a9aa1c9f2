import type { Actor } from '../shared';
import { hasRole } from '../shared';
import type { AuditService } from '../audit';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import type { School, SchoolRepository } from './school-repository';
import { schoolSchema, schoolUpdateSchema } from './school-schema';
import { t } from '../i18n';

export class SchoolService {
  private readonly repo: SchoolRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;

  constructor(deps: {
    repo: SchoolRepository;
    audit: AuditService;
    clock: Clock;
  }) {
    this.repo = deps.repo;
    this.audit = deps.audit;
    this.clock = deps.clock;
  }

  /** Admins and coordinators see every school; a principal sees their own. */
  list(actor: Actor): School[] {
    if (hasRole(actor, 'admin', 'coordinator')) return this.repo.list();
    if (hasRole(actor, 'principal')) return this.repo.listByIds(actor.schoolIds);
    return [];
  }

  get(actor: Actor, id: number): School {
    const school = this.repo.findById(id);
    if (!school || !this.canSee(actor, school)) throw new NotFoundError(t('schools.errors.skolanNotFound'));
    return school;
  }

  create(actor: Actor, input: unknown): School {
    this.requireAdmin(actor);
    const parsed = schoolSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    if (this.repo.findByCode(parsed.data.code)) {
      throw new ValidationError([{ field: 'code', message: t('schools.errors.redanSkolaSkolenhetskod', { code: parsed.data.code }) }]);
    }
    const id = this.repo.insert(parsed.data, this.clock().toISOString());
    this.audit.record(actor, { action: 'school.create', objectType: 'school', objectId: id, details: { code: parsed.data.code } });
    return this.repo.findById(id)!;
  }

  update(actor: Actor, id: number, input: unknown): School {
    this.requireAdmin(actor);
    if (!this.repo.findById(id)) throw new NotFoundError(t('schools.errors.skolanNotFound'));
    const parsed = schoolUpdateSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    this.repo.update(id, parsed.data);
    this.audit.record(actor, { action: 'school.update', objectType: 'school', objectId: id, details: { active: parsed.data.active } });
    return this.repo.findById(id)!;
  }

  findByCode(code: string): School | undefined {
    return this.repo.findByCode(code);
  }

  private canSee(actor: Actor, school: School): boolean {
    return hasRole(actor, 'admin', 'coordinator') || actor.schoolIds.includes(school.id);
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}
