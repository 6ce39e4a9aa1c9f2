import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../shared';

export interface Sheet {
  name: string;
  /** Lines above the table (title, round, definitions). */
  intro?: string[];
  header: string[];
  rows: (string | number | null)[][];
}

/** Excel forbids these in sheet names and allows at most 31 characters. */
const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

const cell = (v: string | number | null): string | number => (v === null ? '–' : typeof v === 'number' ? v : neutraliseFormula(v));

/** A workbook with one sheet per table; text cells are neutralised so no cell can run as a formula. */
export async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name));
    for (const line of s.intro ?? []) ws.addRow([cell(line)]);
    if (s.intro?.length) ws.addRow([]);
    const header = ws.addRow(s.header.map(cell));
    header.font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map(cell));
    ws.getColumn(1).width = 32;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
