/**
 * Lesson rows to one status per pupil and day. The rules look at days, but many exports
 * have one row per lesson, with a status or with minutes of absence.
 *
 * docs/design.md, "What the code holds to": "a day is absent when at least one lesson is absent and none is present; the
 * day's reason is unexplained if any absent lesson is unexplained".
 */
import type { CellValue } from '../types';
import { normaliseCount } from './integer';
import { fail, isBlank, ok, quoted, type Normalised } from './result';
import { isAbsence, normaliseStatus, type AbsenceStatus, type Status, type StatusMatcher } from './status';
import { t } from '../../i18n';

/**
 * Which reason a day gets when its absent lessons disagree, strongest first.
 * Unexplained wins (docs/design.md). Unknown comes before valid: a lesson whose reason nobody
 * recorded must not be turned into excused absence by an excused lesson the same day.
 */
const ABSENCE_PRIORITY: readonly AbsenceStatus[] = ['unexplained', 'unknown', 'valid'];

/**
 * The day's status from its lessons' statuses:
 * - any lesson present → present (the pupil was at school that day);
 * - else any lesson absent → absent, with the strongest reason (ABSENCE_PRIORITY);
 * - else (all lessons not reported, or no lessons) → not reported, never present.
 */
export function foldLessons(lessons: Iterable<Status>): Status {
  const seen = new Set<Status>();
  for (const status of lessons) {
    if (status === 'present') return 'present';
    seen.add(status);
  }
  for (const reason of ABSENCE_PRIORITY) if (seen.has(reason)) return reason;
  return 'not_reported';
}

/**
 * A lesson's status from minutes of absence against scheduled minutes:
 * - 0 minutes absent → present;
 * - absent the whole lesson (absence ≥ scheduled; more is a rounding or recording slip,
 *   still the whole lesson) → absent, of the given kind;
 * - partly absent (late, left early) → present: the pupil came to school, and this tool
 *   looks for pupils who did not come at all;
 * - nothing scheduled and nothing absent (a cancelled lesson) → not reported: it says
 *   nothing about the pupil either way.
 */
export function lessonStatusFromMinutes(absenceMinutes: number, scheduledMinutes: number, absenceKind: AbsenceStatus): Normalised<Status> {
  if (scheduledMinutes === 0) {
    return absenceMinutes === 0 ? ok('not_reported') : fail(t('imports.errors.elevenMinutersFranvaroPa', { absenceMinutes }));
  }
  if (absenceMinutes === 0) return ok('present');
  if (absenceMinutes >= scheduledMinutes) return ok(absenceKind);
  return ok('present');
}

/**
 * The kind of absence from an optional type column (Frånvarotyp): Anmäld → valid,
 * Oanmäld → unexplained, any word from the status vocabulary; empty or "not reported"
 * → unknown, because the absence itself is reported in minutes, only its reason is not.
 */
export function absenceKindFromType(cell: CellValue, matcher: StatusMatcher = normaliseStatus): Normalised<AbsenceStatus> {
  // Not through the matcher: it would count the blank as a "not reported" word in the
  // preview's list of status words, where here it means a reason not given.
  if (isBlank(cell)) return ok('unknown');
  const status = matcher(cell);
  if (!status.ok) return fail(status.message);
  if (status.value === 'not_reported') return ok('unknown');
  if (isAbsence(status.value)) return ok(status.value);
  return fail(t('imports.errors.franvarotypenArIngenSorts', { quoted: quoted(cell) }));
}

/** Which cell of a minutes row a problem is in, so the caller can name its column. */
export type MinutesField = 'absence' | 'scheduled' | 'type';

export type MinutesLessonResult = { ok: true; value: Status } | { ok: false; message: string; field: MinutesField };

/**
 * One lesson row of a minutes export, from its cells. An empty absence cell means the
 * lesson is not reported, never that the pupil was there (see status.ts).
 */
export function normaliseMinutesLesson(
  absenceCell: CellValue,
  scheduledCell: CellValue,
  typeCell: CellValue,
  matcher: StatusMatcher = normaliseStatus,
): MinutesLessonResult {
  const scheduled = normaliseCount(scheduledCell);
  if (!scheduled.ok) {
    return { ...prefixed('Schemalagd tid', scheduledCell, scheduled.message), field: 'scheduled' };
  }
  if (isBlank(absenceCell)) return ok('not_reported');
  const absence = normaliseCount(absenceCell);
  if (!absence.ok) {
    return { ...prefixed(t('imports.errors.franvaroMinuter'), absenceCell, absence.message), field: 'absence' };
  }
  // Only look at the type when the minutes make the lesson an absence: a present
  // lesson's type says nothing, and may be left over from an earlier edit.
  let kind: AbsenceStatus = 'unknown';
  if (absence.value > 0 && absence.value >= scheduled.value) {
    const type = absenceKindFromType(typeCell, matcher);
    if (!type.ok) return { ...type, field: 'type' };
    kind = type.value;
  }
  const status = lessonStatusFromMinutes(absence.value, scheduled.value, kind);
  return status.ok ? status : { ...status, field: 'absence' };
}

/** "Schemalagd tid saknas." rather than "Antalet saknas.", which names no column. */
function prefixed(label: string, cell: CellValue, message: string): { ok: false; message: string } {
  return fail(isBlank(cell) ? `${label} saknas.` : `${label}: ${message}`);
}
