/**
 * Feeds a file's data rows to the interpreter: all of them from this thread's reader, or,
 * with a second half being read on a worker (second-half.ts), the rows up to the cut here
 * and the worker's findings absorbed after. Whenever the worker's answer cannot be used
 * (it failed, its first row is not the row this reader finds after the cut, or a pupil
 * has rows in both halves), this reader reads on to the end: the result is always what
 * reading every row here gives.
 */
import type { Interpreter } from '../interpret/interpreter';
import type { RawRow } from '../types';
import type { PartResult } from './part-job';
import type { SecondHalf } from './second-half';

export interface FeedRows {
  /** Rows already taken off the reader (for header detection), in order. */
  first: readonly RawRow[];
  /** The reader's remaining batches. */
  batches: AsyncIterator<RawRow[]>;
  interpreter: Interpreter;
  /** Rows up to this number are the header and the title rows above it. */
  headerRow: number;
  secondHalf: SecondHalf | null;
  /** Sees each data row this thread interprets (e.g. to keep a few for the preview). */
  onRow?: (row: RawRow) => void;
  /** Runs when this thread has read its half, before it waits for the worker (work that would otherwise wait). */
  whileWaiting?: () => void;
  /** Sees the worker's findings once the interpreter has taken them in. */
  onAbsorbed?: (part: PartResult) => void;
}

export async function feedRows(f: FeedRows): Promise<void> {
  let cut = f.secondHalf ? f.secondHalf.rowsBefore : Infinity;
  // Rows past the cut: the first is checked against the worker's first row, and all are
  // kept in case this thread must read on after all.
  const pastCut: RawRow[] = [];
  const take = (r: RawRow) => {
    if (r.rowNumber <= f.headerRow) return;
    if (r.rowNumber > cut) return void pastCut.push(r);
    f.onRow?.(r);
    f.interpreter.row(r);
  };
  const readOn = async () => {
    while (!pastCut.length) {
      const next = await f.batches.next();
      if (next.done) return;
      for (const r of next.value) take(r);
    }
  };
  for (const r of f.first) take(r);
  await readOn();
  if (!f.secondHalf) return;
  f.whileWaiting?.();
  const answer = await f.secondHalf.result;
  if (answer.ok && sameRow(answer.part.firstRow, pastCut[0] ?? null) && f.interpreter.absorb(answer.part)) return void f.onAbsorbed?.(answer.part);
  cut = Infinity;
  for (const r of pastCut.splice(0)) take(r);
  await readOn();
}

function sameRow(a: RawRow | null, b: RawRow | null): boolean {
  if (!a || !b) return a === b;
  return a.rowNumber === b.rowNumber && a.cells.length === b.cells.length && a.cells.every((c, i) => c === b.cells[i]);
}
