/**
 * CSV for spreadsheet users: ';' separated (Swedish Excel), and every cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with a quote
 * character so an export can never execute anything.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown): string {
  const s = neutraliseFormula(value === null || value === undefined ? '' : String(value));
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(';') + '\r\n';
}
