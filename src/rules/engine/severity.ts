/**
 * Severity levels in order. A flag only puts a pupil up for human review: severity
 * orders the review queue, it is not a risk score.
 */
import type { RuleResult, Severity } from '../types';

const ORDER: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };
const BY_RANK: readonly Severity[] = ['low', 'medium', 'high'];

export function severityRank(severity: Severity): number {
  return ORDER[severity];
}

/** One level up, stopping at high (the modifiers siblings and previously-flagged). */
export function raiseSeverity(severity: Severity): Severity {
  return BY_RANK[Math.min(ORDER[severity] + 1, 2)]!;
}

/** One level down, stopping at low (not-returned when all absence is valid). */
export function lowerSeverity(severity: Severity): Severity {
  return BY_RANK[Math.max(ORDER[severity] - 1, 0)]!;
}

/**
 * The pupil's severity: the highest of its results. Modifier results already carry the
 * raised level, so the maximum includes the raise. No results: 'low' (nothing flagged).
 */
export function overallSeverity(results: readonly RuleResult[]): Severity {
  let rank = 0;
  for (let i = 0; i < results.length; i++) {
    const r = ORDER[results[i]!.severity];
    if (r > rank) rank = r;
  }
  return BY_RANK[rank]!;
}

/** Swedish names for the admin page and lists. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: 'låg', medium: 'medel', high: 'hög' };
