/**
 * The fields an attendance export can hold, the shapes it can take, and the Layout
 * that layout detection produces: which row is the header and which column is which.
 */

export const FIELDS = [
  'personalNumber',
  'firstName',
  'lastName',
  'fullName',
  'className',
  'grade',
  'date',
  'status',
  'lesson',
  'absenceMinutes',
  'scheduledMinutes',
  'absenceType',
  'protected',
  'guardian1',
  'guardian2',
  'daysPresent',
  'validAbsenceDays',
  'unexplainedAbsenceDays',
  'unknownAbsenceDays',
  'firstDayPresent',
  // Summaries in minutes (scheduled minutes above serve both lessons and summaries).
  'attendedMinutes',
  'validAbsenceMinutes',
  'unexplainedAbsenceMinutes',
  'attendedPercent',
  'absencePercent',
  'validAbsencePercent',
  'unexplainedAbsencePercent',
] as const;

export type Field = (typeof FIELDS)[number];

/**
 * Summary minutes (scheduled minutes alone may be a lesson's length, so it is not one):
 * any of these makes a file without a date column a summary in minutes.
 */
export const MINUTE_SUMMARY_FIELDS: readonly Field[] = FIELDS.slice(FIELDS.indexOf('attendedMinutes'));

/** Swedish names of the fields, for messages and the column-mapping form. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = {
  personalNumber: 'personnummer',
  firstName: 'förnamn',
  lastName: 'efternamn',
  fullName: 'namn',
  className: 'klass',
  grade: 'årskurs',
  date: 'datum',
  status: 'närvaro',
  lesson: 'lektion',
  absenceMinutes: 'frånvaro i minuter',
  scheduledMinutes: 'schemalagd tid i minuter',
  absenceType: 'frånvarotyp',
  protected: 'skyddad identitet',
  guardian1: 'vårdnadshavare 1',
  guardian2: 'vårdnadshavare 2',
  daysPresent: 'antal närvarodagar',
  validAbsenceDays: 'dagar med giltig frånvaro',
  unexplainedAbsenceDays: 'dagar med ogiltig frånvaro',
  unknownAbsenceDays: 'dagar med frånvaro av okänd orsak',
  firstDayPresent: 'första närvarodag',
  attendedMinutes: 'närvarande tid i minuter',
  validAbsenceMinutes: 'giltig frånvaro i minuter',
  unexplainedAbsenceMinutes: 'ogiltig frånvaro i minuter',
  attendedPercent: 'närvaro i procent',
  absencePercent: 'frånvaro i procent',
  validAbsencePercent: 'giltig frånvaro i procent',
  unexplainedAbsencePercent: 'ogiltig frånvaro i procent',
};

/**
 * daily: one row per pupil and day (or lesson); matrix: one row per pupil and one
 * column per date; summary: one row per pupil with counts for the whole window.
 */
export type Shape = 'daily' | 'matrix' | 'summary';

export interface DateColumn {
  /** 0-based column index. */
  index: number;
  /** 'YYYY-MM-DD'. */
  date: string;
}

/** A mapping the user chose in the web UI: field → header text as written in the file. */
export type ColumnMapping = Partial<Record<Field, string>>;

export interface Layout {
  /** Row number (as in the spreadsheet) of the header row. */
  headerRow: number;
  /** null when the headers fit none of the shapes. */
  shape: Shape | null;
  /** Daily shape with one row per lesson (a lesson or minutes column exists). */
  perLesson: boolean;
  /** Field → 0-based column index. */
  columns: Partial<Record<Field, number>>;
  /**
   * Header cells that are dates, in column order: the day columns of a matrix. Present
   * whenever such cells exist; only a matrix uses them.
   */
  dateColumns?: DateColumn[];
  /** Header cells as written (text, or ISO date for date cells), by column index. */
  headers: string[];
  /** Headers of columns that are not used. */
  unknownColumns: string[];
  /** Fields the shape requires that were not found. */
  missing: Field[];
  /** Mapped header texts (from a saved mapping) that the header row does not contain. */
  unmatchedMapping: { field: Field; header: string }[];
  /**
   * Columns whose meaning is not clear: one header that reads as two fields, or two
   * columns that both read as one field. Each is an error naming the columns, never a
   * guess; the user's own mapping settles it.
   */
  ambiguous: { headers: string[]; fields: Field[] }[];
}
