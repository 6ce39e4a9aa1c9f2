import { OUTCOMES, OUTCOME_SV, type Outcome } from '../cases';
import { t } from '../i18n';
import { figures, type Figures } from './stats-compute';
import { isListedSchool, suppress } from './suppression';
import type { RoundFacts, StatsRound, TransferKind } from './stats-types';

/** Outcomes that mean the pupil left, or may have left, the municipality's schools. */
export const LEAVING_OUTCOMES: readonly Outcome[] = [
  'settled_abroad',
  'abroad_without_leave',
  'left_after_asylum_rejection',
  'suspected_taken_abroad',
  'whereabouts_unknown',
];
const LEAVING_TRANSFERS: readonly TransferKind[] = ['other_municipality', 'abroad', 'unregistered'];

const COLUMNS: { label: () => string; value: (f: Figures) => number }[] = [
  { label: () => t('stats.col.pupilsMapped'), value: (f) => f.pupilsMapped },
  { label: () => t('stats.col.flaggedPupils'), value: (f) => f.flaggedPupils },
  { label: () => t('stats.col.cases'), value: (f) => f.cases },
  { label: () => t('stats.col.located'), value: (f) => f.cases - f.located.notLocated },
  { label: () => t('stats.col.notLocated'), value: (f) => f.located.notLocated },
  { label: () => t('stats.col.referralsSent'), value: (f) => f.referralsSent },
  ...LEAVING_TRANSFERS.map((k) => ({ label: () => t(`stats.col.transfer.${k}`), value: (f: Figures) => f.transfers[k] })),
  ...OUTCOMES.filter((o) => LEAVING_OUTCOMES.includes(o)).map((o) => ({ label: () => OUTCOME_SV[o], value: (f: Figures) => f.outcomes[o] })),
];

export interface CountyExport {
  round: StatsRound;
  /** The observation window: term start to its last school day. */
  period: { from: string; to: string };
  threshold: number;
  minimumSize: number;
  /** Schools not listed on their own (too small, or hidden so a small one cannot be worked out from the total). */
  hiddenSchools: number;
  columns: string[];
  rows: { label: string; code: string | null; values: string[] }[];
  definitions: string[];
}

/**
 * Pure: the county administrative board's counts for a round. Only schools with at least
 * `minimumSize` pupils mapped are listed; if exactly one school falls below, the smallest
 * listed school is hidden too, so the hidden one cannot be worked out by subtracting from
 * the municipality total. Every count from 1 to threshold − 1 is shown as "<threshold".
 */
export function countyExport(facts: RoundFacts, today: string, period: { from: string; to: string }, threshold: number, minimumSize: number): CountyExport {
  const bySize = [...facts.schools].sort((a, b) => a.pupils - b.pupils || a.name.localeCompare(b.name, 'sv'));
  const hidden = new Set(bySize.filter((s) => !isListedSchool(s.pupils, minimumSize)).map((s) => s.schoolId));
  const smallestListed = bySize.find((s) => !hidden.has(s.schoolId));
  if (hidden.size === 1 && smallestListed) hidden.add(smallestListed.schoolId);
  const listed = facts.schools.filter((s) => !hidden.has(s.schoolId));
  const row = (label: string, code: string | null, f: Figures) => ({ label, code, values: COLUMNS.map((c) => suppress(c.value(f), threshold)) });
  return {
    round: facts.round,
    period,
    threshold,
    minimumSize,
    hiddenSchools: hidden.size,
    columns: COLUMNS.map((c) => c.label()),
    rows: [...listed.map((s) => row(s.name, s.code, figures(facts, s.schoolId, today))), row(t('stats.municipality'), null, figures(facts, null, today))],
    definitions: [
      t('stats.county.defSuppression', { threshold, below: threshold - 1 }),
      t('stats.county.defSchools', { minimumSize }),
      t('stats.def.pupilsMapped'),
      t('stats.def.flaggedPupils'),
      t('stats.def.cases'),
      t('stats.def.located'),
      t('stats.def.referralsSent'),
      t('stats.def.transfers'),
      t('stats.def.outcomes'),
    ],
  };
}
