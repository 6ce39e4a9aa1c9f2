import { LOCATED_OUTCOMES, OUTCOMES, OUTCOME_SV, type Outcome } from '../cases';
import { t, type KeySuffix, type PlainMessageKey } from '../i18n';
import { BREAK_TYPES, type BreakType } from '../rounds';
import { RULE_IDS } from '../rules';
import { compareSeverity, SEVERITIES_HIGHEST_FIRST, type Severity } from '../shared';
import { median } from './median';
import { daysFromTermStart, LOCATED_BUCKETS, locatedBucket, schoolYear, type LocatedBucket } from './periods';
import type { FlagFate, RoundFacts, StatRow, StatTable, StatsRound, TransferKind } from './stats-types';

/**
 * Pure: every figure of the statistics, from the raw facts of a round. The definitions
 * are documented in docs/statistics.md; keep the two in step.
 */
export interface Figures {
  pupilsMapped: number;
  schools: { participating: number; reported: number; nil: number; overdue: number; pending: number };
  flaggedPupils: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  clearedFlags: number;
  cases: number;
  located: Record<LocatedBucket, number>;
  medianDaysToLocated: number | null;
  outcomes: Record<Outcome, number>;
  openCases: number;
  referralsSent: number;
  referralsAcknowledged: number;
  casesReferred: number;
  medianDaysToReferral: number | null;
  watch: { entries: number; flagged: number; notFlagged: number; withCase: number; located: number; referred: number; referredBeforeBreak: number };
  transfers: Record<TransferKind, number>;
}

export const TRANSFER_KINDS: readonly TransferKind[] = ['municipal_school', 'other_municipality', 'abroad', 'unregistered'];
const SEVERITIES = SEVERITIES_HIGHEST_FIRST;
const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * What every school's figures look up in the whole round, built once per round's facts
 * rather than once per school (41 times for 40 schools: at 100,000 pupils that was most
 * of a report's time).
 */
const roundWideCache = new WeakMap<RoundFacts, { flaggedAnywhere: Set<number>; caseOf: Map<number, RoundFacts['cases'][number]> }>();
function roundWide(facts: RoundFacts): { flaggedAnywhere: Set<number>; caseOf: Map<number, RoundFacts['cases'][number]> } {
  let r = roundWideCache.get(facts);
  if (!r) {
    r = { flaggedAnywhere: new Set(facts.flags.filter((f) => !f.cleared).map((f) => f.pupilId)), caseOf: new Map(facts.cases.map((c) => [c.pupilId, c])) };
    roundWideCache.set(facts, r);
  }
  return r;
}

/** The figures of one school (schoolId) or of the whole municipality (null); `today` decides "overdue". */
export function figures(facts: RoundFacts, schoolId: number | null, today: string): Figures {
  const mine = <T extends { schoolId: number }>(rows: T[]): T[] => (schoolId === null ? rows : rows.filter((r) => r.schoolId === schoolId));
  const { round } = facts;
  const schools = mine(facts.schools);
  const overdue = (report: string | null) => report === null && round.deadline !== null && today > round.deadline;

  const active = mine(facts.flags).filter((f) => !f.cleared);
  const highest = new Map<number, Severity>();
  for (const f of active) {
    const seen = highest.get(f.pupilId);
    if (!seen || compareSeverity(f.severity, seen) > 0) highest.set(f.pupilId, f.severity);
  }
  const bySeverity = zeros(SEVERITIES);
  for (const s of highest.values()) bySeverity[s]++;
  const byRule = zeros(RULE_IDS as readonly string[]);
  for (const rule of Object.keys(byRule)) byRule[rule] = new Set(active.filter((f) => f.ruleId === rule).map((f) => f.pupilId)).size;
  // Every pupil with an active flag anywhere in the round (for the watch list, whatever the school).
  const { flaggedAnywhere, caseOf } = roundWide(facts);

  const cases = mine(facts.cases);
  const located = zeros(LOCATED_BUCKETS);
  const locatedDays: number[] = [];
  const referralDays: number[] = [];
  const outcomes = zeros(OUTCOMES);
  for (const c of cases) {
    const days = c.locatedAt ? daysFromTermStart(round.termStart, c.locatedAt) : null;
    located[locatedBucket(days)]++;
    if (days !== null) locatedDays.push(days);
    if (c.firstSentAt) referralDays.push(daysFromTermStart(round.termStart, c.firstSentAt));
    if (c.state === 'closed' && c.outcome) outcomes[c.outcome]++;
  }
  const referrals = mine(facts.referrals);
  const watch = mine(facts.watchList);
  const transfers = zeros(TRANSFER_KINDS);
  for (const tr of mine(facts.transfers)) transfers[tr.transfer]++;

  return {
    pupilsMapped: schoolId === null ? facts.pupilsMapped : schools.reduce((n, s) => n + s.pupils, 0),
    schools: {
      participating: schools.length,
      reported: schools.filter((s) => s.report === 'report').length,
      nil: schools.filter((s) => s.report === 'nil').length,
      overdue: schools.filter((s) => overdue(s.report)).length,
      pending: schools.filter((s) => s.report === null && !overdue(s.report)).length,
    },
    flaggedPupils: highest.size,
    bySeverity,
    byRule,
    clearedFlags: mine(facts.flags).filter((f) => f.cleared).length,
    cases: cases.length,
    located,
    medianDaysToLocated: median(locatedDays),
    outcomes,
    openCases: cases.filter((c) => c.state !== 'closed').length,
    referralsSent: referrals.length,
    referralsAcknowledged: referrals.filter((r) => r.acknowledgedAt !== null).length,
    casesReferred: referralDays.length,
    medianDaysToReferral: median(referralDays),
    watch: {
      entries: watch.length,
      flagged: watch.filter((w) => flaggedAnywhere.has(w.pupilId)).length,
      notFlagged: watch.filter((w) => !flaggedAnywhere.has(w.pupilId)).length,
      withCase: watch.filter((w) => caseOf.has(w.pupilId)).length,
      located: watch.filter((w) => caseOf.get(w.pupilId)?.locatedAt).length,
      referred: watch.filter((w) => caseOf.get(w.pupilId)?.firstSentAt).length,
      referredBeforeBreak: watch.filter((w) => w.referralMade).length,
    },
    transfers,
  };
}

/** A column of a report table: its Swedish heading and how to read it from the figures. */
interface Column {
  label: string;
  value: (f: Figures) => number | null;
}

const col = (key: KeySuffix<'stats.col.', PlainMessageKey>, value: Column['value']): Column => ({ label: t(`stats.col.${key}`), value });

/** The report's tables and their columns; rule columns are headed by the titles of the rule set in force. */
function tableColumns(ruleTitles: Record<string, string>): Record<string, Column[]> {
  return {
    schools: [
      col('pupilsMapped', (f) => f.pupilsMapped),
      col('schoolsParticipating', (f) => f.schools.participating),
      col('schoolsReported', (f) => f.schools.reported),
      col('schoolsNil', (f) => f.schools.nil),
      col('schoolsOverdue', (f) => f.schools.overdue),
      col('schoolsPending', (f) => f.schools.pending),
    ],
    flags: [
      col('flaggedPupils', (f) => f.flaggedPupils),
      ...SEVERITIES.map((s) => ({ label: t('stats.col.severity', { severity: t(`severity.${s}`) }), value: (f: Figures) => f.bySeverity[s] })),
      ...RULE_IDS.map((r) => ({ label: ruleTitles[r] ?? t('evidence.unknownRuleTitle'), value: (f: Figures) => f.byRule[r] ?? 0 })),
      col('clearedFlags', (f) => f.clearedFlags),
    ],
    located: [
      col('cases', (f) => f.cases),
      ...LOCATED_BUCKETS.map((b) => col(b, (f) => f.located[b])),
      col('medianDaysToLocated', (f) => f.medianDaysToLocated),
    ],
    outcomes: [...OUTCOMES.map((o) => ({ label: OUTCOME_SV[o], value: (f: Figures) => f.outcomes[o] })), col('openCases', (f) => f.openCases)],
    referrals: [
      col('referralsSent', (f) => f.referralsSent),
      col('referralsAcknowledged', (f) => f.referralsAcknowledged),
      col('casesReferred', (f) => f.casesReferred),
      col('medianDaysToReferral', (f) => f.medianDaysToReferral),
    ],
    watchList: (['entries', 'flagged', 'notFlagged', 'withCase', 'located', 'referred', 'referredBeforeBreak'] as const).map((k) =>
      col(`watch.${k}`, (f) => f.watch[k]),
    ),
    transfers: TRANSFER_KINDS.map((k) => col(`transfer.${k}`, (f) => f.transfers[k])),
  };
}

export interface RoundReport {
  round: StatsRound & { schoolYear: string };
  total: Figures;
  tables: StatTable[];
}

/** The round report: one table per subject, a row per school and a last row for the municipality. */
export function roundReport(facts: RoundFacts, today: string, ruleTitles: Record<string, string>): RoundReport {
  const perSchool = facts.schools.map((s) => ({ label: s.name, code: s.code, f: figures(facts, s.schoolId, today) }));
  const total = figures(facts, null, today);
  const groups = [...perSchool, { label: t('stats.municipality'), code: null, f: total }];
  const tables = Object.entries(tableColumns(ruleTitles)).map(([key, columns]) => ({
    key,
    title: t(`stats.table.${key as KeySuffix<'stats.table.'>}`),
    columns: columns.map((c) => c.label),
    rows: groups.map((g): StatRow => ({ label: g.label, code: g.code, values: columns.map((c) => c.value(g.f)) })),
  }));
  return { round: { ...facts.round, schoolYear: schoolYear(facts.round.termStart) }, total, tables };
}

/** The municipality's key figures of a round, one line of the trends. */
export interface TrendPoint {
  round: { id: number; name: string; breakType: BreakType; termStart: string; schoolYear: string };
  pupilsMapped: number;
  flaggedPupils: number;
  cases: number;
  located: Record<LocatedBucket, number>;
  referralsSent: number;
  referralsAcknowledged: number;
  medianDaysToLocated: number | null;
  medianDaysToReferral: number | null;
  outcomes: Record<Outcome, number>;
}

export function trendPoint(report: RoundReport): TrendPoint {
  const f = report.total;
  const { id, name, breakType, termStart, schoolYear: year } = report.round;
  return {
    round: { id, name, breakType, termStart, schoolYear: year },
    pupilsMapped: f.pupilsMapped,
    flaggedPupils: f.flaggedPupils,
    cases: f.cases,
    located: f.located,
    referralsSent: f.referralsSent,
    referralsAcknowledged: f.referralsAcknowledged,
    medianDaysToLocated: f.medianDaysToLocated,
    medianDaysToReferral: f.medianDaysToReferral,
    outcomes: f.outcomes,
  };
}

/** Trend tables: key figures per round, and flagged pupils per school year and break (summer vs Christmas, year over year). */
export function trendTables(points: TrendPoint[]): { perRound: StatTable; byBreak: StatTable } {
  const perRound: StatTable = {
    key: 'perRound',
    title: t('stats.table.perRound'),
    columns: [
      t('stats.col.pupilsMapped'),
      t('stats.col.flaggedPupils'),
      t('stats.col.cases'),
      ...LOCATED_BUCKETS.map((b) => t(`stats.col.${b}`)),
      t('stats.col.referralsSent'),
      t('stats.col.referralsAcknowledged'),
      t('stats.col.medianDaysToLocated'),
      t('stats.col.medianDaysToReferral'),
    ],
    rows: points.map((p) => ({
      label: p.round.name,
      code: null,
      values: [
        p.pupilsMapped,
        p.flaggedPupils,
        p.cases,
        ...LOCATED_BUCKETS.map((b) => p.located[b]),
        p.referralsSent,
        p.referralsAcknowledged,
        p.medianDaysToLocated,
        p.medianDaysToReferral,
      ],
    })),
  };
  const years = [...new Set(points.map((p) => p.round.schoolYear))];
  const breaks = BREAK_TYPES.filter((b) => points.some((p) => p.round.breakType === b));
  const byBreak: StatTable = {
    key: 'byBreak',
    title: t('stats.table.byBreak'),
    columns: breaks.map((b) => t(`break.${b}`)),
    rows: years.map((y) => ({
      label: y,
      code: null,
      // null: no round of that break in that school year (not the same as 0 flagged).
      values: breaks.map((b) => {
        const rounds = points.filter((p) => p.round.schoolYear === y && p.round.breakType === b);
        return rounds.length ? rounds.reduce((n, p) => n + p.flaggedPupils, 0) : null;
      }),
    })),
  };
  return { perRound, byBreak };
}

/** Rule feedback: per rule and rule-set version, what became of its flags. */
export function ruleFeedback(fates: FlagFate[], titles: Record<string, string>): StatTable {
  const keys = [...new Set(fates.map((f) => `${f.ruleId}\u0000${f.ruleSetVersion}`))];
  const columns = [
    t('stats.col.flags'),
    t('stats.col.cleared'),
    t('stats.col.noCase'),
    t('stats.col.openCases'),
    ...OUTCOMES.map((o) => OUTCOME_SV[o]),
    t('stats.col.locatedShare'),
  ];
  const rows = keys.map((k) => {
    const [ruleId, version] = k.split('\u0000') as [string, string];
    const mine = fates.filter((f) => f.ruleId === ruleId && String(f.ruleSetVersion) === version);
    const kept = mine.filter((f) => !f.cleared);
    const closed = kept.filter((f) => f.caseState === 'closed' && f.outcome);
    const located = closed.filter((f) => LOCATED_OUTCOMES.includes(f.outcome!)).length;
    return {
      label: t('stats.ruleVersion', { rule: titles[ruleId] ?? t('evidence.unknownRuleTitle'), version }),
      code: ruleId,
      values: [
        mine.length,
        mine.length - kept.length,
        kept.filter((f) => f.caseState === null).length,
        kept.filter((f) => f.caseState !== null && f.caseState !== 'closed').length,
        ...OUTCOMES.map((o) => closed.filter((f) => f.outcome === o).length),
        // Of the flags whose case is closed, the share (in per cent) that ended with the pupil located.
        closed.length ? Math.round((100 * located) / closed.length) : null,
      ],
    };
  });
  return { key: 'ruleFeedback', title: t('stats.table.ruleFeedback'), columns, rows };
}
