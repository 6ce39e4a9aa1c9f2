import { z } from 'zod';
import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole } from '../shared';
import { parseIsoDate } from '../calendar';
import type { ImportService } from '../imports';
import { normalisePersonalNumber } from '../imports';
import type { RoundService } from '../rounds';
import type { Clock } from '../shared';
import { ForbiddenError, ValidationError, type FieldError } from '../shared';
import { WATCH_REASONS, type WatchEntry, type WatchListRepository } from './watchlist-repository';
import { maskedNumber, maskNumbers } from '../shared';
import { t } from '../i18n';

export const REASON_SV: Record<(typeof WATCH_REASONS)[number], string> = {
  pupil_worry: 'Eleven har själv uttryckt oro',
  sibling_worry: 'Ett syskon har uttryckt oro',
  friend_worry: 'En kamrat har uttryckt oro',
  leave_request: 'Ansökan om lång ledighet',
  siblings_abroad_before: 'Syskon har tidigare förts utomlands',
  recent_report: 'Nyligen gjord orosanmälan',
  other: 'Annat',
};

const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim() : null),
  z
    .string()
    .max(2000, { message: t('common.errors.textMax2000') })
    .nullable(),
);
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

const entrySchema = z.object({
  personalNumber: z.string({ error: t('watchlist.errors.angeElevensPersonnummer') }),
  firstName: optionalText,
  lastName: optionalText,
  protectedIdentity: checkbox,
  reasons: z.preprocess(
    asArray,
    z.array(z.enum(WATCH_REASONS, { message: t('watchlist.errors.okandOrsak') })).min(1, { message: t('watchlist.errors.valjMinstOrsakOron') }),
  ),
  leaveFrom: optionalText,
  leaveTo: optionalText,
  leaveDestination: optionalText,
  leaveDecision: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.enum(['granted', 'refused'], { message: t('watchlist.errors.angeOmLedighetenBeviljades') }).nullable(),
  ),
  otherText: optionalText,
  referralMade: checkbox,
});

const isoDate = (v: string | null) => !!v && parseIsoDate(v) !== null;

/**
 * The round's watch list (förhandsoro): before the break, schools list pupils they worry
 * about, so the coordinator can act while acting is still possible, and so the rules
 * put these pupils first on day one (watch-listed, leave-overrun).
 */
export class WatchListService {
  constructor(
    private readonly deps: {
      repo: WatchListRepository;
      rounds: RoundService;
      imports: ImportService;
      audit: AuditService;
      clock: Clock;
      /** BackgroundEvaluation: a new entry can raise flags at once (watch-listed, leave-overrun), so the round is re-evaluated. */
      evaluation: { change<T>(roundId: number, write: () => T): T; evaluateRound(actor: Actor, roundId: number): unknown };
    },
  ) {}

  add(actor: Actor, roundId: number, schoolCode: string, input: unknown): WatchEntry {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode);
    const round = this.deps.rounds.get(actor, roundId);
    if (round.state === 'closed') throw new ValidationError([{ field: 'personalNumber', message: t('watchlist.errors.omgangenArStangdBevakningslistan') }]);
    const parsed = entrySchema.safeParse(input);
    const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
    const data = parsed.success ? parsed.data : null;
    const pn = normalisePersonalNumber(
      typeof (input as { personalNumber?: unknown })?.personalNumber === 'string' ? (input as { personalNumber: string }).personalNumber : null,
      new Date(`${round.termStart}T12:00:00Z`),
    );
    if (!pn.ok && !errors.some((e) => e.field === 'personalNumber')) errors.push({ field: 'personalNumber', message: maskNumbers(pn.message) });
    if (data?.reasons.includes('leave_request')) {
      if (!isoDate(data.leaveFrom)) errors.push({ field: 'leaveFrom', message: t('watchlist.errors.angeLedighetensForstaDag') });
      if (!isoDate(data.leaveTo)) errors.push({ field: 'leaveTo', message: t('watchlist.errors.angeLedighetensSistaDag') });
      if (isoDate(data.leaveFrom) && isoDate(data.leaveTo) && data.leaveFrom! > data.leaveTo!)
        errors.push({ field: 'leaveTo', message: t('watchlist.errors.ledighetensSistaDagVara') });
      if (!data.leaveDestination) errors.push({ field: 'leaveDestination', message: t('watchlist.errors.angeResmaletSaLangt') });
      if (!data.leaveDecision) errors.push({ field: 'leaveDecision', message: t('watchlist.errors.angeOmLedighetenBeviljades') });
    }
    if (data?.reasons.includes('other') && !data.otherText) errors.push({ field: 'otherText', message: t('watchlist.errors.beskrivOronNagraOrd') });
    if (errors.length || !data || !pn.ok) throw new ValidationError(errors);
    const leave = data.reasons.includes('leave_request');
    // Stored with the round's "evaluation pending" mark (BackgroundEvaluation.change); a refused entry leaves neither.
    const id = this.deps.evaluation.change(roundId, () => {
      const id = this.deps.repo.add({
        roundId,
        schoolId: school.id,
        personalNumber: pn.value,
        coordination: pn.coordination,
        firstName: data.firstName,
        lastName: data.lastName,
        protectedIdentity: data.protectedIdentity,
        reasons: data.reasons,
        leaveFrom: leave ? data.leaveFrom : null,
        leaveTo: leave ? data.leaveTo : null,
        leaveDestination: leave ? data.leaveDestination : null,
        leaveDecision: leave ? data.leaveDecision : null,
        otherText: data.otherText,
        referralMade: data.referralMade,
        createdAt: this.deps.clock().toISOString(),
        createdBy: actor.userId,
        createdByLabel: actor.label,
      });
      if (id === null) throw new ValidationError([{ field: 'personalNumber', message: t('watchlist.errors.elevenRedanPaSkolans') }]);
      return id;
    });
    this.deps.audit.record(actor, {
      action: 'watchlist.add',
      objectType: 'watch_list',
      objectId: id,
      details: { round: roundId, school: school.code, reasons: data.reasons },
    });
    this.deps.evaluation.evaluateRound(actor, roundId);
    return this.list(actor, roundId, false).find((e) => e.id === id)!;
  }

  /** Entries of the round: a principal's own schools; coordinators and admins all. Protected pupils masked. The read is audited. */
  list(actor: Actor, roundId: number, auditRead = true): WatchEntry[] {
    const round = this.deps.rounds.get(actor, roundId);
    let scope: number[] | null;
    if (hasRole(actor, 'admin', 'coordinator')) scope = null;
    else if (hasRole(actor, 'principal')) scope = actor.schoolIds.filter((id) => round.schoolIds.includes(id));
    else throw new ForbiddenError();
    const entries = this.deps.repo
      .list(roundId, scope)
      .map((e) => (e.protectedIdentity ? { ...e, personalNumber: maskedNumber(e.personalNumber), firstName: null, lastName: null } : e));
    if (auditRead) this.deps.audit.record(actor, { action: 'watchlist.read', objectType: 'round', objectId: roundId, details: { entries: entries.length } });
    return entries;
  }
}
