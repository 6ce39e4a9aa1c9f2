import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf8-bom' | 'cp1252' | 'utf16le-bom';

/** A CSV as a school system or Excel would save it. */
export function csv(rows: (string | number | null)[][], opts: { encoding?: Encoding; delimiter?: string; eol?: string } = {}): Buffer {
  const d = opts.delimiter ?? ';';
  const text = rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(d)).join(opts.eol ?? '\r\n') + (opts.eol ?? '\r\n');
  switch (opts.encoding ?? 'utf8') {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'cp1252':
      return iconv.encode(text, 'windows-1252');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
  }
}

export type XlsxCell = string | number | Date | null;

/** An .xlsx written by exceljs, with real date cells and numbers where given. */
export async function xlsx(sheets: { name: string; rows: XlsxCell[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes a fixture into a fresh temp folder and returns its path. */
export function tempFile(name: string, content: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-fixture-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
