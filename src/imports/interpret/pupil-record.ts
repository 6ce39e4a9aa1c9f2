import type { SummaryCounts, SummaryMinutes } from '../../shared';
import type { Status } from '../normalise';

/**
 * Day statuses as small numbers, ordered so that folding lessons into a day is a max:
 * any present lesson makes the day present; otherwise the worst absence wins
 * (unexplained over unknown over valid); not reported only when nothing else is known.
 * 0 means the file has no row for the day (also not reported, never present).
 */
export const RANK: Record<Status, number> = { not_reported: 1, valid: 2, unknown: 3, unexplained: 4, present: 5 };
export const STATUS_OF_RANK: readonly (Status | null)[] = [null, 'not_reported', 'valid', 'unknown', 'unexplained', 'present'];

/** A summary file's counts or minutes for one pupil (the rules engine reads the same shapes). */
export type { SummaryCounts, SummaryMinutes } from '../../shared';

/** Everything the file says about one pupil. Days are indexed by window position. */
export interface PupilRecord {
  personalNumber: string;
  coordination: boolean;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
  /** Shared and empty (NO_GUARDIANS) until the file gives the pupil a guardian. */
  guardians: ReadonlySet<string>;
  className: string | null;
  grade: string | null;
  firstRow: number;
  dayRanks: Uint8Array;
  dayRows: Int32Array;
  summary: SummaryCounts | null;
  /** A summary in minutes' minutes for the pupil (the rules derive day counts from them). */
  minutes: SummaryMinutes | null;
}

/** The guardians of every pupil without any: one shared empty set, never added to. */
export const NO_GUARDIANS: ReadonlySet<string> = new Set<string>();

/**
 * The day arrays of many pupils cut from shared buffers: a pupil's `dayRanks` and
 * `dayRows` are views, not arrays of their own. A buffer per pupil cost two ArrayBuffers
 * each (100,000 pupils: 200,000 backing stores for the garbage collector to track).
 */
export class DaySlabs {
  private ranks = new Uint8Array(0);
  private rows = new Int32Array(0);
  private used = 0;

  constructor(
    private readonly windowLength: number,
    private readonly pupilsPerSlab = 4096,
  ) {}

  take(): { dayRanks: Uint8Array; dayRows: Int32Array } {
    const n = this.windowLength;
    if (this.used + n > this.ranks.length) {
      this.ranks = new Uint8Array(n * this.pupilsPerSlab);
      this.rows = new Int32Array(n * this.pupilsPerSlab);
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    return { dayRanks: this.ranks.subarray(at, at + n), dayRows: this.rows.subarray(at, at + n) };
  }
}

export function newPupilRecord(personalNumber: string, coordination: boolean, row: number, days: DaySlabs): PupilRecord {
  const { dayRanks, dayRows } = days.take();
  return {
    personalNumber,
    coordination,
    firstName: null,
    lastName: null,
    protectedIdentity: false,
    guardians: NO_GUARDIANS,
    className: null,
    grade: null,
    firstRow: row,
    dayRanks,
    dayRows,
    summary: null,
    minutes: null,
  };
}
