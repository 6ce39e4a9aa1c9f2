/**
 * Reading the second half of a large CSV (from a cut found by read/csv-split.ts): the
 * same reader and interpreter as the first half, with the rows numbered on from the cut.
 * Runs on a worker thread (part-worker.ts), so everything it gets and gives is plain data.
 */
import { Interpreter, type InterpretContext, type InterpreterPart } from '../interpret/interpreter';
import type { Layout } from '../layout';
import { createStatusMatcher, type SchoolStatusWords, type Status, type StatusReading } from '../normalise';
import { readCsvPart, type CsvFraming } from '../read/csv-reader';
import type { CsvSplit } from '../read/csv-split';
import type { RawRow } from '../types';

/** InterpretContext as plain data (no functions, sets or dates). */
export interface PlainContext {
  window: string[];
  today: string;
  nonSchoolDays: string[];
  statusVocabulary: Record<string, Status>;
  schoolStatusWords: SchoolStatusWords;
  referenceDate: string;
}

export function interpretContext(c: PlainContext): InterpretContext {
  return {
    window: c.window,
    today: c.today,
    nonSchoolDays: new Set(c.nonSchoolDays),
    matchStatus: createStatusMatcher(c.statusVocabulary, c.schoolStatusWords),
    referenceDate: new Date(c.referenceDate),
  };
}

export interface PartJob {
  file: string;
  framing: CsvFraming;
  split: CsvSplit;
  maxRows: number;
  layout: Layout;
  context: PlainContext;
}

export interface PartResult extends InterpreterPart {
  /** The part's first row as read: the first half's reader must see the same row there. */
  firstRow: RawRow | null;
  /** The status words of this part and what they were read as (see ImportReport.statusWords). */
  statusWords: StatusReading[];
}

export async function interpretPart(job: PartJob): Promise<PartResult> {
  const matchStatus = createStatusMatcher(job.context.statusVocabulary, job.context.schoolStatusWords);
  const interpreter = new Interpreter(job.layout, { ...interpretContext(job.context), matchStatus }, { laterPart: true });
  let firstRow: RawRow | null = null;
  for await (const batch of readCsvPart(job.file, job.framing, { ...job.split, maxRows: job.maxRows })) {
    firstRow ??= batch[0] ?? null;
    for (const r of batch) interpreter.row(r);
  }
  return { ...interpreter.part(), firstRow, statusWords: matchStatus.readings() };
}
