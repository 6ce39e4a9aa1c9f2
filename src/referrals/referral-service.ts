import { z } from 'zod';
import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole } from '../shared';
import { formatSwedishDay, todayInStockholm } from '../calendar';
import { AUTHORITY_PARTIES, URGENCY_SV, type ContactParty, type Urgency } from '../cases';
import type { CaseRow } from '../cases';
import type { CaseService, SiblingInfo } from '../cases';
import { maskedNumber } from '../shared';
import type { FollowUpRepository } from '../followup';
import { METHOD_SV } from '../followup';
import type { MailService } from '../mail';
import type { RulesService } from '../rules';
import type { SettingsService } from '../settings';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import type { ReferralContent, ReferralRepository, ReferralRow, SocialUnit, WatchLeave } from './referral-repository';
import { FIELD_LABELS, YES_NO_SV, referralFieldsSchema, sendErrors, type ReferralFields } from './referral-schema';
import { isOverdue } from './working-days';
import { t } from '../i18n';

/** A referral as pages, the API and the PDF show it: identity masked unless revealed. */
export interface ReferralView {
  id: number;
  caseId: number;
  state: ReferralRow['state'];
  urgency: Urgency;
  urgencyName: string;
  unit: { id: number; name: string; onCallPhone: string };
  round: string;
  createdAt: string;
  sentAt: string | null;
  sentBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  reference: string | null;
  overdue: boolean;
  pupilProtected: boolean;
  revealed: boolean;
  fields: { key: string; label: string; value: string }[];
  routineText: string;
}

const VIEWERS = ['admin', 'coordinator', 'principal', 'social_services'] as const;

const unitSchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: t('referrals.errors.angeEnhetensNamn') })
      .min(2, { message: t('referrals.errors.angeEnhetensNamn') })
      .max(200, { message: t('common.errors.nameMax200') }),
  ),
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.email({ message: t('referrals.errors.angeEnhetensFunktionsbrevladaT') })),
  onCallPhone: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: t('referrals.errors.angeSocialjourensTelefonnummer') })
      .regex(/^[0-9 +\-()]{5,30}$/, { message: t('referrals.errors.angeSocialjourensTelefonnummerSiffror') }),
  ),
  active: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  members: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive())),
});

const routineSchema = z.object({
  referralRoutine: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'Skriv kommunens rutin.' })
      .min(20, { message: t('referrals.errors.skrivKommunensRutinFor') })
      .max(10_000, { message: t('referrals.errors.rutinenFarVaraHogst') }),
  ),
  secondApprovalRequired: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  acknowledgeWorkingDays: z.preprocess(
    (v) => (typeof v === 'string' ? Number(v.trim() || NaN) : v),
    z
      .number({ error: t('referrals.errors.angeAntalArbetsdagar0') })
      .int({ message: t('referrals.errors.angeHelaArbetsdagar0') })
      .min(0, { message: t('referrals.errors.angeAntalArbetsdagar0') })
      .max(30, { message: t('referrals.errors.angeAntalArbetsdagar0') }),
  ),
});

/**
 * Reports of concern (orosanmälan): prefilled from the case, saved as a draft or sent at
 * once (reporting is a personal duty that must not wait), frozen when sent, delivered to
 * a social services unit's inbox in Saknad with an e-mail that carries no personal data,
 * and confirmed by social services with their reference number.
 */
export class ReferralService {
  constructor(
    private readonly deps: {
      repo: ReferralRepository;
      cases: CaseService;
      rules: RulesService;
      followUps: FollowUpRepository;
      settings: SettingsService;
      mail: MailService;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** The form for a case: the draft if there is one, otherwise values prefilled from the case. */
  form(
    actor: Actor,
    caseId: number,
  ): { row: CaseRow; draft: ReferralRow | null; values: ReferralFields; units: SocialUnit[]; routine: string; sent: ReferralRow | null } {
    const referrals = this.deps.repo.forCase(caseId);
    const sent = referrals.find((r) => r.state !== 'draft') ?? null;
    const row = sent ? this.deps.cases.row(caseId) : this.deps.cases.referable(actor, caseId);
    if (sent) this.deps.cases.get(actor, caseId); // scope check and audited read
    const draft = referrals.find((r) => r.state === 'draft') ?? null;
    this.deps.audit.record(actor, { action: 'referral.form', objectType: 'case', objectId: caseId });
    // A draft's stored content has more keys than the form; parsing keeps the form's own.
    const values = draft ? referralFieldsSchema.parse(draft.content) : this.prefill(actor, row);
    // Someone else's siblings text may name pupils at other schools: a principal gets the counts instead.
    if (draft && !this.seesSiblingsText(actor, draft)) values.siblings = this.siblingCountsText(row);
    return { row, draft, values, units: this.deps.repo.units(true), routine: this.deps.settings.get('referralRoutine'), sent };
  }

  /**
   * Saves the form. With `send`, every required field must be there; the referral is then
   * frozen, the unit is told by e-mail (no personal data) and the case becomes `referred`.
   */
  async save(actor: Actor, caseId: number, input: unknown, send: boolean): Promise<{ id: number; sent: boolean }> {
    const referrals = this.deps.repo.forCase(caseId);
    if (referrals.some((r) => r.state !== 'draft')) {
      this.deps.cases.get(actor, caseId); // out of scope stays not found
      throw new ValidationError([{ field: 'referral', message: t('referrals.errors.orosanmalanArSkickadAndras') }]);
    }
    const row = this.deps.cases.referable(actor, caseId);
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new ValidationError([{ field: 'referral', message: t('referrals.errors.skickaAnmalansFaltObjekt') }]);
    const parsed = referralFieldsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const f = parsed.data;
    const unit = f.unitId ? this.deps.repo.unit(f.unitId) : undefined;
    const active = this.deps.repo.units(true);
    if (!active.length) {
      throw new ValidationError([{ field: 'unitId', message: t('referral.noUnits') }]);
    }
    const errors = send ? sendErrors(f) : [];
    if (f.unitId && (!unit || !unit.active)) errors.unshift({ field: 'unitId', message: t('referrals.errors.valjKommunensSocialtjanstenheter') });
    if (errors.length) throw new ValidationError(errors);
    const at = this.deps.clock().toISOString();
    // A draft may be saved before the unit is chosen: stored against the first unit, its form still shows none chosen.
    const target = unit ?? active[0]!;
    const content: ReferralContent = {
      ...f,
      pupilName: [row.firstName, row.lastName].filter(Boolean).join(' '),
      pupilPersonalNumber: row.personalNumber,
      pupilProtected: row.protectedIdentity,
      pupilClass: row.className ?? '',
      pupilSchool: row.schoolName,
      routineText: this.deps.settings.get('referralRoutine'),
      unitName: unit?.name ?? '',
      unitPhone: unit?.onCallPhone ?? '',
      siblingsWrittenBy: actor.userId,
      siblingsForSchool: this.siblingCountsText(row),
    };
    const draft = referrals.find((r) => r.state === 'draft');
    // A principal saving someone else's draft was shown the counts, not the text: unless they wrote
    // something else, the text stays as it was (nothing is lost because it was hidden from them).
    if (draft && !this.seesSiblingsText(actor, draft) && f.siblings === this.siblingCountsText(row)) {
      content.siblings = draft.content.siblings;
      content.siblingsWrittenBy = writerOfSiblings(draft);
    }
    const id = this.deps.repo.transaction(() => {
      const id = this.deps.repo.saveDraft({
        id: draft?.id ?? null,
        caseId,
        unitId: target.id,
        urgency: f.urgency,
        content,
        at,
        by: actor.userId,
        byLabel: actor.label,
      });
      if (send) {
        this.deps.repo.markSent(id, at, actor.userId, actor.label);
        this.deps.cases.recordReferred(actor, row, id, unit!.name);
      }
      return id;
    });
    this.deps.audit.record(actor, {
      action: send ? 'referral.send' : 'referral.draft',
      objectType: 'referral',
      objectId: id,
      details: { case: caseId, unit: target.id, urgency: f.urgency },
    });
    if (send) {
      try {
        await this.deps.mail.send('referralWaiting', unit!.email, { link: `/orosanmalningar/${id}`, acute: f.urgency === 'acute' });
      } catch {
        // The referral is delivered in Saknad either way; the failed notice is on record.
        this.deps.audit.record(actor, { action: 'referral.notify', objectType: 'referral', objectId: id, outcome: 'failure' });
      }
    }
    return { id, sent: send };
  }

  /** One referral, scoped: social services only their units' sent referrals. The read is audited; a reveal too. */
  get(actor: Actor, id: number, reveal = false): ReferralView {
    const r = this.scoped(actor, id);
    if (reveal) {
      if (!hasRole(actor, 'coordinator') && !this.inUnit(actor, r)) {
        this.deps.audit.record(actor, { action: 'referral.reveal_identity', objectType: 'referral', objectId: id, outcome: 'denied' });
        throw new ForbiddenError(t('referrals.errors.baraSamordnareMottagandeSocialtjanstenheten'));
      }
      this.deps.audit.record(actor, { action: 'referral.reveal_identity', objectType: 'referral', objectId: id });
    }
    this.deps.audit.record(actor, { action: 'referral.read', objectType: 'referral', objectId: id });
    return this.view(actor, r, reveal);
  }

  /** The social services inbox: referrals sent to the user's units, with overdue ones marked. */
  inbox(actor: Actor): ReferralView[] {
    if (!hasRole(actor, 'social_services')) throw new ForbiddenError();
    const list = this.deps.repo.forUnits(this.deps.repo.unitsOf(actor.userId ?? 0)).map((r) => this.view(actor, r, false));
    this.deps.audit.record(actor, { action: 'referral.list', objectType: 'referral', details: { shown: list.length } });
    return list;
  }

  /** Sent referrals social services have not confirmed, oldest first: the coordinator's start page. */
  awaitingAcknowledgement(actor: Actor): ReferralView[] {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const list = this.deps.repo.awaitingAcknowledgement().map((r) => this.view(actor, r, false));
    this.deps.audit.record(actor, { action: 'referral.list', objectType: 'referral', details: { shown: list.length, state: 'sent' } });
    return list;
  }

  /** Referrals of a case, for the case page. */
  forCase(actor: Actor, caseId: number): ReferralView[] {
    return this.deps.repo
      .forCase(caseId)
      .filter((r) => this.allowed(actor, r))
      .map((r) => this.view(actor, r, false));
  }

  /** Social services confirm receipt with their reference number; the case becomes `acknowledged` and the sender is told. */
  async acknowledge(actor: Actor, id: number, input: unknown): Promise<ReferralView> {
    const r = this.scoped(actor, id);
    if (!this.inUnit(actor, r)) throw new ForbiddenError(t('referrals.errors.baraMottagandeSocialtjanstenhetenBekraftar'));
    const reference = typeof (input as { reference?: unknown })?.reference === 'string' ? (input as { reference: string }).reference.trim() : '';
    if (r.state !== 'sent') throw new ValidationError([{ field: 'reference', message: t('referrals.errors.anmalanArRedanBekraftad') }]);
    if (reference.length < 2 || reference.length > 100)
      throw new ValidationError([{ field: 'reference', message: t('referrals.errors.angeErtDiarienummer2') }]);
    const at = this.deps.clock().toISOString();
    this.deps.repo.transaction(() => {
      this.deps.repo.acknowledge(id, at, actor.userId, actor.label, reference);
      this.deps.cases.recordAcknowledged(actor, r.caseId, id, reference);
    });
    this.deps.audit.record(actor, { action: 'referral.acknowledge', objectType: 'referral', objectId: id, details: { case: r.caseId } });
    for (const to of this.deps.repo.acknowledgementRecipients(r.caseId, r.sentBy)) {
      try {
        await this.deps.mail.send('referralAcknowledged', to, { link: `/arenden/${r.caseId}` });
      } catch {
        this.deps.audit.record(actor, { action: 'referral.notify', objectType: 'referral', objectId: id, outcome: 'failure' });
      }
    }
    return this.view(actor, this.deps.repo.find(id)!, false);
  }

  /** Reminds each unit once of every referral not confirmed within the set working days (hourly and `reminders run`). */
  async remindOverdue(actor: Actor): Promise<{ sent: number; failed: number }> {
    const today = todayInStockholm(this.deps.clock);
    const limit = this.deps.settings.get('acknowledgeWorkingDays');
    let sent = 0;
    let failed = 0;
    for (const r of this.deps.repo.unconfirmed()) {
      if (!isOverdue(stockholmDate(r.sentAt!), today, limit)) continue;
      const unit = this.deps.repo.unit(r.unitId)!;
      try {
        await this.deps.mail.send('referralReminder', unit.email, { link: `/orosanmalningar/${r.id}`, days: limit });
        this.deps.repo.markReminded(r.id, this.deps.clock().toISOString());
        this.deps.audit.record(actor, { action: 'referral.remind', objectType: 'referral', objectId: r.id });
        sent++;
      } catch {
        failed++;
      }
    }
    return { sent, failed };
  }

  // The municipal register and the routine (admin) -------------------------------------

  units(actor: Actor): SocialUnit[] {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    return this.deps.repo.units();
  }

  unitForm(actor: Actor, id: number | null) {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    const unit = id ? this.deps.repo.unit(id) : undefined;
    if (id && !unit) throw new NotFoundError(t('referrals.errors.enhetenNotFound'));
    return { unit: unit ?? null, members: unit ? this.deps.repo.members(unit.id) : [], users: this.deps.repo.socialServicesUsers() };
  }

  saveUnit(actor: Actor, id: number | null, input: unknown): number {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    const parsed = unitSchema.safeParse(input ?? {});
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const u = parsed.data;
    const same = this.deps.repo.unitByName(u.name);
    if (same && same.id !== id) throw new ValidationError([{ field: 'name', message: t('referrals.errors.redanEnhetNamnet') }]);
    const allowed = new Set(this.deps.repo.socialServicesUsers().map((x) => x.id));
    if (u.members.some((m) => !allowed.has(m)))
      throw new ValidationError([{ field: 'members', message: t('referrals.errors.baraAnvandareRollenSocialtjanst') }]);
    const saved = this.deps.repo.transaction(() => {
      const saved = this.deps.repo.saveUnit(
        { id, name: u.name, email: u.email, onCallPhone: u.onCallPhone, active: id ? u.active : true },
        this.deps.clock().toISOString(),
      );
      this.deps.repo.setMembers(saved, u.members);
      return saved;
    });
    this.deps.audit.record(actor, {
      action: id ? 'social_unit.update' : 'social_unit.create',
      objectType: 'social_unit',
      objectId: saved,
      details: { members: u.members.length },
    });
    return saved;
  }

  routine(actor: Actor) {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    return {
      referralRoutine: this.deps.settings.get('referralRoutine'),
      secondApprovalRequired: this.deps.settings.get('secondApprovalRequired'),
      acknowledgeWorkingDays: String(this.deps.settings.get('acknowledgeWorkingDays')),
    };
  }

  saveRoutine(actor: Actor, input: unknown): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    const parsed = routineSchema.safeParse(input ?? {});
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    this.deps.settings.set(actor, 'referralRoutine', parsed.data.referralRoutine);
    this.deps.settings.set(actor, 'secondApprovalRequired', parsed.data.secondApprovalRequired);
    this.deps.settings.set(actor, 'acknowledgeWorkingDays', parsed.data.acknowledgeWorkingDays);
  }

  // ------------------------------------------------------------------------------------

  private prefill(actor: Actor, row: CaseRow): ReferralFields {
    const followUp = this.deps.followUps.find(row.roundId, row.schoolId, row.pupilId);
    const flags = this.deps.rules.flagsFor(actor, row.roundId, row.schoolCode, row.pupilId);
    const events = this.deps.cases.events(row.id).filter((e) => e.kind === 'contact');
    const line = (e: (typeof events)[number]) => `${day(e.details?.date)} ${String(e.details?.partyName ?? '')}: ${e.text ?? ''}`;
    const authority = (e: (typeof events)[number]) => AUTHORITY_PARTIES.includes(e.details?.party as ContactParty);
    const schoolAttempts = this.deps.followUps
      .attempts(row.roundId, row.schoolId, row.pupilId)
      .map((a) => `${day(a.date)} ${METHOD_SV[a.method]} (skolan): ${a.result}`);
    const siblings = siblingsText(this.deps.cases.siblings(actor, row.roundId, row.pupilId));
    const abroad = followUp?.abroadCountry
      ? t('referrals.text.abroad', {
          country: followUp.abroadCountry,
          return: followUp.expectedReturn ? t('referrals.text.expectedReturn', { date: day(followUp.expectedReturn) }) : '',
        })
      : '';
    const notContacted = !!followUp?.guardiansNotContacted;
    const units = this.deps.repo.units(true);
    return referralFieldsSchema.parse({
      unitId: units.length === 1 ? units[0]!.id : 0,
      urgency: 'normal',
      guardian1Informed: notContacted ? 'no' : '',
      guardian1NotInformedWhy: notContacted ? t('referrals.text.vardnadshavareMedvetetKontaktatsRisk') : '',
      reporterName: actor.name,
      reporterWorkplace: hasRole(actor, 'principal')
        ? row.schoolName
        : t('referrals.text.educationOffice', { municipality: this.deps.settings.get('municipalityName') }),
      reporterEmail: actor.label.includes('@') ? actor.label : '',
      concernHeard: followUp?.knownReason ?? '',
      informationSource: followUp?.informationSource ?? '',
      whereaboutsNow: [
        abroad,
        row.transferredToSchoolName && !row.protectedIdentity ? `Finns i ${row.transferredToSchoolName}s elevlista.` : '',
        // Only that the school's file has the pupil: whether they attend there is for a person to find out.
        row.seenAtSchoolNames && !row.protectedIdentity ? t('referrals.text.narvarofilenFranForOmgangen', { schools: row.seenAtSchoolNames }) : '',
      ]
        .filter(Boolean)
        .join(' '),
      lastDayPresent: followUp?.lastDayPresent ?? '',
      breakName: row.roundName,
      absenceFacts: (flags?.rules ?? []).map((r) => r.explanation).join('\n'),
      contactAttempts: [...schoolAttempts, ...events.filter((e) => !authority(e)).map(line)].join('\n'),
      siblings,
      leaveAndDestination: leaveText(this.deps.repo.leave(row.roundId, row.schoolId, row.pupilId)),
      otherNotifications: events.filter(authority).map(line).join('\n'),
    });
  }

  private view(actor: Actor, r: ReferralRow, reveal: boolean): ReferralView {
    const c = r.content;
    const hide = c.pupilProtected && !reveal;
    const value = (key: string): string => {
      if (key === 'siblings' && !this.seesSiblingsText(actor, r)) return c.siblingsForSchool ?? SIBLINGS_HIDDEN;
      if (key === 'pupilName') return hide ? 'Skyddad identitet' : c.pupilName;
      if (key === 'pupilPersonalNumber') return hide ? maskedNumber(c.pupilPersonalNumber) : c.pupilPersonalNumber;
      const v = (c as unknown as Record<string, unknown>)[key];
      if (v === 'yes' || v === 'no' || v === 'unknown') return YES_NO_SV[v];
      return typeof v === 'string' ? v : '';
    };
    const today = todayInStockholm(this.deps.clock);
    return {
      id: r.id,
      caseId: r.caseId,
      state: r.state,
      urgency: r.urgency,
      urgencyName: URGENCY_SV[r.urgency],
      // A draft saved before a unit was chosen names none.
      unit: { id: r.unitId, name: r.state === 'draft' && !c.unitId ? 'Ingen enhet vald' : r.unitName, onCallPhone: r.unitPhone },
      round: r.roundName,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      sentBy: r.sentByLabel,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedBy: r.acknowledgedByLabel,
      reference: r.reference,
      overdue: r.state === 'sent' && isOverdue(stockholmDate(r.sentAt!), today, this.deps.settings.get('acknowledgeWorkingDays')),
      pupilProtected: c.pupilProtected,
      revealed: c.pupilProtected && reveal,
      fields: FIELD_LABELS.map(([key, label]) => ({ key, label, value: value(key) })),
      routineText: c.routineText,
    };
  }

  /**
   * Whether the actor may read a referral's siblings text as written. Coordinators, admins
   * and the receiving unit may; a principal only a text they wrote themselves (which came
   * from their own, count-only prefill).
   */
  private seesSiblingsText(actor: Actor, r: ReferralRow): boolean {
    if (hasRole(actor, 'admin', 'coordinator') || this.inUnit(actor, r)) return true;
    return actor.userId !== null && writerOfSiblings(r) === actor.userId;
  }

  private siblingCountsText(row: CaseRow): string {
    return siblingsText({ detail: 'count', ...this.deps.cases.siblingCounts(row.roundId, row.pupilId) });
  }

  /** The actor works for the unit the referral was sent to (social services role and membership). */
  private inUnit(actor: Actor, r: ReferralRow): boolean {
    return hasRole(actor, 'social_services') && r.state !== 'draft' && this.deps.repo.unitsOf(actor.userId ?? 0).includes(r.unitId);
  }

  private allowed(actor: Actor, r: ReferralRow): boolean {
    if (hasRole(actor, 'admin', 'coordinator')) return true;
    if (hasRole(actor, 'principal') && actor.schoolIds.includes(r.schoolId)) return true;
    return this.inUnit(actor, r);
  }

  private scoped(actor: Actor, id: number): ReferralRow {
    const r = this.deps.repo.find(id);
    if (!r || !hasRole(actor, ...VIEWERS) || !this.allowed(actor, r)) {
      if (r) this.deps.audit.record(actor, { action: 'access.denied', objectType: 'referral', objectId: id, outcome: 'denied' });
      throw new NotFoundError(t('referrals.errors.anmalanNotFound'));
    }
    return r;
  }
}

const SIBLINGS_HIDDEN = t('referrals.errors.uppgifterOmSyskonVisas');

/** Who wrote a referral's siblings text; before that was recorded, whoever created the referral. */
function writerOfSiblings(r: ReferralRow): number | null {
  return r.content.siblingsWrittenBy !== undefined ? r.content.siblingsWrittenBy : r.createdBy;
}

/**
 * The siblings field of a referral. A coordinator's names each sibling (a protected one
 * only as such: no birth date, school or class); anyone else's says how many siblings
 * there are and how many are flagged, and who can see more.
 */
export function siblingsText(info: SiblingInfo): string {
  if (info.detail === 'full') {
    return info.siblings
      .map((s) =>
        s.protectedIdentity
          ? t('referrals.text.syskonSkyddadIdentitet')
          : [`${[s.firstName, s.lastName].filter(Boolean).join(' ')} (${s.personalNumber})`, s.schoolName, s.className].filter(Boolean).join(', '),
      )
      .join('\n');
  }
  if (info.siblings === 0) return '';
  const count = info.siblings === 1 ? t('referrals.text.siblings.one') : t('referrals.text.siblings.other', { count: info.siblings });
  const flagged =
    info.flagged === 0
      ? t('referrals.text.siblings.noneFlagged')
      : info.siblings === 1
        ? t('referrals.text.siblings.itFlagged')
        : t('referrals.text.demArOcksaFlaggade', { flagged: info.flagged });
  return t('referrals.text.elevenSammaVardnadshavareKommunens', { count, flagged });
}

/** The calendar date in Stockholm of an ISO instant. */
function stockholmDate(iso: string): string {
  return todayInStockholm(() => new Date(iso));
}

/** Dates in the draft are read by a social worker: "7 september 2026", not ISO (issue 15). */
function day(v: unknown): string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatSwedishDay(v) : String(v ?? '');
}

/** The watch list's leave as one line of the draft ('' when none). */
function leaveText(w: WatchLeave | null): string {
  if (!w) return '';
  const decision = w.decision === 'granted' ? 'beviljad' : w.decision === 'refused' ? 'avslagen' : 'inget beslut';
  return `Ledighet ${w.from ? day(w.from) : '?'} – ${w.to ? day(w.to) : '?'}${w.destination ? `, resmål ${w.destination}` : ''} (${decision}).`;
}
