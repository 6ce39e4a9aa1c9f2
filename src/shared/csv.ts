import { stringify } from 'csv-stringify/sync';

/**
 * CSV for spreadsheet users, written by csv-stringify: ';' separated (Swedish Excel),
 * CRLF line ends. Two defences against formula injection, both per cell:
 * - every cell holding a separator either program might use (';' or ',') or a quote
 *   or line break is quoted, so a value such as `Ekdal,=1+1,@SUM(9)` stays one cell;
 * - every text that a spreadsheet would run as a formula (starts with =, +, -, @, tab
 *   or CR) gets a leading quote character — at the start of the cell and after every
 *   ',', ';' or line break inside it (and any spaces after those). Quoting alone is not enough: where Excel's list
 *   separator is ',' it splits our ';' lines at commas, and a quote in the middle of
 *   such a piece does not protect it, so `=1+1` would start a cell of its own.
 */
export function neutraliseCsvText(value: string): string {
  return value.replace(/(^ *|[,;\r\n] *)(?=[=+\-@\t\r])/g, "$1'");
}

/** A spreadsheet cell (Excel export): only its start can begin a formula. */
export function neutraliseFormula(value: string): string {
  return /^ *[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A cell as text: numbers as they are (they cannot carry a formula), text neutralised. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return neutraliseCsvText(String(value));
}

const OPTIONS = {
  delimiter: ';',
  record_delimiter: 'windows',
  quoted_match: /[,;"\r\n]/,
} as const;

/** One CSV line (with its CRLF), every cell neutralised and quoted where needed. */
export function csvLine(values: unknown[]): string {
  return stringify([values.map(cellText)], OPTIONS);
}

/** One cell as it appears in a line (for tests and single values). */
export function csvCell(value: unknown): string {
  return csvLine([value]).slice(0, -2);
}
