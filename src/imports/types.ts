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
 * A problem with the file as a whole (wrong format, too large, unreadable, zip bomb).
 * The message is Swedish and shown to the user as-is.
 */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
