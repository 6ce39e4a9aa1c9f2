/**
 * Shared types of the import pipeline: readers yield raw rows, layout detection maps
 * columns, normalisers turn cells into domain values, and every problem becomes an
 * ImportProblem that names the spreadsheet row and column the user sees.
 */

/** One cell as a reader delivers it. Dates only come from xlsx date cells. */
export type CellValue = string | number | boolean | Date | null;

/** One row as read, with the 1-based row number the user sees in their spreadsheet. */
export interface RawRow {
  rowNumber: number;
  cells: CellValue[];
}

/** An error (blocks the file) or a warning (does not), in plain Swedish. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/**
 * A problem that stops the file from being read at all (wrong format, too large,
 * unreadable, zip bomb, a damaged row). The message is Swedish and shown to the user
 * as-is; a reader that knows where the damage is gives its row and column too.
 */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly row: number | null = null,
    /** As the user sees it: a spreadsheet column letter (the reader knows no headers). */
    readonly column: string | null = null,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}
