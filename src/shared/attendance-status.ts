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

/**
 * The statuses in plain Swedish. Two wordings, both here so there is one place to look:
 * STATUS_LABELS names a status on its own (preview, CLI, docs/import.md); ATTENDANCE_STATUS_SV
 * reads inside a sentence of the import's problem messages.
 */
export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  present: 'närvarande',
  valid: 'giltig frånvaro',
  unexplained: 'ogiltig frånvaro',
  unknown: 'frånvarande, orsak okänd',
  not_reported: 'ej rapporterat',
};

export const ATTENDANCE_STATUS_SV: Readonly<Record<Status, string>> = { ...STATUS_LABELS, unknown: 'frånvaro av okänd orsak' };
