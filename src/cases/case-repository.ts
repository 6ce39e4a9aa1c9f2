import type { Db } from '../db';
import { OPEN_STATES, type CaseOrigin, type CaseState, type Outcome } from './case-model';

import { severityOfSqlRank, severityRankSql, type PupilIdentityRow, type Severity } from '../shared';

export type { Severity };

/** A case row with what lists and pages show next to it. Identity is unmasked here: services mask. */
export interface CaseRow extends PupilIdentityRow {
  id: number;
  roundId: number;
  roundName: string;
  roundState: 'draft' | 'open' | 'closed';
  termStart: string;
  schoolId: number;
  schoolCode: string;
  schoolName: string;
  origin: CaseOrigin;
  watchListed: boolean;
  state: CaseState;
  severity: Severity;
  rules: string[];
  assignedTo: number | null;
  assigneeName: string | null;
  recheckDate: string | null;
  transferredToSchoolId: number | null;
  transferredToSchoolName: string | null;
  /** Other municipal schools whose current file for the round has the pupil (names, comma-separated), or null. */
  seenAtSchoolNames: string | null;
  locatedAt: string | null;
  outcome: Outcome | null;
  outcomeComment: string | null;
  noReferralReason: string | null;
  pendingClose: PendingClose | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface PendingClose {
  outcome: Outcome;
  /** Why the close waits (older proposals, from before issue 15, have none: the setting). */
  reason?: 'high_severity' | 'concern_outcome';
  comment: string;
  noReferralReason: string;
  requestedBy: number | null;
  requestedByLabel: string;
  requestedAt: string;
}

export interface CaseEvent {
  id: number;
  at: string;
  actorLabel: string;
  kind: string;
  fromState: string | null;
  toState: string | null;
  text: string | null;
  details: Record<string, unknown> | null;
}

export interface NewEvent {
  kind: string;
  fromState?: CaseState | null;
  toState?: CaseState | null;
  text?: string | null;
  details?: Record<string, unknown> | null;
}

export interface QueueFilter {
  roundId?: number;
  schoolId?: number;
  ruleId?: string;
  states: CaseState[];
  /** A user id, or 0 for unassigned. */
  assignedTo?: number;
  /** Re-check date on or before this day. */
  dueBy?: string;
  severity?: Severity;
  /** Principal scope: only these schools. */
  schoolIds?: number[];
}

/** What the sync reads of a round: the sources of cases. */
export interface CaseSource {
  pupilId: number;
  schoolId: number;
  origin: CaseOrigin;
  severity: Severity | null;
  rules: string[];
  watchListed: boolean;
}

const SELECT = `
  SELECT c.id, c.round_id AS roundId, r.name AS roundName, r.state AS roundState, r.term_start AS termStart,
         c.pupil_id AS pupilId, p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName,
         p.protected_identity AS protectedIdentity,
         (SELECT class_name FROM roster ro WHERE ro.round_id = c.round_id AND ro.school_id = c.school_id AND ro.pupil_id = c.pupil_id) AS className,
         c.school_id AS schoolId, s.code AS schoolCode, s.name AS schoolName, c.origin, c.watch_listed AS watchListed, c.state,
         c.severity, c.rules, c.assigned_to AS assignedTo, u.name AS assigneeName, c.recheck_date AS recheckDate,
         c.transferred_to_school_id AS transferredToSchoolId, ts.name AS transferredToSchoolName, c.located_at AS locatedAt,
         (SELECT group_concat(name, ', ') FROM (SELECT ks.name FROM case_sightings k JOIN schools ks ON ks.id = k.school_id
            WHERE k.case_id = c.id
              -- Only while the school's current file still has the pupil; the timeline keeps the history.
              AND EXISTS (SELECT 1 FROM roster kr WHERE kr.round_id = c.round_id AND kr.school_id = k.school_id AND kr.pupil_id = c.pupil_id)
            ORDER BY ks.name)) AS seenAtSchoolNames,
         c.outcome, c.outcome_comment AS outcomeComment, c.no_referral_reason AS noReferralReason, c.pending_close AS pendingClose,
         c.created_at AS createdAt, c.updated_at AS updatedAt, c.closed_at AS closedAt
    FROM cases c
    JOIN rounds r ON r.id = c.round_id
    JOIN pupils p ON p.id = c.pupil_id
    -- The name as the case's school reported it (each school owns its rows, migration 013).
    LEFT JOIN school_pupils sp ON sp.school_id = c.school_id AND sp.pupil_id = c.pupil_id
    JOIN schools s ON s.id = c.school_id
    LEFT JOIN schools ts ON ts.id = c.transferred_to_school_id
    LEFT JOIN users u ON u.id = c.assigned_to`;

/** Watch-listed first, then severity, then oldest. */
const QUEUE_ORDER = `ORDER BY c.watch_listed DESC, ${severityRankSql('c.severity')} DESC, c.created_at, c.id`;

type Raw = Omit<CaseRow, 'protectedIdentity' | 'watchListed' | 'rules' | 'pendingClose'> & {
  protectedIdentity: number;
  watchListed: number;
  rules: string;
  pendingClose: string | null;
};

const toRow = (r: Raw): CaseRow => ({
  ...r,
  protectedIdentity: r.protectedIdentity === 1,
  watchListed: r.watchListed === 1,
  rules: JSON.parse(r.rules) as string[],
  pendingClose: r.pendingClose ? (JSON.parse(r.pendingClose) as PendingClose) : null,
});

export class CaseRepository {
  // Prepared once: the sync after an upload may open thousands of cases in one go.
  private readonly insertCase;
  private readonly insertEvent;

  constructor(private readonly db: Db) {
    this.insertCase = db.prepare(
      `INSERT INTO cases (round_id, pupil_id, school_id, origin, watch_listed, severity, rules, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertEvent = db.prepare(
      'INSERT INTO case_events (case_id, at, actor_user_id, actor_label, kind, from_state, to_state, text, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  find(id: number): CaseRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Raw | undefined;
    return r && toRow(r);
  }

  findByPupil(roundId: number, pupilId: number): CaseRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE c.round_id = ? AND c.pupil_id = ?`).get(roundId, pupilId) as Raw | undefined;
    return r && toRow(r);
  }

  queue(f: QueueFilter, limit: number, offset: number): { rows: CaseRow[]; total: number } {
    // Every open state is "not closed": said that way, the open queue reads its order from
    // the partial indexes cases_queue_open / cases_queue_round (migration 022).
    const open = f.states.length === OPEN_STATES.length && OPEN_STATES.every((st) => f.states.includes(st));
    const where: string[] = [open ? "c.state <> 'closed'" : `c.state IN (${f.states.map(() => '?').join(', ') || "''"})`];
    const params: unknown[] = open ? [] : [...f.states];
    if (f.roundId !== undefined) {
      where.push('c.round_id = ?');
      params.push(f.roundId);
    }
    if (f.schoolId !== undefined) {
      where.push('c.school_id = ?');
      params.push(f.schoolId);
    }
    if (f.ruleId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(c.rules) WHERE value = ?)');
      params.push(f.ruleId);
    }
    if (f.assignedTo === 0) where.push('c.assigned_to IS NULL');
    else if (f.assignedTo !== undefined) {
      where.push('c.assigned_to = ?');
      params.push(f.assignedTo);
    }
    if (f.dueBy !== undefined) {
      where.push('c.recheck_date IS NOT NULL AND c.recheck_date <= ?');
      params.push(f.dueBy);
    }
    if (f.severity !== undefined) {
      where.push('c.severity = ?');
      params.push(f.severity);
    }
    if (f.schoolIds) where.push(`c.school_id IN (${f.schoolIds.map(Number).join(', ') || '0'})`);
    const clause = `WHERE ${where.join(' AND ')}`;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM cases c ${clause}`).get(...params) as { n: number }).n;
    // The page's ids first, sorted and cut over the cases table alone; only those 50 rows
    // then get their joins and subqueries (className, seenAtSchoolNames), not the whole round.
    const rows = (
      this.db
        .prepare(`${SELECT} WHERE c.id IN (SELECT c.id FROM cases c ${clause} ${QUEUE_ORDER} LIMIT ? OFFSET ?) ${QUEUE_ORDER}`)
        .all(...params, limit, offset) as Raw[]
    ).map(toRow);
    return { rows, total };
  }

  insert(c: {
    roundId: number;
    pupilId: number;
    schoolId: number;
    origin: CaseOrigin;
    watchListed: boolean;
    severity: Severity;
    rules: string[];
    at: string;
  }): number {
    return Number(
      this.insertCase.run(c.roundId, c.pupilId, c.schoolId, c.origin, c.watchListed ? 1 : 0, c.severity, JSON.stringify(c.rules), c.at, c.at).lastInsertRowid,
    );
  }

  /** Sets the named columns; keys are this repository's own column names, never user input. */
  update(
    id: number,
    fields: Partial<
      Record<
        | 'state'
        | 'severity'
        | 'rules'
        | 'watch_listed'
        | 'assigned_to'
        | 'recheck_date'
        | 'transferred_to_school_id'
        | 'located_at'
        | 'outcome'
        | 'outcome_comment'
        | 'no_referral_reason'
        | 'pending_close'
        | 'closed_at',
        unknown
      >
    >,
    at: string,
  ): void {
    const cols = Object.keys(fields);
    this.db.prepare(`UPDATE cases SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @at WHERE id = @id`).run({ ...fields, at, id });
  }

  addEvent(caseId: number, actor: { userId: number | null; label: string }, e: NewEvent, at: string): void {
    this.insertEvent.run(
      caseId,
      at,
      actor.userId,
      actor.label,
      e.kind,
      e.fromState ?? null,
      e.toState ?? null,
      e.text ?? null,
      e.details ? JSON.stringify(e.details) : null,
    );
  }

  events(caseId: number): CaseEvent[] {
    return (
      this.db
        .prepare(
          'SELECT id, at, actor_label AS actorLabel, kind, from_state AS fromState, to_state AS toState, text, details FROM case_events WHERE case_id = ? ORDER BY id',
        )
        .all(caseId) as (Omit<CaseEvent, 'details'> & { details: string | null })[]
    ).map((e) => ({ ...e, details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : null }));
  }

  /** Every source of a case in the round: active flags (per pupil and school), the watch list and pupils added by hand. */
  sources(roundId: number): CaseSource[] {
    const out: CaseSource[] = [];
    const flags = this.db
      .prepare(
        `SELECT pupil_id, school_id, group_concat(rule_id) AS rules,
                max(${severityRankSql('severity')}) AS rank
           FROM flags WHERE round_id = ? AND cleared_at IS NULL GROUP BY pupil_id, school_id`,
      )
      .raw()
      .all(roundId) as [number, number, string, number][];
    for (const [pupilId, schoolId, rules, rank] of flags)
      out.push({ pupilId, schoolId, origin: 'flag', severity: severityOfSqlRank(rank), rules: rules.split(','), watchListed: false });
    for (const [pupilId, schoolId] of this.db.prepare('SELECT pupil_id, school_id FROM watch_list WHERE round_id = ?').raw().all(roundId) as [
      number,
      number,
    ][]) {
      out.push({ pupilId, schoolId, origin: 'watch_list', severity: null, rules: [], watchListed: true });
    }
    for (const [pupilId, schoolId] of this.db.prepare('SELECT pupil_id, school_id FROM followups WHERE round_id = ? AND manual = 1').raw().all(roundId) as [
      number,
      number,
    ][]) {
      out.push({ pupilId, schoolId, origin: 'manual', severity: null, rules: [], watchListed: false });
    }
    return out;
  }

  roundCases(roundId: number): {
    id: number;
    pupilId: number;
    schoolId: number;
    state: CaseState;
    severity: Severity;
    rules: string[];
    watchListed: boolean;
    transferredToSchoolId: number | null;
    locatedAt: string | null;
  }[] {
    return (
      this.db
        .prepare(
          `SELECT id, pupil_id AS pupilId, school_id AS schoolId, state, severity, rules, watch_listed AS watchListed,
                  transferred_to_school_id AS transferredToSchoolId, located_at AS locatedAt FROM cases WHERE round_id = ?`,
        )
        .all(roundId) as {
        id: number;
        pupilId: number;
        schoolId: number;
        state: CaseState;
        severity: Severity;
        rules: string;
        watchListed: number;
        transferredToSchoolId: number | null;
        locatedAt: string | null;
      }[]
    ).map((r) => ({ ...r, rules: JSON.parse(r.rules) as string[], watchListed: r.watchListed === 1 }));
  }

  /**
   * Open cases whose pupil is on another school's roster in the round, where that school's
   * file has not been noted on the case yet ("finns i [skola]s fil"). Whether the other
   * school flagged the pupil too does not matter: the case's school should know either way.
   */
  newSightings(roundId: number): { caseId: number; caseSchoolId: number; schoolId: number; schoolName: string; uploadId: number; protectedIdentity: number }[] {
    return this.db
      .prepare(
        `SELECT c.id AS caseId, c.school_id AS caseSchoolId, ro.school_id AS schoolId, s.name AS schoolName, ro.upload_id AS uploadId,
                p.protected_identity AS protectedIdentity
           FROM cases c
           JOIN pupils p ON p.id = c.pupil_id
           JOIN roster ro ON ro.round_id = c.round_id AND ro.pupil_id = c.pupil_id AND ro.school_id <> c.school_id
           JOIN schools s ON s.id = ro.school_id
          WHERE c.round_id = ? AND c.state <> 'closed'
            AND NOT EXISTS (SELECT 1 FROM case_sightings k WHERE k.case_id = c.id AND k.school_id = ro.school_id)
          ORDER BY c.id, s.name`,
      )
      .all(roundId) as { caseId: number; caseSchoolId: number; schoolId: number; schoolName: string; uploadId: number; protectedIdentity: number }[];
  }

  recordSighting(caseId: number, schoolId: number, uploadId: number, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO case_sightings (case_id, school_id, upload_id, seen_at) VALUES (?, ?, ?, ?)').run(caseId, schoolId, uploadId, at);
  }

  /** The latest reasons the pupil's flags at the case's school were cleared with. */
  clearedReasons(roundId: number, pupilId: number, schoolId: number): string[] {
    return (
      this.db
        .prepare(
          'SELECT DISTINCT cleared_reason FROM flags WHERE round_id = ? AND pupil_id = ? AND school_id = ? AND cleared_at IS NOT NULL AND cleared_reason IS NOT NULL',
        )
        .raw()
        .all(roundId, pupilId, schoolId) as [string][]
    ).map(([r]) => r);
  }

  /** Whether a referral on the case has been sent (sent or acknowledged; a draft is not sent). */
  hasSentReferral(caseId: number): boolean {
    return !!this.db.prepare("SELECT 1 FROM referrals WHERE case_id = ? AND state IN ('sent', 'acknowledged') LIMIT 1").get(caseId);
  }

  /** A second coordinator's decision on a proposed close (migration 019). */
  recordCloseDecision(caseId: number, p: PendingClose, decision: 'approved' | 'refused', by: { userId: number | null; label: string }, at: string): void {
    this.db
      .prepare(
        `INSERT INTO case_close_approvals (case_id, reason, outcome, requested_by, requested_by_label, requested_at, decision, decided_by, decided_by_label, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(caseId, p.reason ?? 'high_severity', p.outcome, p.requestedBy, p.requestedByLabel, p.requestedAt, decision, by.userId, by.label, at);
  }

  /** The decisions on proposed closes of a case, oldest first. */
  closeDecisions(
    caseId: number,
  ): { reason: string; outcome: Outcome; requestedByLabel: string; decision: 'approved' | 'refused'; decidedByLabel: string; decidedAt: string }[] {
    return this.db
      .prepare(
        `SELECT reason, outcome, requested_by_label AS requestedByLabel, decision, decided_by_label AS decidedByLabel, decided_at AS decidedAt
           FROM case_close_approvals WHERE case_id = ? ORDER BY id`,
      )
      .all(caseId) as {
      reason: string;
      outcome: Outcome;
      requestedByLabel: string;
      decision: 'approved' | 'refused';
      decidedByLabel: string;
      decidedAt: string;
    }[];
  }

  /** Coordinators who can be assigned cases. */
  coordinators(): { id: number; name: string }[] {
    return this.db
      .prepare("SELECT DISTINCT u.id, u.name FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'coordinator' AND u.active = 1 ORDER BY u.name")
      .all() as { id: number; name: string }[];
  }

  /** How many pupils share a guardian with the pupil, and how many of them have an active flag in the round. */
  siblingCounts(roundId: number, pupilId: number): { siblings: number; flagged: number } {
    return this.db
      .prepare(
        `SELECT COUNT(DISTINCT o.pupil_id) AS siblings,
                COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM flags f WHERE f.round_id = ? AND f.pupil_id = o.pupil_id AND f.cleared_at IS NULL) THEN o.pupil_id END) AS flagged
           FROM school_guardians g
           JOIN school_guardians o ON o.guardian_personal_number = g.guardian_personal_number AND o.pupil_id <> g.pupil_id
          WHERE g.pupil_id = ?`,
      )
      .get(roundId, pupilId) as { siblings: number; flagged: number };
  }

  /** Siblings: pupils who share a guardian with the pupil, with their school this round if any. */
  siblings(
    roundId: number,
    pupilId: number,
  ): {
    personalNumber: string;
    firstName: string | null;
    lastName: string | null;
    protectedIdentity: boolean;
    schoolName: string | null;
    className: string | null;
  }[] {
    return (
      this.db
        .prepare(
          // A guardian links siblings whichever schools' files named them. Each sibling is shown
          // as the school they are on this round reported them (else the school that last did).
          `WITH sib AS (
             SELECT DISTINCT o.pupil_id FROM school_guardians g
               JOIN school_guardians o ON o.guardian_personal_number = g.guardian_personal_number AND o.pupil_id <> g.pupil_id
              WHERE g.pupil_id = ?)
           SELECT p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName, p.protected_identity AS protectedIdentity,
                  s.name AS schoolName, ro.class_name AS className
             FROM sib
             JOIN pupils p ON p.id = sib.pupil_id
             LEFT JOIN roster ro ON ro.pupil_id = p.id AND ro.round_id = ?
             LEFT JOIN schools s ON s.id = ro.school_id
             LEFT JOIN school_pupils sp ON sp.pupil_id = p.id AND sp.school_id = coalesce(ro.school_id,
               (SELECT x.school_id FROM school_pupils x WHERE x.pupil_id = p.id ORDER BY x.updated_at DESC LIMIT 1))`,
        )
        .all(pupilId, roundId) as {
        personalNumber: string;
        firstName: string | null;
        lastName: string | null;
        protectedIdentity: number;
        schoolName: string | null;
        className: string | null;
      }[]
    ).map((r) => ({ ...r, protectedIdentity: r.protectedIdentity === 1 }));
  }
}
