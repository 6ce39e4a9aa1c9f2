/**
 * PupilFacts written compactly, for tests and benchmarks: one letter per observed school
 * day from term start, e.g. "PPOO-". Not used by the application itself.
 *
 *   P present   G valid (giltig)   O unexplained (ogiltig)   F unknown (frånvarande)
 *   N not_reported   - no row for the day (null)
 */
import { schoolDaysFrom } from '../../src/calendar';
import type { Status } from '../../src/imports';
import type { PupilFacts, RuleDefinition, RuleId, RuleSet } from '../../src/rules/types';
import { defaultRules } from '../../src/rules/engine/default-rules';
import { computeDayFacts, minutesFacts, summaryFacts, type SummaryCounts, type SummaryMinutes } from '../../src/rules/engine/facts';

export const EXAMPLE_TERM_START = '2026-08-17'; // a Monday, as in the example sentence of docs/design.md

const CODES: Readonly<Record<string, Status | null>> = {
  P: 'present',
  G: 'valid',
  O: 'unexplained',
  F: 'unknown',
  N: 'not_reported',
  '-': null,
};

const windows = new Map<string, string[]>();

/** The first `count` school days from term start (weekdays minus Swedish holidays). */
export function exampleDates(count: number, termStart = EXAMPLE_TERM_START): string[] {
  const key = `${termStart}/${count}`;
  let dates = windows.get(key);
  if (!dates) {
    dates = schoolDaysFrom(termStart, count, new Set());
    windows.set(key, dates);
  }
  return dates;
}

type Extra = Partial<Omit<PupilFacts, 'observedDates' | 'days' | 'counts'>>;

const base = (termStart: string): Omit<PupilFacts, 'observedDates' | 'days' | keyof ReturnType<typeof computeDayFacts>> => ({
  pupilId: 1,
  schoolId: 1,
  termStart,
  watchListed: false,
  leaveEnded: null,
  leftRoll: null,
  previousRound: null,
});

/** Facts from day letters, e.g. pupilFromDays('OOOOOOOOOO'). */
export function pupilFromDays(codes: string, extra: Extra = {}): PupilFacts {
  const termStart = extra.termStart ?? EXAMPLE_TERM_START;
  const observedDates = exampleDates(codes.length, termStart);
  const days = [...codes].map((c) => {
    if (!(c in CODES)) throw new Error(`Unknown day letter ${c}`);
    return CODES[c]!;
  });
  return { ...base(termStart), observedDates, days, ...computeDayFacts(observedDates, days), ...extra };
}

/** Facts from a summary file's counts over `observed` school days. */
export function pupilFromSummary(observed: number, summary: SummaryCounts, extra: Extra = {}): PupilFacts {
  const termStart = extra.termStart ?? EXAMPLE_TERM_START;
  return { ...base(termStart), observedDates: exampleDates(observed, termStart), days: null, ...summaryFacts(observed, summary), ...extra };
}

/** The default rule set with some rules changed, e.g. { 'not-returned': { enabled: false } }. */
export function exampleRuleSet(changes: Partial<Record<RuleId, Partial<RuleDefinition>>> = {}, version = 1): RuleSet {
  return {
    version,
    rules: defaultRules().map((r) => {
      const change = changes[r.id];
      return change ? { ...r, ...change, params: { ...r.params, ...change.params } } : r;
    }),
  };
}

/** Facts from a summary in minutes over `observed` school days. */
export function pupilFromMinutes(observed: number, minutes: SummaryMinutes, extra: Extra = {}): PupilFacts {
  const termStart = extra.termStart ?? EXAMPLE_TERM_START;
  return { ...base(termStart), observedDates: exampleDates(observed, termStart), days: null, ...minutesFacts(observed, minutes), ...extra };
}
