/**
 * The pupil's overall severity from its rule results. The order itself, raising and
 * lowering live in shared/severity.ts (one owner for every folder and for the SQL).
 */
import { severityOfRank, severityRank, type Severity } from '../../shared';
import type { RuleResult } from '../types';

export { lowerSeverity, raiseSeverity, SEVERITY_LABELS, severityRank } from '../../shared';

/**
 * The pupil's severity: the highest of its results. Modifier results already carry the
 * raised level, so the maximum includes the raise. No results: 'low' (nothing flagged).
 */
export function overallSeverity(results: readonly RuleResult[]): Severity {
  let rank = 0;
  for (let i = 0; i < results.length; i++) {
    const r = severityRank(results[i]!.severity);
    if (r > rank) rank = r;
  }
  return severityOfRank(rank);
}
