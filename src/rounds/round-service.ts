import type { Actor } from '../shared';
import { hasRole } from '../shared';
import type { AuditService } from '../audit';
import { schoolDaysFrom } from '../calendar';
import type { SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import type { Round, RoundRepository } from './round-repository';
import type { MailLogRepository } from './mail-log-repository';
import type { MailService } from '../mail';
import { DEFAULT_WINDOW_DAYS, roundSchema } from './round-schema';
import { t } from '../i18n';

export interface RoundWorkflowDeps {
  mail: MailService;
  mailLog: MailLogRepository;
  principalEmails: (schoolId: number) => string[];
}

export interface RoundWithSchools extends Round {
  schoolIds: number[];
}

/**
 * Mapping rounds. Minimal for now (create, list, read, the observation window); the
 * lifecycle (open, close, reminders) is a later issue.
 */
export class RoundService {
  constructor(
    private readonly deps: {
      repo: RoundRepository;
      schools: SchoolRepository;
      audit: AuditService;
      clock: Clock;
      /** The municipality's non-school days (settings). */
      nonSchoolDaySet: () => Set<string>;
      workflow: RoundWorkflowDeps;
    },
  ) {}

  /**
   * Opens a draft round and e-mails each participating school's principals a link to it
   * (no personal data). Every mail is recorded; a repeated open sends nothing twice.
   */
  async open(actor: Actor, id: number): Promise<{ round: RoundWithSchools; invitations: number; failed: number }> {
    this.requireAdmin(actor);
    const round = this.get(actor, id);
    if (round.state !== 'draft')
      throw new ValidationError([{ field: 'state', message: t(round.state === 'open' ? 'rounds.errors.alreadyOpen' : 'rounds.errors.closedCannotOpen') }]);
    this.deps.repo.setState(id, 'open', this.deps.clock().toISOString());
    this.deps.audit.record(actor, { action: 'round.open', objectType: 'round', objectId: id });
    let invitations = 0;
    let failed = 0;
    for (const schoolId of round.schoolIds) {
      for (const to of this.deps.workflow.principalEmails(schoolId)) {
        const entry = { sentAt: this.deps.clock().toISOString(), toAddress: to, template: 'roundOpened', step: 'invitation', roundId: id, schoolId };
        if (!this.deps.workflow.mailLog.recordOnce(entry)) continue;
        try {
          await this.deps.workflow.mail.send('roundOpened', to, { roundName: round.name, link: `/omgangar/${id}` });
          invitations++;
        } catch {
          // One bad address or a mail-server hiccup must not keep the other schools
          // uninvited: not recorded as sent, counted, and the rest go on.
          this.deps.workflow.mailLog.forget(entry);
          failed++;
        }
      }
    }
    if (failed)
      this.deps.audit.record(actor, { action: 'round.invitations_failed', objectType: 'round', objectId: id, outcome: 'failure', details: { failed } });
    return { round: this.get(actor, id), invitations, failed };
  }

  /** Closes an open round: uploads and school reports freeze; cases go on; retention starts counting. */
  close(actor: Actor, id: number): RoundWithSchools {
    this.requireAdmin(actor);
    const round = this.get(actor, id);
    if (round.state !== 'open')
      throw new ValidationError([
        { field: 'state', message: round.state === 'closed' ? t('rounds.errors.omgangenArRedanStangd') : t('rounds.errors.omgangenMasteVaraOppen') },
      ]);
    this.deps.repo.setState(id, 'closed', this.deps.clock().toISOString());
    this.deps.audit.record(actor, { action: 'round.close', objectType: 'round', objectId: id });
    return this.get(actor, id);
  }

  mailLog(actor: Actor, id: number) {
    this.requireAdmin(actor);
    this.get(actor, id);
    return this.deps.workflow.mailLog.list(id);
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }

  create(actor: Actor, input: unknown): RoundWithSchools {
    const { round, schoolIds } = this.parse(actor, input);
    const id = this.deps.repo.insert(round, schoolIds, this.deps.clock().toISOString(), actor.userId);
    this.deps.audit.record(actor, { action: 'round.create', objectType: 'round', objectId: id });
    return this.get(actor, id);
  }

  /** Changes a round while it is a draft: name, dates, window, schools. */
  update(actor: Actor, id: number, input: unknown): RoundWithSchools {
    const existing = this.get(actor, id);
    if (existing.state !== 'draft') throw new ValidationError([{ field: 'name', message: t('rounds.errors.baraOmgangOppnatsAndras') }]);
    const { round, schoolIds } = this.parse(actor, input);
    this.deps.repo.update(id, round, schoolIds);
    this.deps.audit.record(actor, { action: 'round.update', objectType: 'round', objectId: id });
    return this.get(actor, id);
  }

  private parse(actor: Actor, input: unknown): { round: Omit<Round, 'id' | 'state' | 'createdAt'>; schoolIds: number[] } {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    const parsed = roundSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const r = parsed.data;
    // All active schools take part unless the admin picked some.
    const schoolIds = r.schoolCodes.length
      ? r.schoolCodes.map((code) => {
          const s = this.deps.schools.findByCode(code);
          if (!s) throw new ValidationError([{ field: 'schoolCodes', message: t('users.errors.ingenSkolaSkolenhetskod', { code }) }]);
          return s.id;
        })
      : this.deps.schools
          .list()
          .filter((s) => s.active)
          .map((s) => s.id);
    if (schoolIds.length === 0) throw new ValidationError([{ field: 'schoolCodes', message: t('rounds.errors.laggSkolorInnanSkapar') }]);
    return {
      round: {
        name: r.name,
        breakType: r.breakType,
        termStart: r.termStart,
        windowDays: r.windowDays ?? DEFAULT_WINDOW_DAYS[r.breakType],
        deadline: r.deadline ?? null,
        recheckDate: r.recheckDate ?? null,
      },
      schoolIds: [...new Set(schoolIds)],
    };
  }

  /**
   * Admins and coordinators see every round; a principal the rounds their schools take
   * part in. Anyone else (social services) is refused, as on the rounds page.
   */
  list(actor: Actor): Round[] {
    if (hasRole(actor, 'admin', 'coordinator')) return this.deps.repo.list();
    if (hasRole(actor, 'principal')) return this.deps.repo.listForSchools(actor.schoolIds);
    throw new ForbiddenError();
  }

  get(actor: Actor, id: number): RoundWithSchools {
    const round = this.deps.repo.findById(id);
    if (!round) throw new NotFoundError(t('rounds.errors.omgangenNotFound'));
    const schoolIds = this.deps.repo.schoolIds(id);
    const visible = hasRole(actor, 'admin', 'coordinator') || (hasRole(actor, 'principal') && schoolIds.some((s) => actor.schoolIds.includes(s)));
    if (!visible) {
      // Guessing ids is worth knowing about: the refusal is audited, the answer is a plain 404.
      this.deps.audit.record(actor, { action: 'access.denied', objectType: 'round', objectId: id, outcome: 'denied' });
      throw new NotFoundError(t('rounds.errors.omgangenNotFound'));
    }
    return { ...round, schoolIds };
  }

  /** The round's observation window: the first N school days from term start. */
  windowDates(round: Pick<Round, 'termStart' | 'windowDays'>): string[] {
    return schoolDaysFrom(round.termStart, round.windowDays, this.deps.nonSchoolDaySet());
  }

  nonSchoolDays(): Set<string> {
    return this.deps.nonSchoolDaySet();
  }
}
