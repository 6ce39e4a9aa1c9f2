/**
 * A header rule written for people (README.md and docs/import.md list every rule this
 * way; a test checks they do): words that must be there, one of each group, joined by
 * "+", and words that may be there in brackets, e.g.
 * "(vårdnadshavare | vh | förälder | guardian | parent) + 2 [personnummer | pnr | …]".
 */
import { FIELD_LABELS } from './fields';
import type { HeaderRule } from './header-rules';

function group(words: readonly string[]): string {
  return words.length === 1 ? words[0]! : `(${words.join(' | ')})`;
}

export function describeRule(rule: HeaderRule): string {
  const need = rule.need.map(group).join(' + ');
  const may = (rule.may ?? []).map((g) => `[${g.join(' | ')}]`).join(' ');
  return may ? `${need} ${may}` : need;
}

/** One Markdown table row per rule: field label, code, the rule. */
export function describeRules(rules: readonly HeaderRule[]): string {
  return rules.map((r) => `| ${FIELD_LABELS[r.field]} | \`${r.field}\` | ${describeRule(r).replace(/\|/g, '\\|')} |`).join('\n');
}
