/**
 * A rule set prepared for evaluation: enabled rules by id, parameters with defaults
 * filled in, templates compiled. Done once per rule set version and cached by object
 * identity — a stored rule set is never changed, a save makes a new version.
 */
import type { RuleDefinition, RuleId, RuleSet } from '../types';
import { defaultRule } from './default-rules';
import { compileTemplate, type CompiledTemplate } from './explain';
import { RULE_PARAMETERS } from './parameters';

export interface CompiledRule {
  readonly definition: RuleDefinition;
  readonly params: Readonly<Record<string, number>>;
  readonly template: CompiledTemplate;
}

export interface CompiledRuleSet {
  readonly version: number;
  /** Enabled rules only; a rule missing from the set counts as disabled. */
  readonly enabled: ReadonlyMap<RuleId, CompiledRule>;
}

const cache = new WeakMap<RuleSet, CompiledRuleSet>();

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const cached = cache.get(ruleSet);
  if (cached) return cached;
  const enabled = new Map<RuleId, CompiledRule>();
  for (const definition of ruleSet.rules) {
    if (!definition.enabled || enabled.has(definition.id)) continue;
    enabled.set(definition.id, {
      definition,
      params: resolveParams(definition),
      template: compileTemplate(definition.template),
    });
  }
  const compiled: CompiledRuleSet = { version: ruleSet.version, enabled };
  cache.set(ruleSet, compiled);
  return compiled;
}

/**
 * The rule's parameters, with the shipped default for any that is missing or not a
 * number, so an older stored rule set still evaluates after a parameter is added.
 */
function resolveParams(definition: RuleDefinition): Record<string, number> {
  const params: Record<string, number> = {};
  const defaults = defaultRule(definition.id).params;
  for (const { name } of RULE_PARAMETERS[definition.id]) {
    const value = definition.params?.[name];
    params[name] = typeof value === 'number' && Number.isFinite(value) ? value : defaults[name]!;
  }
  return params;
}
