import type { SummaryCounts } from '../../rules/engine/facts';
import type { Status } from '../normalise';

/**
 * Day statuses as small numbers, ordered so that folding lessons into a day is a max:
 * any present lesson makes the day present; otherwise the worst absence wins
 * (unexplained over unknown over valid); not reported only when nothing else is known.
 * 0 means the file has no row for the day (also not reported, never present).
 */
export const RANK: Record<Status, number> = { not_reported: 1, valid: 2, unknown: 3, unexplained: 4, present: 5 };
export const STATUS_OF_RANK: readonly (Status | null)[] = [null, 'not_reported', 'valid', 'unknown', 'unexplained', 'present'];

/** A summary file's counts for one pupil (the rules engine reads the same shape). */
export type { SummaryCounts } from '../../rules/engine/facts';

/** Everything the file says about one pupil. Days are indexed by window position. */
export interface PupilRecord {
  personalNumber: string;
  coordination: boolean;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
  guardians: Set<string>;
  className: string | null;
  grade: string | null;
  firstRow: number;
  dayRanks: Uint8Array;
  dayRows: Int32Array;
  summary: SummaryCounts | null;
}

export function newPupilRecord(personalNumber: string, coordination: boolean, row: number, windowLength: number): PupilRecord {
  return {
    personalNumber,
    coordination,
    firstName: null,
    lastName: null,
    protectedIdentity: false,
    guardians: new Set(),
    className: null,
    grade: null,
    firstRow: row,
    dayRanks: new Uint8Array(windowLength),
    dayRows: new Int32Array(windowLength),
    summary: null,
  };
}
