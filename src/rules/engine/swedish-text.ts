/**
 * Swedish phrases for flag sentences, with the grammar for one ("1 dag", "den enda
 * skoldagen"). Kept out of the templates so an admin editing a template never has to
 * handle singular and plural; the template just places the phrase.
 */
import { formatSwedishDay, formatSwedishNumber, formatSwedishPeriod } from '../../calendar';
import { plural } from '../../i18n';
import type { SummaryMinutes } from './facts';

/** "1 dag" / "3 dagar". */
export function daysText(n: number): string {
  return plural(n, 'dag', 'dagar');
}

/** "1 skoldag" / "10 skoldagar". */
export function schoolDaysText(n: number): string {
  return plural(n, 'skoldag', 'skoldagar');
}

/** Object of "inte närvarande …": "någon av de 10 skoldagarna" / "den enda skoldagen". */
export function anyOfSchoolDaysText(n: number): string {
  return n === 1 ? 'den enda skoldagen' : `någon av de ${n} skoldagarna`;
}

/** Absence counts as a pupil's principal reads them, in a fixed order; zero counts left out. */
export interface AbsenceCounts {
  valid: number;
  unexplained: number;
  unknown: number;
  notReported: number;
}

/**
 * "3 dagar giltig frånvaro, 7 dagar ogiltig frånvaro". Not reported is worded as what it
 * is — no attendance was reported — never as absence the school knows about.
 */
export function absenceSummaryText(c: AbsenceCounts): string {
  const parts: string[] = [];
  if (c.valid > 0) parts.push(`${daysText(c.valid)} giltig frånvaro`);
  if (c.unexplained > 0) parts.push(`${daysText(c.unexplained)} ogiltig frånvaro`);
  if (c.unknown > 0) parts.push(`${daysText(c.unknown)} frånvaro utan angiven orsak`);
  if (c.notReported > 0) parts.push(`${daysText(c.notReported)} utan rapporterad närvaro`);
  return parts.join(', ');
}

/** "1 minut" / "2 400 minuter" (Swedish thousands separator). */
export function minutesText(n: number): string {
  return n === 1 ? '1 minut' : `${formatSwedishNumber(n)} minuter`;
}

/**
 * What a summary in minutes says, as a principal reads it: "0 av 2 400 schemalagda
 * minuter närvarande, 2 400 minuter ogiltig frånvaro". Minutes the file does not account
 * for are said as what they are: no attendance reported.
 */
export function minutesSummaryText(m: SummaryMinutes): string {
  const parts = [`${formatSwedishNumber(m.attended)} av ${formatSwedishNumber(m.scheduled)} schemalagda minuter närvarande`];
  if (m.valid) parts.push(`${minutesText(m.valid)} giltig frånvaro`);
  if (m.unexplained) parts.push(`${minutesText(m.unexplained)} ogiltig frånvaro`);
  const unaccounted = m.scheduled - m.attended - (m.valid ?? 0) - (m.unexplained ?? 0);
  if (unaccounted > 0) parts.push(`${minutesText(unaccounted)} utan rapporterad närvaro`);
  return parts.join(', ');
}

/**
 * How unexplained days were counted from minutes: "960 av 2 400 schemalagda minuter
 * ogiltig frånvaro, 240 minuter per skoldag".
 */
export function unexplainedMinutesText(m: SummaryMinutes, observedDays: number): string {
  const perDay = observedDays > 0 ? m.scheduled / observedDays : 0;
  return (
    `${formatSwedishNumber(m.unexplained ?? 0)} av ${formatSwedishNumber(m.scheduled)} schemalagda minuter ogiltig frånvaro, ` +
    `${minutesText(Math.round(perDay))} per skoldag`
  );
}

const dateTexts = new Map<string, string>();

/**
 * "17 augusti 2026": a date in a flag sentence, with its year (formatSwedishDay), as the
 * rule texts read (docs/design.md, "The rules": "sedan terminsstart 17 augusti 2026"). A
 * round has few distinct dates, so the texts are memoised.
 */
export function dateText(iso: string): string {
  let text = dateTexts.get(iso);
  if (text === undefined) {
    text = formatSwedishDay(iso);
    if (dateTexts.size > 10_000) dateTexts.clear(); // bound memory; never reached in a round
    dateTexts.set(iso, text);
  }
  return text;
}

/** A run of school days: "24 augusti 2026", "24–28 augusti 2026", "28 augusti–3 september 2026" (formatSwedishPeriod). */
export const periodText = formatSwedishPeriod;

/** True for a 'YYYY-MM-DD'-shaped string; cheap character checks, no regex (runs per rendered value). */
export function looksLikeIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
