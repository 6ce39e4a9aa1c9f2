import { z } from 'zod';
import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { parseIsoDate } from '../calendar';
import type { ImportService } from '../imports';
import { normalisePersonalNumber } from '../imports';
import type { RoundService } from '../rounds';
import type { Clock } from '../shared';
import { NotFoundError, ValidationError, fieldErrorsFromZod } from '../shared';
import { CONTACT_METHODS, TRANSFERS, type ContactAttempt, type FollowUp, type FollowUpRepository, type PupilRef } from './followup-repository';
import { maskedNumber, maskNumbers } from '../shared';
import { t } from '../i18n';

export const METHOD_SV: Record<(typeof CONTACT_METHODS)[number], string> = {
  phone: 'Telefon',
  sms: 'SMS',
  email: 'E-post',
  letter: 'Brev',
  home_visit: 'Hembesök',
  relatives: 'Släktingar',
  classmates: 'Klasskamrater / sociala medier',
  new_school: 'Ny skola',
  other: 'Annat',
};

export const TRANSFER_SV: Record<(typeof TRANSFERS)[number], string> = {
  none: 'Ingen flytt registrerad',
  municipal_school: 'Ny skola i kommunen',
  other_municipality: 'Skola i annan kommun',
  abroad: 'Utflyttad utomlands',
  unregistered: 'Avregistrerad (okänd vistelse)',
};

const text = (max = 2000) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim() : null),
    z
      .string()
      .max(max, { message: t('common.errors.textMax', { max }) })
      .nullable(),
  );
const date = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim() : null),
    z
      .string()
      .refine((v) => parseIsoDate(v) !== null, { message })
      .nullable(),
  );
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

const followUpSchema = z.object({
  guardiansNotContacted: checkbox,
  lastDayPresent: date(t('followup.errors.angeSistaNarvarodagAaaa')),
  knownReason: text(),
  abroadCountry: text(100),
  expectedReturn: date(t('followup.errors.angeVantadAterkomstAaaa')),
  informationSource: text(500),
  transfer: z.preprocess((v) => (v === undefined || v === '' ? 'none' : v), z.enum(TRANSFERS, { message: t('followup.errors.valjVadGallerFor') })),
  receivingSchool: text(200),
});

const attemptSchema = z.object({
  method: z.enum(CONTACT_METHODS, { message: t('followup.errors.valjHurKontaktSoktes') }),
  date: date(t('followup.errors.angeDatumAaaaMm')).refine((v) => v !== null, { message: t('followup.errors.angeDatumForKontaktforsoket') }),
  result: z
    .string({ error: 'Beskriv resultatet.' })
    .trim()
    .min(2, { message: t('followup.errors.beskrivResultatetNagraOrd') })
    .max(2000, { message: t('common.errors.textMax2000') }),
});

export interface FollowUpView {
  pupil: PupilRef;
  followUp: FollowUp | null;
  attempts: ContactAttempt[];
}

/**
 * The school's follow-up of a pupil of concern: what the school knows (last day present,
 * reason, country and expected return, who told), what it has done (contact attempts,
 * or guardians deliberately not contacted because of honour-related risk), and any
 * transfer — which the rules read (vanished-from-roster, left-without-destination).
 */
export class FollowUpService {
  constructor(
    private readonly deps: {
      repo: FollowUpRepository;
      rounds: RoundService;
      imports: ImportService;
      audit: AuditService;
      clock: Clock;
      /** RoundEvaluation: a follow-up or transfer changes what the rules read, so the round is re-evaluated. */
      /** BackgroundEvaluation: `change` stores a change with the round's "evaluation pending" mark; evaluateRound then evaluates it. */
      evaluation: { change<T>(roundId: number, write: () => T): T; evaluateRound(actor: Actor, roundId: number): unknown };
    },
  ) {}

  /** A pupil's follow-up at the school, masked for protected identity; the read is audited. */
  get(actor: Actor, roundId: number, schoolCode: string, pupilId: number): FollowUpView {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    const pupil = this.pupilAt(roundId, school.id, pupilId);
    this.deps.audit.record(actor, { action: 'followup.read', objectType: 'pupil', objectId: pupilId, details: { round: roundId, school: school.code } });
    return {
      pupil: masked(pupil),
      followUp: this.deps.repo.find(roundId, school.id, pupilId) ?? null,
      attempts: this.deps.repo.attempts(roundId, school.id, pupilId),
    };
  }

  save(actor: Actor, roundId: number, schoolCode: string, pupilId: number, input: unknown): FollowUp {
    const school = this.writable(actor, roundId, schoolCode);
    this.pupilAt(roundId, school.id, pupilId);
    const parsed = followUpSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const d = parsed.data;
    if ((d.transfer === 'municipal_school' || d.transfer === 'other_municipality') && !d.receivingSchool) {
      throw new ValidationError([{ field: 'receivingSchool', message: t('followup.errors.angeVilkenSkolaEleven') }]);
    }
    const existing = this.deps.repo.find(roundId, school.id, pupilId);
    const f: FollowUp = {
      ...d,
      manual: existing?.manual ?? false,
      manualReason: existing?.manualReason ?? null,
      updatedAt: this.deps.clock().toISOString(),
      updatedByLabel: actor.label,
    };
    this.deps.evaluation.change(roundId, () => this.deps.repo.save(roundId, school.id, pupilId, f));
    this.deps.audit.record(actor, {
      action: 'followup.save',
      objectType: 'pupil',
      objectId: pupilId,
      details: { round: roundId, school: school.code, transfer: d.transfer },
    });
    this.deps.evaluation.evaluateRound(actor, roundId);
    return f;
  }

  addAttempt(actor: Actor, roundId: number, schoolCode: string, pupilId: number, input: unknown): ContactAttempt {
    const school = this.writable(actor, roundId, schoolCode);
    this.pupilAt(roundId, school.id, pupilId);
    const parsed = attemptSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const a = {
      method: parsed.data.method,
      date: parsed.data.date!,
      result: parsed.data.result,
      createdAt: this.deps.clock().toISOString(),
      createdByLabel: actor.label,
    };
    const id = this.deps.repo.addAttempt(roundId, school.id, pupilId, a);
    this.deps.audit.record(actor, {
      action: 'followup.contact',
      objectType: 'pupil',
      objectId: pupilId,
      details: { round: roundId, school: school.code, method: a.method },
    });
    return { id, ...a };
  }

  /** The add-pupil form, scoped like addManual: only a school the actor may write for. */
  addForm(actor: Actor, roundId: number, schoolCode: string) {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode);
    return { round: this.deps.rounds.get(actor, roundId), school };
  }

  /** A pupil of concern who is not in the file (e.g. protected identity handled on paper). */
  addManual(
    actor: Actor,
    roundId: number,
    schoolCode: string,
    input: { personalNumber?: unknown; firstName?: unknown; lastName?: unknown; protectedIdentity?: unknown; reason?: unknown },
  ): number {
    const school = this.writable(actor, roundId, schoolCode);
    const round = this.deps.rounds.get(actor, roundId);
    const errors = [];
    const pn = normalisePersonalNumber(typeof input.personalNumber === 'string' ? input.personalNumber : null, new Date(`${round.termStart}T12:00:00Z`));
    if (!pn.ok) errors.push({ field: 'personalNumber', message: maskNumbers(pn.message) });
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length < 3) errors.push({ field: 'reason', message: t('followup.errors.beskrivKortVarforSkolan') });
    if (errors.length || !pn.ok) throw new ValidationError(errors);
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    const at = this.deps.clock().toISOString();
    const pupilId = this.deps.evaluation.change(roundId, () => {
      const pupilId = this.deps.repo.upsertPupil(school.id, {
        personalNumber: pn.value,
        coordination: pn.coordination,
        firstName: str(input.firstName),
        lastName: str(input.lastName),
        protectedIdentity: input.protectedIdentity === true || input.protectedIdentity === 'on',
        at,
      });
      this.deps.repo.save(roundId, school.id, pupilId, {
        manual: true,
        manualReason: reason,
        guardiansNotContacted: false,
        lastDayPresent: null,
        knownReason: null,
        abroadCountry: null,
        expectedReturn: null,
        informationSource: null,
        transfer: 'none',
        receivingSchool: null,
        updatedAt: at,
        updatedByLabel: actor.label,
      });
      return pupilId;
    });
    this.deps.audit.record(actor, { action: 'followup.manual', objectType: 'pupil', objectId: pupilId, details: { round: roundId, school: school.code } });
    this.deps.evaluation.evaluateRound(actor, roundId);
    return pupilId;
  }

  manualPupils(actor: Actor, roundId: number, schoolCode: string) {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    return this.deps.repo.manualPupils(roundId, school.id).map((p) => ({ ...masked(p), manualReason: p.manualReason }));
  }

  private writable(actor: Actor, roundId: number, schoolCode: string) {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode);
    if (this.deps.rounds.get(actor, roundId).state === 'closed')
      throw new ValidationError([{ field: 'knownReason', message: t('followup.errors.omgangenArStangdSkolans') }]);
    return school;
  }

  private pupilAt(roundId: number, schoolId: number, pupilId: number): PupilRef {
    const pupil = this.deps.repo.pupil(pupilId, schoolId);
    if (!pupil || !this.deps.repo.concerns(roundId, schoolId, pupilId)) throw new NotFoundError(t('followup.errors.elevenSkolansUppgifterFor'));
    return pupil;
  }
}

function masked<T extends PupilRef>(p: T): T {
  return p.protectedIdentity ? { ...p, personalNumber: maskedNumber(p.personalNumber), firstName: null, lastName: null } : p;
}
