import type { Coverage } from './coverage';
import type { Field, Layout, Shape } from './layout';
import type { StatusReading } from './normalise';
import type { ImportProblem } from './types';

/**
 * What an import says back: to the web preview, the API and the CLI (whose JSON is a
 * contract: status, pupils, rows, days, warnings, errors). It never holds names or
 * personal numbers; the web preview's sample rows are kept apart (ImportPreview).
 */
export interface ImportReport {
  status: 'preview' | 'committed' | 'rejected';
  round: number;
  school: string;
  uploadId?: number;
  file: { name: string; size: number; sha256?: string };
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  shape: Shape | null;
  perLesson: boolean;
  headerRow: number | null;
  /** Field → the header text it was read from. */
  columns: Partial<Record<Field, string>>;
  /** Whether the columns came from the school's saved mapping or the user's choice. */
  mappingUsed: 'detected' | 'saved' | 'chosen';
  /**
   * Every distinct status word of the file (status and absence-type cells), what it was
   * read as (null: not understood, an error on its rows) and why, most frequent first.
   */
  statusWords: StatusReading[];
  pupils: number;
  rows: number;
  days: number;
  protectedPupils: number;
  excludedProtected: number;
  reportedShare: number | null;
  errors: ImportProblem[];
  errorCount: number;
  warnings: ImportProblem[];
  /** Which of the round's window school days the file covers (null until the file is read). */
  coverage: Coverage | null;
}

/** The first data rows as read, for the uploader's own preview (protected pupils masked). */
export interface ImportPreview {
  headers: string[];
  rows: { rowNumber: number; cells: string[] }[];
}

export { STATUS_LABELS } from '../shared';

export function columnsByHeader(layout: Layout): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(layout.columns) as [Field, number][]) out[field] = layout.headers[index] ?? '';
  return out;
}

export function emptyReport(round: number, school: string, file: { name: string; size: number }): ImportReport {
  return {
    status: 'rejected',
    round,
    school,
    file,
    format: null,
    encoding: null,
    delimiter: null,
    sheet: null,
    sheets: [],
    shape: null,
    perLesson: false,
    headerRow: null,
    columns: {},
    mappingUsed: 'detected',
    statusWords: [],
    pupils: 0,
    rows: 0,
    days: 0,
    protectedPupils: 0,
    excludedProtected: 0,
    reportedShare: null,
    errors: [],
    errorCount: 0,
    warnings: [],
    coverage: null,
  };
}
