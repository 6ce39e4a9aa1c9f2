import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole } from '../shared';
import { todayInStockholm } from '../calendar';
import type { FollowUpRepository } from '../followup';
import type { FlaggedPupil, PupilAttendance, RulesService } from '../rules';
import type { SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError, ValidationError, fieldErrorsFromZod, offsetOf, paging, type Paging } from '../shared';
import {
  CASE_STATE_SV,
  CONTACT_PARTY_SV,
  LOCATED_OUTCOMES,
  OPEN_STATES,
  OUTCOME_SV,
  actionsFrom,
  checkTransition,
  type CaseAction,
  type CaseState,
  type Outcome,
} from './case-model';
import type { CaseEvent, CaseRepository, CaseRow, PendingClose, QueueFilter } from './case-repository';
import { contactSchema, noteSchema, queueFilterSchema, recheckSchema, transitionSchema } from './case-schema';
import { caseSummary, type CaseSummary } from './case-view';
import type { CaseSync } from './case-sync';
import { t } from '../i18n';

export interface CaseDetail {
  case: CaseSummary;
  flags: FlaggedPupil | null;
  followUp: ReturnType<FollowUpRepository['find']> | null;
  attempts: ReturnType<FollowUpRepository['attempts']>;
  events: CaseEvent[];
  /** The pupil's attendance over the round's window, for the attendance strip. */
  attendance: PupilAttendance;
  actions: CaseAction[];
  canWork: boolean;
  canApprove: boolean;
}

export interface QueuePage extends Paging {
  cases: CaseSummary[];
  filter: Record<string, unknown>;
}

/** What a referral may say about siblings: who they are (coordinator) or only how many (everyone else). */
export type SiblingInfo = { detail: 'full'; siblings: ReturnType<CaseRepository['siblings']> } | { detail: 'count'; siblings: number; flagged: number };

/**
 * Cases: one per pupil and round, raised by flags, the watch list or a pupil added by
 * hand. Every change goes through the transition table (case-model.ts) and lands on the
 * case's timeline; every read is audited. Scope: coordinators and admins see all cases,
 * a principal their own schools' cases, social services none (they see referrals).
 */
export class CaseService {
  constructor(
    private readonly deps: {
      repo: CaseRepository;
      sync: CaseSync;
      rules: RulesService;
      followUps: FollowUpRepository;
      schools: SchoolRepository;
      audit: AuditService;
      clock: Clock;
      setting: { secondApproval: () => boolean };
    },
  ) {}

  /**
   * Brings the round's cases in line with its flags (CaseSync.sync). Outside an
   * evaluation only: the notices it would send are RoundEvaluation's to send.
   */
  syncRound(actor: Actor, roundId: number): { created: number; changed: number; seenElsewhere: number } {
    return this.deps.sync.sync(actor, roundId).result;
  }

  /** The coordinator's review queue: open cases by default, watch-listed first, then severity, then age. */
  queue(actor: Actor, query: unknown): QueuePage {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const parsed = queueFilterSchema.safeParse(query ?? {});
    if (!parsed.success)
      throw new ValidationError(
        fieldErrorsFromZod(parsed.error.issues).map((e) => ({ ...e, message: t('cases.errors.filtretOgiltigtVarde', { field: e.field }) })),
      );
    const q = parsed.data;
    const filter: QueueFilter = { states: q.state === 'open' ? [...OPEN_STATES] : q.state === 'all' ? [...OPEN_STATES, 'closed'] : [q.state] };
    if (q.round) filter.roundId = q.round;
    if (q.school) filter.schoolId = this.deps.schools.findByCode(q.school)?.id ?? -1;
    if (q.rule) filter.ruleId = q.rule;
    if (q.assignee === 'me') filter.assignedTo = actor.userId ?? -1;
    else if (q.assignee === 'none') filter.assignedTo = 0;
    else if (q.assignee) filter.assignedTo = Number(q.assignee);
    if (q.due) filter.dueBy = todayInStockholm(this.deps.clock);
    const { rows, total } = this.deps.repo.queue(filter, q.limit, offsetOf(q.page, q.limit));
    this.deps.audit.record(actor, { action: 'case.queue', objectType: 'case', details: { filter: q, shown: rows.length, total } });
    return { cases: rows.map((r) => caseSummary(r)), ...paging(total, q.page, q.limit), filter: q };
  }

  /**
   * The coordinator's start page: open cases whose re-check date has come, and new
   * high-severity cases nobody has started on. The first few of each, with the totals.
   */
  startLists(actor: Actor, shown = 10): { due: { cases: CaseSummary[]; total: number }; newHigh: { cases: CaseSummary[]; total: number } } {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const due = this.deps.repo.queue({ states: [...OPEN_STATES], dueBy: todayInStockholm(this.deps.clock) }, shown, 0);
    const newHigh = this.deps.repo.queue({ states: ['new'], severity: 'high' }, shown, 0);
    this.deps.audit.record(actor, { action: 'case.queue', objectType: 'case', details: { start: true, due: due.total, newHigh: newHigh.total } });
    return {
      due: { cases: due.rows.map((r) => caseSummary(r)), total: due.total },
      newHigh: { cases: newHigh.rows.map((r) => caseSummary(r)), total: newHigh.total },
    };
  }

  coordinators(actor: Actor): { id: number; name: string }[] {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    return this.deps.repo.coordinators();
  }

  /** A case with everything the case page shows. The read is audited; `reveal` is a coordinator's audited identity reveal. */
  get(actor: Actor, id: number, reveal = false): CaseDetail {
    const row = this.scoped(actor, id);
    if (reveal) {
      if (!hasRole(actor, 'coordinator')) {
        // A refused reveal is worth knowing about as much as a granted one.
        this.deps.audit.record(actor, { action: 'case.reveal_identity', objectType: 'case', objectId: id, outcome: 'denied', details: { pupil: row.pupilId } });
        throw new ForbiddenError(t('cases.errors.baraSamordnareVisaSkyddade'));
      }
      this.deps.audit.record(actor, { action: 'case.reveal_identity', objectType: 'case', objectId: id, details: { pupil: row.pupilId } });
    }
    this.deps.audit.record(actor, { action: 'case.read', objectType: 'case', objectId: id });
    const canWork = hasRole(actor, 'coordinator');
    return {
      case: caseSummary(row, reveal && row.protectedIdentity),
      flags: this.deps.rules.flagsFor(actor, row.roundId, row.schoolCode, row.pupilId),
      followUp: withoutProtectedSchool(this.deps.followUps.find(row.roundId, row.schoolId, row.pupilId) ?? null, row.protectedIdentity && !reveal),
      attempts: this.deps.followUps.attempts(row.roundId, row.schoolId, row.pupilId),
      events: this.deps.repo.events(id),
      attendance: this.deps.rules.attendanceFor(actor, row.roundId, row.schoolCode, row.pupilId),
      actions: actionsFrom(row.state, actor.roles).filter((a) => a !== 'refer' && a !== 'acknowledge' && !(a === 'close' && row.pendingClose)),
      canWork,
      canApprove: canWork && !!row.pendingClose && row.pendingClose.requestedBy !== actor.userId,
    };
  }

  addNote(actor: Actor, id: number, input: unknown): void {
    const row = this.workable(actor, id);
    const parsed = noteSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    this.change(actor, row, { kind: 'note', text: parsed.data.text }, {});
  }

  /** A contact with a guardian, the pupil or an authority (Skatteverket, police, …), with date and result. */
  addContact(actor: Actor, id: number, input: unknown): void {
    const row = this.workable(actor, id);
    const parsed = contactSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const { party, date, result } = parsed.data;
    this.change(actor, row, { kind: 'contact', text: result, details: { party, partyName: CONTACT_PARTY_SV[party], date } }, {});
  }

  /** A re-check date on any open case (empty clears it). */
  setRecheck(actor: Actor, id: number, input: unknown): void {
    const row = this.workable(actor, id);
    const parsed = recheckSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    this.change(
      actor,
      row,
      {
        kind: 'recheck',
        text: parsed.data.date ? t('cases.events.uppfoljning', { date: parsed.data.date }) : t('cases.events.uppfoljningsdatumBorttaget'),
        details: { date: parsed.data.date },
      },
      { recheck_date: parsed.data.date },
    );
  }

  /** Assigns cases to a coordinator (null: unassigns). All or none: one bad id changes nothing. */
  assign(actor: Actor, ids: number[], userId: number | null): number {
    if (!hasRole(actor, 'coordinator')) throw new ForbiddenError();
    if (!ids.length) throw new ValidationError([{ field: 'ids', message: t('cases.errors.valjMinstArende') }]);
    const assignee = userId === null ? null : this.deps.repo.coordinators().find((c) => c.id === userId);
    if (userId !== null && !assignee) throw new ValidationError([{ field: 'assignee', message: t('cases.errors.valjSamordnare') }]);
    return this.deps.repo.transaction(() => {
      const rows = ids.map((id) => this.workable(actor, id));
      for (const row of rows) {
        if (row.assignedTo === userId) continue;
        this.change(
          actor,
          row,
          { kind: 'assigned', text: assignee ? `Tilldelat ${assignee.name}` : 'Tilldelning borttagen', details: { userId } },
          { assigned_to: userId },
        );
      }
      return rows.length;
    });
  }

  /**
   * Takes an action from the transition table. Closing a high-severity case that was
   * never referred needs a reason and, when the setting asks, a second coordinator.
   */
  transition(actor: Actor, id: number, input: unknown): { state: CaseState; pending: boolean } {
    const row = this.scoped(actor, id);
    const parsed = transitionSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const { action, outcome, comment, noReferralReason } = parsed.data;
    if (action === 'refer' || action === 'acknowledge') {
      throw new ValidationError([
        {
          field: 'action',
          message: action === 'refer' ? t('cases.errors.gorOrosanmalanFormularetFor') : t('cases.errors.socialtjanstenBekraftarMottagandetSin'),
        },
      ]);
    }
    if (row.pendingClose) throw new ValidationError([{ field: 'action', message: t('cases.errors.beslutOmAvslutaVantar') }]);
    const check = checkTransition(row.state, action, {
      roles: actor.roles,
      severity: row.severity,
      outcome,
      comment,
      noReferralReason,
      referralSent: action === 'close' && this.deps.repo.hasSentReferral(row.id),
      secondApprovalSetting: this.deps.setting.secondApproval(),
    });
    if (!check.ok) throw new ValidationError(check.errors);
    if (action === 'close') {
      const o = outcome as Outcome;
      const reason = typeof noReferralReason === 'string' && noReferralReason.trim() ? noReferralReason.trim() : null;
      const text = String(comment).trim();
      if (check.approval) {
        const pending: PendingClose = {
          outcome: o,
          reason: check.approval,
          comment: text,
          noReferralReason: reason ?? '',
          requestedBy: actor.userId,
          requestedByLabel: actor.label,
          requestedAt: this.deps.clock().toISOString(),
        };
        this.change(
          actor,
          row,
          {
            kind: 'approval_requested',
            // Without a reason (a medium case, a concern outcome) the timeline says nothing about one, never "null".
            text: reason
              ? t('cases.events.foreslasAvslutasSkalOrosanmala', { outcome: OUTCOME_SV[o], text, reason })
              : t('guard.proposedClose', { outcome: OUTCOME_SV[o], text }),
            details: { outcome: o, reason: check.approval },
          },
          { pending_close: JSON.stringify(pending) },
        );
        return { state: row.state, pending: true };
      }
      this.close(actor, row, o, text, reason);
      return { state: 'closed', pending: false };
    }
    this.change(actor, row, { kind: 'transition', fromState: row.state, toState: check.to, text: CASE_STATE_SV[check.to] }, { state: check.to });
    return { state: check.to, pending: false };
  }

  /** A second coordinator approves (closes) or refuses a pending close. */
  decidePending(actor: Actor, id: number, approve: boolean, comment: unknown): void {
    const row = this.workable(actor, id);
    const p = row.pendingClose;
    if (!p) throw new ValidationError([{ field: 'action', message: t('cases.errors.ingetBeslutVantarPa') }]);
    if (p.requestedBy === actor.userId) throw new ValidationError([{ field: 'action', message: t('cases.errors.annanSamordnareAnForeslog') }]);
    const note = typeof comment === 'string' ? comment.trim() : '';
    const at = this.deps.clock().toISOString();
    const details = { requestedBy: p.requestedByLabel, reason: p.reason ?? 'high_severity', outcome: p.outcome };
    if (approve) {
      this.deps.repo.transaction(() => {
        this.deps.repo.recordCloseDecision(row.id, p, 'approved', actor, at);
        this.change(actor, row, { kind: 'approval_given', text: note || null, details }, { pending_close: null });
        this.close(actor, { ...row, pendingClose: null }, p.outcome, p.comment, p.noReferralReason || null);
      });
      return;
    }
    if (note.length < 3) throw new ValidationError([{ field: 'comment', message: t('cases.errors.skrivVarforBeslutetGodkanns') }]);
    this.deps.repo.transaction(() => {
      this.deps.repo.recordCloseDecision(row.id, p, 'refused', actor, at);
      this.change(actor, row, { kind: 'approval_refused', text: note, details }, { pending_close: null });
    });
  }

  /** The JSON API's one entry for changes: a note, a contact, a transition, a re-check date or an assignment. */
  applyEvent(actor: Actor, id: number, body: unknown): { state: CaseState; pending?: boolean } {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (b.type) {
      case 'note':
        this.addNote(actor, id, b);
        break;
      case 'contact':
        this.addContact(actor, id, b);
        break;
      case 'recheck':
        this.setRecheck(actor, id, b);
        break;
      case 'assign':
        this.assign(actor, [id], b.userId === null ? null : Number(b.userId));
        break;
      case 'transition':
        return this.transition(actor, id, { ...b, action: b.action });
      default:
        throw new ValidationError([{ field: 'type', message: t('cases.errors.angeTypeNoteContact') }]);
    }
    return { state: this.deps.repo.find(id)!.state };
  }

  /** The case of a pupil in a round (from the watch list), scoped like the case page. */
  idFor(actor: Actor, roundId: number, pupilId: number): number {
    const row = this.deps.repo.findByPupil(roundId, pupilId);
    if (!row) throw new NotFoundError(t('cases.errors.arendetNotFound'));
    return this.scoped(actor, row.id).id;
  }

  /** For the referral service: the case, if the actor may file a referral from it. */
  referable(actor: Actor, id: number): CaseRow {
    const row = this.scoped(actor, id);
    if (!hasRole(actor, 'coordinator', 'principal')) throw new ForbiddenError();
    if (row.state !== 'new' && row.state !== 'investigating') {
      throw new ValidationError([{ field: 'referral', message: t('cases.errors.arendetArSaNy', { state: CASE_STATE_SV[row.state] }) }]);
    }
    return row;
  }

  /** A referral was sent: new → investigating → referred, each on the timeline. */
  recordReferred(actor: Actor, row: CaseRow, referralId: number, unitName: string): void {
    let state = row.state;
    if (state === 'new') {
      const start = checkTransition('new', 'start', { roles: ['coordinator'], severity: row.severity });
      if (!start.ok) throw new ValidationError(start.errors);
      this.change(
        actor,
        row,
        { kind: 'transition', fromState: 'new', toState: 'investigating', text: CASE_STATE_SV.investigating },
        { state: 'investigating' },
      );
      state = 'investigating';
    }
    const check = checkTransition(state, 'refer', { roles: actor.roles, severity: row.severity, referralSent: true });
    if (!check.ok) throw new ValidationError(check.errors);
    this.change(
      actor,
      row,
      {
        kind: 'transition',
        fromState: state,
        toState: 'referred',
        text: t('cases.events.orosanmalanSkickad', { unitName }),
        details: { referral: referralId },
      },
      { state: 'referred', pending_close: null },
    );
  }

  /** Social services confirmed receipt: referred → acknowledged. The actor is the social services user. */
  recordAcknowledged(actor: Actor, caseId: number, referralId: number, reference: string): void {
    const row = this.deps.repo.find(caseId);
    if (!row) throw new NotFoundError();
    const check = checkTransition(row.state, 'acknowledge', { roles: actor.roles, severity: row.severity, reference });
    if (!check.ok) throw new ValidationError(check.errors);
    this.change(
      actor,
      row,
      {
        kind: 'transition',
        fromState: row.state,
        toState: 'acknowledged',
        text: t('cases.events.socialtjanstenBekraftadeMottagandetDiarienummer', { reference }),
        details: { referral: referralId },
      },
      { state: 'acknowledged' },
    );
  }

  /** For the referral service: a case row without scope checks (after it has checked its own scope). */
  row(id: number): CaseRow {
    const row = this.deps.repo.find(id);
    if (!row) throw new NotFoundError();
    return row;
  }

  /**
   * A pupil's siblings (pupils sharing a guardian) for a referral. Only a coordinator
   * learns who they are and where; anyone else (a principal) only how many there are
   * and how many are flagged — a principal controls the guardian column of their own
   * upload, so names here would be a lookup of any guardian's children at any school.
   */
  siblings(actor: Actor, roundId: number, pupilId: number): SiblingInfo {
    if (hasRole(actor, 'coordinator')) return { detail: 'full', siblings: this.deps.repo.siblings(roundId, pupilId) };
    return { detail: 'count', ...this.siblingCounts(roundId, pupilId) };
  }

  /** Only how many siblings there are and how many are flagged: safe for any role that sees the case. */
  siblingCounts(roundId: number, pupilId: number): { siblings: number; flagged: number } {
    return this.deps.repo.siblingCounts(roundId, pupilId);
  }

  events(id: number): CaseEvent[] {
    return this.deps.repo.events(id);
  }

  private close(actor: Actor, row: CaseRow, outcome: Outcome, comment: string, reason: string | null): void {
    const at = this.deps.clock().toISOString();
    this.change(
      actor,
      row,
      {
        kind: 'transition',
        fromState: row.state,
        toState: 'closed',
        text: t('cases.events.closed', { outcome: OUTCOME_SV[outcome], comment, reason: reason ? t('cases.events.closedNoReferralReason', { reason }) : '' }),
        details: { outcome },
      },
      {
        state: 'closed',
        outcome,
        outcome_comment: comment,
        no_referral_reason: reason,
        closed_at: at,
        recheck_date: null,
        located_at: row.locatedAt ?? (LOCATED_OUTCOMES.includes(outcome) ? at : null),
      },
    );
  }

  /** One change: the row and its timeline event together, and the audit entry. */
  private change(actor: Actor, row: CaseRow, event: Parameters<CaseRepository['addEvent']>[2], fields: Parameters<CaseRepository['update']>[1]): void {
    const at = this.deps.clock().toISOString();
    this.deps.repo.transaction(() => {
      if (Object.keys(fields).length) this.deps.repo.update(row.id, fields, at);
      this.deps.repo.addEvent(row.id, actor, event, at);
    });
    this.deps.audit.record(actor, {
      action: `case.${event.kind}`,
      objectType: 'case',
      objectId: row.id,
      // A second coordinator's decision names who proposed and why (staff, outcome; no pupil data).
      details: event.toState ? { from: event.fromState, to: event.toState } : event.kind.startsWith('approval_') ? (event.details ?? undefined) : undefined,
    });
  }

  /** Scope: coordinators and admins all cases, principals their schools', others none. Outside scope is not found. */
  private scoped(actor: Actor, id: number): CaseRow {
    const row = this.deps.repo.find(id);
    const allowed = row && (hasRole(actor, 'admin', 'coordinator') || (hasRole(actor, 'principal') && actor.schoolIds.includes(row.schoolId)));
    if (!row || !allowed) {
      if (row) this.deps.audit.record(actor, { action: 'access.denied', objectType: 'case', objectId: id, outcome: 'denied' });
      throw new NotFoundError(t('cases.errors.arendetNotFound'));
    }
    return row;
  }

  /** Coordinator work on an open case. */
  private workable(actor: Actor, id: number): CaseRow {
    const row = this.scoped(actor, id);
    if (!hasRole(actor, 'coordinator')) throw new ForbiddenError(t('cases.errors.baraSamordnareArbetarArenden'));
    if (row.state === 'closed') throw new ValidationError([{ field: 'action', message: t('cases.errors.arendetArAvslutatAndras') }]);
    return row;
  }
}

/** Where a protected pupil now studies is as protected as who they are: hidden until the identity is revealed. */
function withoutProtectedSchool<F extends { receivingSchool: string | null }>(f: F | null, hide: boolean): F | null {
  return f && hide && f.receivingSchool ? { ...f, receivingSchool: t('caseFollowUp.receivingSchoolHidden') } : f;
}
