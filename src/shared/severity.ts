/**
 * Severity levels in order, the one place that knows the order. A flag only puts a pupil
 * up for human review: severity orders the review queue, it is not a risk score.
 * SQL that sorts or aggregates by severity uses severityRankSql, built from this order.
 */

/** Lowest first. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Highest first, for lists and tables that show the worst first. */
export const SEVERITIES_HIGHEST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

/** 0 for low, upwards. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The severity of a rank, clamped to the known levels. */
export function severityOfRank(rank: number): Severity {
  return SEVERITIES[Math.min(Math.max(rank, 0), SEVERITIES.length - 1)]!;
}

/** Negative when a is lower than b, positive when higher. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

/** One level up, stopping at high (the modifiers siblings and previously-flagged). */
export function raiseSeverity(severity: Severity): Severity {
  return severityOfRank(severityRank(severity) + 1);
}

/** One level down, stopping at low (not-returned when all absence is valid). */
export function lowerSeverity(severity: Severity): Severity {
  return severityOfRank(severityRank(severity) - 1);
}

/**
 * A SQL expression ranking `column` by severity: 1 for low (and anything unknown or NULL),
 * up to SEVERITIES.length for high. Read it back with severityOfSqlRank.
 */
export function severityRankSql(column: string): string {
  const whens = SEVERITIES.slice(1)
    .map((s, i) => ({ s, rank: i + 2 }))
    .reverse()
    .map(({ s, rank }) => `WHEN '${s}' THEN ${rank}`)
    .join(' ');
  return `CASE ${column} ${whens} ELSE 1 END`;
}

export function severityOfSqlRank(rank: number): Severity {
  return severityOfRank(rank - 1);
}

/** Swedish names for the admin page and lists. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: 'låg', medium: 'medel', high: 'hög' };
