/**
 * The five attendance statuses every export is read into, and their Swedish labels.
 *
 * Not reported is its own status and never counts as present: some systems count an
 * unreported lesson as present, which would hide exactly the pupil who never came.
 */
export type Status = 'present' | 'valid' | 'unexplained' | 'unknown' | 'not_reported';

/** The statuses that are an absence; 'unknown' is absent with the reason unknown. */
export type AbsenceStatus = 'valid' | 'unexplained' | 'unknown';

export const STATUSES: readonly Status[] = ['present', 'valid', 'unexplained', 'unknown', 'not_reported'];

export function isAbsence(status: Status): status is AbsenceStatus {
  return status === 'valid' || status === 'unexplained' || status === 'unknown';
}

/** The statuses in plain Swedish, as the import's messages name them. */
export const ATTENDANCE_STATUS_SV: Record<Status, string> = {
  present: 'närvarande',
  valid: 'giltig frånvaro',
  unexplained: 'ogiltig frånvaro',
  unknown: 'frånvaro av okänd orsak',
  not_reported: 'ej rapporterat',
};
