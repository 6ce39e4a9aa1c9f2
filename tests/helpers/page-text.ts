/** A page's text as a reader sees it, and the code identifiers that must never be part of it (issue 15). */
import { RULE_IDS } from '../../src/rules';

/** The text a reader sees: tags, comments and scripts gone, entities decoded. Attributes are not text. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#0?39;|&#x27;/g, "'")
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ');
}

/**
 * Every evidence key the engine writes (base-rules.ts, evaluate.ts), every condition
 * fact, and the stored status codes: none may reach a page as text.
 */
export const CODE_IDENTIFIERS = [
  ...RULE_IDS,
  'termStart',
  'observedDays',
  'observedDaysText',
  'anyObservedDayText',
  'absenceSummary',
  'allAbsenceValid',
  'notReported',
  'unexplainedDays',
  'unexplainedDaysText',
  'unexplainedSummary',
  'streakDays',
  'streakDaysText',
  'streakFrom',
  'streakTo',
  'streakPeriod',
  'streakSummary',
  'leftDate',
  'destinationKnown',
  'notPresentDays',
  'notPresentDaysText',
  'firstSchoolDay',
  'firstSchoolDayPresent',
  'leaveEnded',
  'daysAfterLeave',
  'anyDayAfterLeaveText',
  'flaggedSiblings',
  'siblingsText',
  'flaggedText',
  'raisedFrom',
  'raisedTo',
  'previousRound',
  'previousClass',
  'wasAt',
  'scheduledMinutes',
  'attendedMinutes',
  'validAbsenceMinutes',
  'unexplainedAbsenceMinutes',
  'longestAbsentStreak',
  'counts.present',
  'not_reported',
  'unexplained',
  'present',
  'valid',
  'unknown',
  'true',
  'false',
  'null',
  'undefined',
];

/** The identifiers found as words in the page's text. */
export function codeIdentifiersIn(html: string, extra: readonly string[] = []): string[] {
  const text = visibleText(html);
  return [...CODE_IDENTIFIERS, ...extra].filter((id) => new RegExp(`(^|[^\\p{L}\\w-])${id.replace(/[.]/g, '\\.')}($|[^\\p{L}\\w-])`, 'u').test(text));
}
