import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole, systemActor } from '../shared';
import type { RoundService } from '../rounds';
import type { School, SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { ForbiddenError, ValidationError, fieldErrorsFromZod, offsetOf, paging } from '../shared';
import { validateRuleSet } from './engine/parameters';
import { defaultRule } from './engine/default-rules';
import { t } from '../i18n';
import { windowDays, type PupilAttendance } from './attendance-window';
import { todayInStockholm } from '../calendar';
import type { FlagListRow, RulesRepository } from './rules-repository';
import { flagQuerySchema, type FlagPage } from './flag-page';
import { RULE_IDS, type RuleDefinition, type RuleId, type RuleSet, type Severity } from './types';
import { compareSeverity, maskedNumber } from '../shared';
import { pupilKey as key, schoolOfKey as schoolOf, type EvaluationSummary, type FlagEvaluator, type PupilKey } from './flag-evaluator';

/** A pupil's flags at one school, as pages, the API and the CLI show them. */
export interface FlaggedPupil {
  pupil: { id: number; personalNumber: string; name: string | null; protected: boolean; className: string | null };
  school: { code: string; name: string };
  severity: Severity;
  rules: { id: string; severity: Severity; explanation: string; evidence: Record<string, unknown>; ruleSetVersion: number; since: string }[];
}

/** A round's whole evaluation (flags, cases, confirmations, notices): RoundEvaluation in src/app-services. */
export interface EvaluatesRounds {
  evaluateRound(actor: Actor, roundId: number): EvaluationSummary;
}

/**
 * The rules admin (rule-set versions, changes, dry runs) and the reads of a round's
 * flags. Computing and storing flags is the FlagEvaluator's; re-evaluating a round after
 * a change is RoundEvaluation's (src/app-services/round-evaluation.ts), called here when
 * a rule set is saved and when a read finds the round's evaluation pending.
 */
export class RulesService {
  private readonly repo: RulesRepository;
  private readonly rounds: RoundService;
  private readonly schools: SchoolRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  private readonly flags: FlagEvaluator;
  private readonly evaluation: EvaluatesRounds;
  private readonly evaluatingElsewhere: (roundId: number) => boolean;

  constructor(deps: {
    repo: RulesRepository;
    rounds: RoundService;
    schools: SchoolRepository;
    audit: AuditService;
    clock: Clock;
    flags: FlagEvaluator;
    evaluation: EvaluatesRounds;
    /** True while an import worker of this server commits and evaluates the round (ImportService.importing). */
    evaluatingElsewhere?: (roundId: number) => boolean;
  }) {
    this.repo = deps.repo;
    this.rounds = deps.rounds;
    this.schools = deps.schools;
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.flags = deps.flags;
    this.evaluation = deps.evaluation;
    this.evaluatingElsewhere = deps.evaluatingElsewhere ?? (() => false);
  }

  /** The rule set in force; version 1 is the defaults, stored on first use. */
  ruleSet(): RuleSet {
    return this.flags.ruleSet();
  }

  versions(actor: Actor) {
    this.requireAdmin(actor);
    return this.repo.ruleSetVersions();
  }

  /** Saves the admin's changes as a new rule-set version and re-evaluates open rounds. */
  saveRuleSet(actor: Actor, rules: unknown, note: string | null): RuleSet {
    this.requireAdmin(actor);
    const checked = validateRuleSet(rules);
    if (!checked.ok) throw new ValidationError(checked.errors);
    const version = this.repo.insertRuleSet(checked.rules, this.clock().toISOString(), actor.userId, note);
    this.audit.record(actor, { action: 'rules.save', objectType: 'rule_set', objectId: version });
    for (const round of this.rounds.list(actor)) if (round.state !== 'closed') this.evaluation.evaluateRound(actor, round.id);
    return { version, rules: checked.rules };
  }

  /** Per school: pupils flagged now and under the proposed rules, without saving anything. */
  dryRun(actor: Actor, roundId: number, rules: unknown): { school: School; now: number; proposed: number }[] {
    this.requireAdmin(actor);
    const checked = validateRuleSet(rules);
    if (!checked.ok) throw new ValidationError(checked.errors);
    const round = this.rounds.get(actor, roundId);
    const now = countBySchool(this.repo.activeFlags(roundId).map((f) => key(f.pupilId, f.schoolId)));
    const proposed = countBySchool([...this.flags.compute(round, { version: 0, rules: checked.rules }).keys()]);
    return this.schools.listByIds(round.schoolIds).map((school) => ({ school, now: now.get(school.id) ?? 0, proposed: proposed.get(school.id) ?? 0 }));
  }

  /** True while an upload of the round is stored but its flags and cases are not yet recomputed. */
  isEvaluationPending(roundId: number): boolean {
    return this.repo.isEvaluationPending(roundId);
  }

  /** Rule id → its Swedish title in the rule set in force (pages and statistics label rules with it). */
  ruleTitles(): Record<string, string> {
    const rules = this.ruleSet().rules;
    // Every rule id has a title, also one missing from an older stored rule set.
    return Object.fromEntries(RULE_IDS.map((id) => [id, rules.find((r) => r.id === id)?.title ?? defaultRule(id).title]));
  }

  /** A lookup of rule titles for a page: never the id, also for a flag of a rule that no longer exists. */
  ruleTitle(): (id: string) => string {
    const titles = this.ruleTitles();
    return (id) => titles[id] ?? t('evidence.unknownRuleTitle');
  }

  /**
   * Flags not yet computed for the latest upload are never shown as the round's flags:
   * they are computed first (normally start-up already did; this is for a mark another
   * process left, or an evaluation that failed, which then fails this read too). Not
   * while this server's import worker is evaluating it (issue 19): the read would wait
   * for the worker's write lock on the request thread and then do its work twice; the
   * flags shown are the last computed ones until the worker is done (confirming waits).
   * The school's page in a round (StartPages) calls it before it counts.
   */
  ensureEvaluated(roundId: number): void {
    if (this.repo.isEvaluationPending(roundId) && !this.evaluatingElsewhere(roundId)) {
      this.evaluation.evaluateRound(systemActor('evaluation-pending'), roundId);
    }
  }

  /** Every flagged pupil of the round (the CLI's list), scoped to the actor's schools; protected pupils masked. The read is audited. */
  listFlags(actor: Actor, roundId: number): FlaggedPupil[] {
    const { scope } = this.readScope(actor, roundId);
    const list = [...this.grouped(this.repo.listFlags(roundId, scope)).values()].sort(
      (a, b) => compareSeverity(b.severity, a.severity) || a.school.name.localeCompare(b.school.name, 'sv'),
    );
    this.audit.record(actor, { action: 'flags.read', objectType: 'round', objectId: roundId, details: { pupils: list.length, scope: scope ?? 'all' } });
    return list;
  }

  /**
   * One page of the round's flagged pupils (the round page and GET /api/v1/rounds/{id}/flags):
   * worst first, filtered by school code and severity, counted and cut in SQL.
   */
  flagPage(actor: Actor, roundId: number, query: unknown): FlagPage {
    return this.page(actor, roundId, query, false);
  }

  /**
   * The re-check list, a page at a time: every flagged pupil of the round whose school has
   * not located them. Admins and coordinators, from the round's re-check date (and before, as a preview).
   */
  recheck(actor: Actor, roundId: number, query: unknown = {}): FlagPage {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    return this.page(actor, roundId, query, true);
  }

  /** One pupil's flags at one school (the follow-up page): only that pupil's read is audited. */
  flagsFor(actor: Actor, roundId: number, schoolCode: string, pupilId: number): FlaggedPupil | null {
    const { scope } = this.readScope(actor, roundId);
    const found = [...this.grouped(this.repo.listFlags(roundId, scope, [pupilId])).values()].find((f) => f.school.code === schoolCode) ?? null;
    this.audit.record(actor, { action: 'flags.read', objectType: 'pupil', objectId: pupilId, details: { round: roundId } });
    return found;
  }

  /**
   * One pupil's attendance at one school over the round's window, for the case page's
   * attendance strip: day by day from a daily or matrix file, or the counts of a summary
   * file. Scoped like the flags; the case page's read is the audited one.
   */
  attendanceFor(actor: Actor, roundId: number, schoolCode: string, pupilId: number): PupilAttendance {
    const round = this.rounds.get(actor, roundId);
    const school = this.schools.findByCode(schoolCode);
    const inScope = school && (hasRole(actor, 'admin', 'coordinator') || (hasRole(actor, 'principal') && actor.schoolIds.includes(school.id)));
    if (!school || !inScope) throw new ForbiddenError();
    const stored = this.repo.pupilAttendance(roundId, school.id, pupilId);
    const termStart = round.termStart;
    if (!stored) return { termStart, shape: 'none' };
    const today = todayInStockholm(this.clock);
    const window = this.rounds.windowDates(round);
    const observedDays = window.filter((d) => d <= today).length;
    if (stored.minutes) return { termStart, shape: 'minutes', observedDays, minutes: stored.minutes };
    if (stored.summary) return { termStart, shape: 'summary', observedDays, summary: stored.summary };
    return { termStart, shape: 'days', days: windowDays(window, today, stored.days) };
  }

  private page(actor: Actor, roundId: number, query: unknown, notLocated: boolean): FlagPage {
    const parsed = flagQuerySchema.safeParse(query ?? {});
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const q = parsed.data;
    const { scope } = this.readScope(actor, roundId);
    const schoolId = q.school === undefined ? undefined : (this.schools.findByCode(q.school)?.id ?? -1);
    const { keys, total } = this.repo.flaggedPage(roundId, { scope, schoolId, severity: q.severity, notLocated }, q.limit, offsetOf(q.page, q.limit));
    const byKey = keys.length ? this.grouped(this.repo.listFlags(roundId, scope, [...new Set(keys.map((k) => k.pupilId))])) : new Map<PupilKey, FlaggedPupil>();
    const flagged = keys.map((k) => byKey.get(key(k.pupilId, k.schoolId))).filter((f): f is FlaggedPupil => f !== undefined);
    this.audit.record(actor, {
      action: 'flags.read',
      objectType: 'round',
      objectId: roundId,
      details: { pupils: flagged.length, total, page: q.page, scope: scope ?? 'all', ...(notLocated ? { list: 'recheck' } : {}) },
    });
    return { flagged, filter: q, ...paging(total, q.page, q.limit) };
  }

  /** The round (evaluated if an upload left it pending) and the schools the actor may read flags of (null: all). */
  private readScope(actor: Actor, roundId: number): { scope: number[] | null } {
    const round = this.rounds.get(actor, roundId);
    this.ensureEvaluated(roundId);
    if (hasRole(actor, 'admin', 'coordinator')) return { scope: null };
    if (hasRole(actor, 'principal')) return { scope: actor.schoolIds.filter((id) => round.schoolIds.includes(id)) };
    throw new ForbiddenError();
  }

  /** Flag rows as one entry per pupil and school, masked, rules in rule-set order, in the rows' order. */
  private grouped(rows: FlagListRow[]): Map<PupilKey, FlaggedPupil> {
    const byPupil = new Map<PupilKey, FlaggedPupil>();
    for (const f of rows) {
      const k = key(f.pupilId, f.schoolId);
      let entry = byPupil.get(k);
      if (!entry) {
        entry = {
          pupil: {
            id: f.pupilId,
            personalNumber: f.protectedIdentity ? maskedNumber(f.personalNumber) : f.personalNumber,
            name: f.protectedIdentity ? null : [f.firstName, f.lastName].filter(Boolean).join(' ') || null,
            protected: f.protectedIdentity,
            className: f.className,
          },
          school: { code: f.schoolCode, name: f.schoolName },
          severity: f.severity,
          rules: [],
        };
        byPupil.set(k, entry);
      }
      const parsed = JSON.parse(f.evidence) as { evidence: Record<string, unknown> };
      entry.rules.push({
        id: f.ruleId,
        severity: f.severity,
        explanation: f.explanation,
        evidence: parsed.evidence,
        ruleSetVersion: f.ruleSetVersion,
        since: f.firstFlaggedAt,
      });
      if (compareSeverity(f.severity, entry.severity) > 0) entry.severity = f.severity;
    }
    // Rules in the order of the rule set: what happened first, then what raises it.
    for (const e of byPupil.values()) e.rules.sort((a, b) => RULE_IDS.indexOf(a.id as RuleId) - RULE_IDS.indexOf(b.id as RuleId));
    return byPupil;
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}

function countBySchool(keys: Iterable<PupilKey>): Map<number, number> {
  const pupils = new Set(keys);
  const out = new Map<number, number>();
  for (const k of pupils) {
    const schoolId = schoolOf(k);
    out.set(schoolId, (out.get(schoolId) ?? 0) + 1);
  }
  return out;
}

export type { RuleDefinition };
