/**
 * The rules engine's entry points. Pure: facts and a rule set in, results out; the
 * service layer reads the round from the database and stores the flags.
 *
 * Per round: evaluatePupil for every pupil on a roster, evaluateVanished for every pupil
 * missing from all rosters, then applyModifiers once over all flagged pupils of the round
 * (siblings cross schools, so it needs the whole round).
 */
import type { PupilFacts, RuleId, RuleResult, RuleSet, Severity, VanishedFacts } from '../types';
import { BASE_RULES } from './base-rules';
import { condition } from './conditions';
import { renderCompiled, type Evidence } from './explain';
import { isModifier } from './default-rules';
import { compileRuleSet, type CompiledRule } from './rule-set';
import { overallSeverity, raiseSeverity } from './severity';

export { overallSeverity } from './severity';

function result(rule: CompiledRule, severity: Severity, conditions: RuleResult['conditions'], evidence: Evidence): RuleResult {
  return {
    ruleId: rule.definition.id,
    severity,
    conditions,
    evidence,
    explanation: renderCompiled(rule.template, evidence),
  };
}

/**
 * The base rules that fire for one pupil, in rule order; disabled rules are skipped.
 * Runs for every pupil of the round: a pupil no rule fires for costs a few comparisons
 * and one empty array.
 */
export function evaluatePupil(facts: PupilFacts, ruleSet: RuleSet): RuleResult[] {
  const { enabled } = compileRuleSet(ruleSet);
  const results: RuleResult[] = [];
  let notReturned = false;
  for (let i = 0; i < BASE_RULES.length; i++) {
    const base = BASE_RULES[i]!;
    const rule = enabled.get(base.id);
    if (!rule || !base.fires(facts, rule.params, notReturned)) continue;
    if (base.id === 'not-returned') notReturned = true;
    const configured = rule.definition.severity;
    results.push(
      result(
        rule,
        base.severity ? base.severity(facts, configured) : configured,
        base.conditions(facts, rule.params, notReturned),
        base.evidence(facts, rule.params),
      ),
    );
  }
  return results;
}

/**
 * True when no base rule can fire, whatever the thresholds: the pupil was present on
 * every observed day and has no watch-list, leave or roll record. Every base rule needs
 * a day without presence (not-returned, unexplained-absence, long-absence, watch-listed,
 * leave-overrun) or a roll record (left-without-destination). Lets the service skip
 * building facts for the many pupils who simply came back.
 */
export function presentEveryDayIsQuiet(
  observedDays: number,
  presentDays: number,
  records: Pick<PupilFacts, 'watchListed' | 'leaveEnded' | 'leftRoll'>,
): boolean {
  return presentDays >= observedDays && !records.watchListed && records.leaveEnded === null && records.leftRoll === null;
}

/** Every enabled base rule with its conditions, met or not: why a pupil was or was not flagged. */
export function traceRules(facts: PupilFacts, ruleSet: RuleSet): { ruleId: RuleId; fired: boolean; conditions: RuleResult['conditions'] }[] {
  const { enabled } = compileRuleSet(ruleSet);
  const trace: { ruleId: RuleId; fired: boolean; conditions: RuleResult['conditions'] }[] = [];
  let notReturned = false;
  for (const base of BASE_RULES) {
    const rule = enabled.get(base.id);
    if (!rule) continue;
    const conditions = base.conditions(facts, rule.params, notReturned);
    const fired = conditions.every((c) => c.met);
    if (fired && base.id === 'not-returned') notReturned = true;
    trace.push({ ruleId: base.id, fired, conditions });
  }
  return trace;
}

/**
 * vanished-from-roster for a pupil the caller found on a committed school's previous
 * roster and on no roster now, without a recorded transfer. Those facts are what
 * VanishedFacts means, so the conditions are met by construction; they are recorded so
 * the flag shows what was checked. Null when the rule is disabled.
 */
export function evaluateVanished(v: VanishedFacts, ruleSet: RuleSet): RuleResult | null {
  const rule = compileRuleSet(ruleSet).enabled.get('vanished-from-roster');
  if (!rule) return null;
  const conditions = [
    condition('previousSchoolCommitted', '==', true, true),
    condition('onAnyRosterNow', '==', false, false),
    condition('transferRecorded', '==', false, false),
  ];
  const evidence: Evidence = {
    previousRound: v.previousRound,
    previousClass: v.previousClass,
    wasAt: v.previousClass ? `i klass ${v.previousClass} på skolan` : 'på skolan',
  };
  return result(rule, rule.definition.severity, conditions, evidence);
}

export interface FlaggedPupil {
  /** The pupil; may be left out when the map is keyed by pupil id or facts are given. */
  pupilId?: number;
  results: RuleResult[];
  /** Absent for a pupil flagged only as vanished (no facts this round). */
  facts?: PupilFacts;
  /**
   * The latest earlier round the pupil was flagged in (null: none), for a pupil without
   * facts — one flagged only from roster changes. With facts, facts.previousRound is used.
   */
  previouslyFlaggedIn?: string | null;
}

/**
 * Adds the modifier results to pupils already flagged by a base rule, in place. Each
 * modifier raises the pupil's severity one level (low → medium → high): its result
 * carries the raised level, so overallSeverity gives the raised severity. A pupil with
 * no base result is never flagged by a modifier. `flagged` must hold the whole round's
 * flagged pupils (siblings may go to any school). Running it again gives the same result:
 * earlier modifier results are replaced.
 *
 * The map may be keyed by pupil id, or by anything else (e.g. pupil and school) when each
 * entry names its pupil (pupilId or facts.pupilId); a pupil flagged at two schools then
 * gets the modifiers on each entry.
 *
 * The siblings result counts flagged siblings only; it never names them or their school.
 */
export function applyModifiers<K>(flagged: Map<K, FlaggedPupil>, siblingsOf: (pupilId: number) => readonly number[], ruleSet: RuleSet): void {
  const { enabled } = compileRuleSet(ruleSet);
  const siblingsRule = enabled.get('siblings');
  const previousRule = enabled.get('previously-flagged');

  // Pupils flagged by a base rule, decided before any modifier is added.
  const base = new Set<number>();
  const entries: [number, FlaggedPupil][] = [];
  for (const [key, entry] of flagged) {
    if (entry.results.some((r) => isModifier(r.ruleId))) entry.results = entry.results.filter((r) => !isModifier(r.ruleId));
    if (entry.results.length === 0) continue;
    const pupilId = pupilIdOf(key, entry);
    base.add(pupilId);
    entries.push([pupilId, entry]);
  }
  if (!siblingsRule && !previousRule) return;

  for (const [pupilId, entry] of entries) {
    let severity = overallSeverity(entry.results);

    if (siblingsRule) {
      const count = countFlaggedSiblings(pupilId, siblingsOf(pupilId), base);
      if (count > 0) {
        const raised = raiseSeverity(severity);
        entry.results.push(
          result(siblingsRule, raised, [condition('flagged', '==', true, true), condition('flaggedSiblings', '>=', 1, count)], {
            flaggedSiblings: count,
            siblingsText: count === 1 ? 'Ett syskon' : `${count} syskon`,
            flaggedText: count === 1 ? 'flaggat' : 'flaggade',
            raisedFrom: severity,
            raisedTo: raised,
          }),
        );
        severity = raised;
      }
    }

    // Every flagged pupil, not only those with attendance facts: a pupil flagged before who
    // then vanishes from every roster is the one this modifier exists for.
    const previousRound = entry.facts?.previousRound ?? entry.previouslyFlaggedIn ?? null;
    if (previousRule && previousRound !== null) {
      const raised = raiseSeverity(severity);
      entry.results.push(
        result(previousRule, raised, [condition('flagged', '==', true, true), condition('flaggedInEarlierRound', '==', true, true)], {
          previousRound,
          raisedFrom: severity,
          raisedTo: raised,
        }),
      );
    }
  }
}

function pupilIdOf(key: unknown, entry: FlaggedPupil): number {
  const id = entry.pupilId ?? entry.facts?.pupilId ?? (typeof key === 'number' ? key : undefined);
  if (id === undefined) throw new TypeError('applyModifiers: an entry names no pupil (set pupilId or key the map by pupil id)');
  return id;
}

/** Distinct flagged pupils among the siblings, the pupil itself not counted. */
function countFlaggedSiblings(pupilId: number, siblings: readonly number[], flagged: ReadonlySet<number>): number {
  let count = 0;
  for (let i = 0; i < siblings.length; i++) {
    const s = siblings[i]!;
    if (s === pupilId || !flagged.has(s)) continue;
    // Two shared guardians list a sibling twice; lists are a handful long, so scan back.
    let repeat = false;
    for (let j = 0; j < i; j++) if (siblings[j] === s) repeat = true;
    if (!repeat) count++;
  }
  return count;
}
