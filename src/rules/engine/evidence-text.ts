/**
 * A flag's evidence as Swedish sentences a coordinator reads on the case page: every
 * number in a sentence, every date with its year, and no evidence key in sight. The
 * evidence is what the rule stored (base-rules.ts, evaluate.ts); a flag stored by an
 * older version may lack a value, so each sentence uses only what is there and a
 * missing number is said as unknown rather than shown as a key.
 *
 * Unlike the rule's template (admin-edited, one sentence for lists), these sentences are
 * fixed here: one table entry per rule id, which the compiler and evidence-text.test.ts
 * hold complete.
 */
import { formatSwedishDate } from '../../calendar';
import { t } from '../../i18n';
import { SEVERITY_LABELS, type Severity } from '../../shared';
import type { RuleId } from '../types';
import type { Evidence, EvidenceValue } from './explain';
import { anyOfSchoolDaysText, daysText, schoolDaysText } from './swedish-text';

/** "18 augusti 2026": a date in a sentence, with its year and without the weekday. */
export function fullDateText(iso: string): string {
  return formatSwedishDate(iso, { withYear: true }).replace(/^\S+ /, '');
}

const num = (v: EvidenceValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: EvidenceValue | undefined): string | null => (typeof v === 'string' && v.trim() ? v : null);
const isoDate = (v: EvidenceValue | undefined): string | null => {
  const s = str(v);
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  try {
    return fullDateText(s);
  } catch {
    return null; // shaped like a date but not one: leave the sentence without it
  }
};
const severity = (v: EvidenceValue | undefined): string | null => (typeof v === 'string' && v in SEVERITY_LABELS ? SEVERITY_LABELS[v as Severity] : null);

/** " sedan terminsstart 18 augusti 2026", or nothing when the term start is unknown. */
function sinceTermStart(e: Evidence): string {
  const start = isoDate(e.termStart);
  return start ? t('evidence.sinceTermStart', { date: start }) : '';
}

/**
 * "Frånvaron: 3 dagar giltig frånvaro, …" from a summary phrase the engine wrote, if any;
 * from a summary file in minutes the phrase is in minutes, and the sentence says so.
 */
function breakdown(summary: EvidenceValue | undefined, e: Evidence): string[] {
  const s = str(summary);
  if (!s) return [];
  return [num(e.scheduledMinutes) === null ? t('evidence.breakdown', { summary: s }) : t('evidence.breakdownMinutes', { summary: s })];
}

/** The raise a modifier made: "Det höjer allvarlighetsgraden från medel till hög." */
function raised(e: Evidence): string[] {
  const from = severity(e.raisedFrom);
  const to = severity(e.raisedTo);
  return from && to && from !== to ? [t('evidence.raised', { from, to })] : [];
}

type Sentences = (e: Evidence) => string[];

/** One entry per rule id: a missing entry is a compile error, and the test checks each one says something. */
export const EVIDENCE_SENTENCES: Readonly<Record<RuleId, Sentences>> = {
  'not-returned': (e) => {
    const n = num(e.observedDays);
    const out = [
      n === null
        ? t('evidence.notReturnedUnknownDays', { since: sinceTermStart(e) })
        : t('evidence.notReturned', { days: anyOfSchoolDaysText(n), since: sinceTermStart(e) }),
      ...breakdown(e.absenceSummary, e),
    ];
    if (e.allAbsenceValid === true) out.push(t('evidence.allAbsenceValid'));
    else if (e.allAbsenceValid === false) out.push(t('evidence.notAllAbsenceValid'));
    return out;
  },
  'unexplained-absence': (e) => {
    const days = num(e.unexplainedDays);
    const observed = num(e.observedDays);
    return [
      t('evidence.unexplained', {
        days: days === null ? t('evidence.unknownNumberOfDays') : daysText(days),
        of: observed === null ? '' : t('evidence.ofSchoolDays', { days: schoolDaysText(observed) }),
        since: sinceTermStart(e),
      }),
      ...breakdown(e.unexplainedSummary, e),
    ];
  },
  'long-absence': (e) => {
    const days = num(e.streakDays);
    const from = isoDate(e.streakFrom);
    const to = isoDate(e.streakTo);
    const period = from && to ? (from === to ? t('evidence.onDate', { date: from }) : t('evidence.period', { from, to })) : '';
    return [
      t('evidence.longAbsence', { days: days === null ? t('evidence.unknownNumberOfDays') : schoolDaysText(days), period }),
      ...(str(e.streakSummary) ? [t('evidence.streakDays', { summary: str(e.streakSummary)! })] : []),
    ];
  },
  'left-without-destination': (e) => {
    const left = isoDate(e.leftDate);
    return [left ? t('evidence.leftOn', { date: left }) : t('evidence.leftNoDate'), t('evidence.noReceivingSchool')];
  },
  'vanished-from-roster': (e) => {
    const round = str(e.previousRound);
    const className = str(e.previousClass);
    const where = className ? t('evidence.inClass', { className }) : '';
    return [round ? t('evidence.vanished', { where, round }) : t('evidence.vanishedNoRound', { where }), t('evidence.vanishedNow')];
  },
  'watch-listed': (e) => {
    const notPresent = num(e.notPresentDays);
    const observed = num(e.observedDays);
    const first = isoDate(e.firstSchoolDay);
    const out = [
      t('evidence.watchListed', {
        days: notPresent === null ? t('evidence.unknownNumberOfDays') : daysText(notPresent),
        of: observed === null ? '' : t('evidence.ofSchoolDays', { days: schoolDaysText(observed) }),
        since: sinceTermStart(e),
      }),
    ];
    if (first && e.firstSchoolDayPresent === true) out.push(t('evidence.firstDayPresent', { date: first }));
    else if (first && e.firstSchoolDayPresent === false) out.push(t('evidence.firstDayNotPresent', { date: first }));
    return out;
  },
  'leave-overrun': (e) => {
    const ended = isoDate(e.leaveEnded);
    const after = num(e.daysAfterLeave);
    return [
      t('evidence.leaveOverrun', {
        ended: ended ?? t('evidence.unknownDate'),
        days: after === null ? t('evidence.anySchoolDay') : anyOfSchoolDaysText(after),
      }),
    ];
  },
  siblings: (e) => {
    const n = num(e.flaggedSiblings);
    return [n === null || n === 1 ? t('evidence.oneSibling') : t('evidence.siblings', { n }), ...raised(e)];
  },
  'previously-flagged': (e) => {
    const round = str(e.previousRound);
    return [round ? t('evidence.previouslyFlagged', { round }) : t('evidence.previouslyFlaggedNoRound'), ...raised(e)];
  },
};

/**
 * A flag's evidence as Swedish sentences. An id no rule has (a flag from a removed rule)
 * gets one plain sentence, never the id.
 */
export function evidenceSentences(ruleId: string, evidence: Evidence | null | undefined): string[] {
  const sentences = (EVIDENCE_SENTENCES as Record<string, Sentences | undefined>)[ruleId];
  if (!sentences) return [t('evidence.unknownRule')];
  return sentences(evidence ?? {}).map((s) =>
    s
      .replace(/[ \t\n]+/g, ' ')
      .replace(/ ([.,)])/g, '$1')
      .trim(),
  );
}
