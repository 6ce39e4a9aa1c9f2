/** Cell normalisers: one spreadsheet cell (or a few) to one domain value, or a Swedish message. */
export { cellText, fail, isBlank, ok, quoted, stripBidiControls } from './result';
export type { Normalised } from './result';
export { compactKey, normaliseHeader, stripDiacritics } from './text';
export { normalisePersonalNumber, parsePersonalNumber } from './personal-number';
export type { PersonalNumberResult } from './personal-number';
export { checkStatusVocabulary, createStatusMatcher, DEFAULT_STATUS_VOCABULARY, isAbsence, normaliseStatus, STATUSES } from './status';
export type { AbsenceStatus, CountingStatusMatcher, SchoolStatusWords, Status, StatusMatcher, StatusReading, StatusSource } from './status';
export { readStatusByRules, statusTokens } from './status-rules';
export { excelSerialToIsoDate, MAX_YEAR, MIN_YEAR, normaliseDate, parseHeaderDate } from './date';
export { absenceKindFromType, foldLessons, lessonStatusFromMinutes, normaliseMinutesLesson } from './lesson-fold';
export type { MinutesField, MinutesLessonResult } from './lesson-fold';
export { normaliseProtectedIdentity } from './protected';
export { joinNameColumns, MAX_NAME_LENGTH, splitName } from './names';
export type { NameResult, PersonName } from './names';
export { normaliseCount } from './integer';
export { normalisePercent, percentAgrees, PERCENT_TOLERANCE } from './percent';
