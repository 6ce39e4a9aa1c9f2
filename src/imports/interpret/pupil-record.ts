import type { SummaryCounts, SummaryMinutes } from '../../rules/engine/facts';
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
export type { SummaryCounts, SummaryMinutes } from '../../rules/engine/facts';

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

/**
 * Pupil records as one JSON text and two typed arrays (every pupil's days end to end):
 * cheap to post from a worker thread, where a structured clone of 50,000 small objects
 * and their array views is not.
 */
export interface PackedPupils {
  /** One array per pupil, in the order of PackedFields. */
  json: string;
  dayRanks: Uint8Array;
  dayRows: Int32Array;
}

type PackedFields = [
  personalNumber: string,
  coordination: boolean,
  firstName: string | null,
  lastName: string | null,
  protectedIdentity: boolean,
  guardians: string[],
  className: string | null,
  grade: string | null,
  firstRow: number,
  summary: SummaryCounts | null,
  minutes: SummaryMinutes | null,
];

export function packPupils(pupils: ReadonlyMap<string, PupilRecord>, windowLength: number): PackedPupils {
  const dayRanks = new Uint8Array(pupils.size * windowLength);
  const dayRows = new Int32Array(pupils.size * windowLength);
  const fields: PackedFields[] = [];
  for (const p of pupils.values()) {
    dayRanks.set(p.dayRanks, fields.length * windowLength);
    dayRows.set(p.dayRows, fields.length * windowLength);
    fields.push([p.personalNumber, p.coordination, p.firstName, p.lastName, p.protectedIdentity, [...p.guardians], p.className, p.grade, p.firstRow, p.summary, p.minutes]);
  }
  return { json: JSON.stringify(fields), dayRanks, dayRows };
}

export function unpackPupils(packed: PackedPupils, windowLength: number): PupilRecord[] {
  const fields = JSON.parse(packed.json) as PackedFields[];
  return fields.map(([personalNumber, coordination, firstName, lastName, protectedIdentity, guardians, className, grade, firstRow, summary, minutes], i) => ({
    personalNumber,
    coordination,
    firstName,
    lastName,
    protectedIdentity,
    guardians: guardians.length ? new Set(guardians) : NO_GUARDIANS,
    className,
    grade,
    firstRow,
    dayRanks: packed.dayRanks.subarray(i * windowLength, (i + 1) * windowLength),
    dayRows: packed.dayRows.subarray(i * windowLength, (i + 1) * windowLength),
    summary,
    minutes,
  }));
}
