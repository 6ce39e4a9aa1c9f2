import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ImportFileError, RawRow } from '../types';
import { readXlsx, XlsxReadOptions } from './xlsx-reader';
import { buildZip } from '../../../tests/helpers/zip-fixture';

const dir = mkdtempSync(join(tmpdir(), 'saknad-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function save(wb: ExcelJS.Workbook): Promise<string> {
  const path = join(dir, `w${n++}.xlsx`);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

const LIMITS: XlsxReadOptions = { maxRows: 10_000, maxUncompressedBytes: 50 * 1024 * 1024 };

async function read(path: string, opts: Partial<XlsxReadOptions> = {}) {
  const { info, rows } = await readXlsx(path, { ...LIMITS, ...opts });
  const all: RawRow[] = [];
  for await (const row of rows) all.push(row);
  return { info, rows: all };
}

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** A matrix export as school systems write it: title rows, date header cells. */
function matrixWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Närvaro HT');
  ws.getCell('A1').value = 'Närvaro per dag – Exempelskolan';
  ws.getCell('A2').value = 'Period 2026-08-18 – 2026-08-19';
  ws.getRow(4).values = ['Elev', 'Personnummer', 'Klass', utc(2026, 8, 18), utc(2026, 8, 19)];
  ws.getCell('D4').numFmt = 'yyyy-mm-dd';
  ws.getCell('E4').numFmt = 'd/m';
  ws.getRow(5).values = ['Rahimi, Omar', 1107032391, '9B', 'O', 'N'];
  ws.getRow(6).values = [' Lindqvist, Wilma ', '20130620-2381', '7A', 'G', ''];
  return wb;
}

describe('readXlsx: cell values', () => {
  it('keeps Excel row numbers, skips empty rows, reads date header cells and numeric personal numbers', async () => {
    const { info, rows } = await read(await save(matrixWorkbook()));
    expect(info).toEqual({ sheetName: 'Närvaro HT', sheetNames: ['Närvaro HT'] });
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Närvaro per dag – Exempelskolan'] },
      { rowNumber: 2, cells: ['Period 2026-08-18 – 2026-08-19'] },
      { rowNumber: 4, cells: ['Elev', 'Personnummer', 'Klass', utc(2026, 8, 18), utc(2026, 8, 19)] },
      { rowNumber: 5, cells: ['Rahimi, Omar', 1107032391, '9B', 'O', 'N'] },
      // Trailing empty cells are not written by Excel: rows may be shorter than the header.
      { rowNumber: 6, cells: ['Lindqvist, Wilma', '20130620-2381', '7A', 'G'] },
    ]);
  });

  it.each<[string, ExcelJS.CellValue, string | undefined, unknown]>([
    ['text', 'Närvarande', undefined, 'Närvarande'],
    ['number', 42, undefined, 42],
    ['boolean', true, undefined, true],
    ['date cell', utc(2026, 8, 18), 'yyyy-mm-dd', utc(2026, 8, 18)],
    ['rich text, flattened', { richText: [{ text: 'Ogiltig ' }, { font: { bold: true }, text: 'frånvaro' }] }, undefined, 'Ogiltig frånvaro'],
    ['formula: its result', { formula: 'A1&"x"', result: 'Nx' }, undefined, 'Nx'],
    ['numeric formula result', { formula: '1+1', result: 2 }, undefined, 2],
    ['date formula in a date-formatted cell', { formula: 'DATE(2026,8,18)', result: 46252 }, 'yyyy-mm-dd', utc(2026, 8, 18)],
    ['hyperlink: its text', { text: 'Skolwebben', hyperlink: 'https://example.org' }, undefined, 'Skolwebben'],
    ['error cell', { error: '#N/A' }, undefined, null],
    ['whitespace only', '   ', undefined, null],
  ])('%s', async (_name, value, numFmt, expected) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.getCell('A1').value = 'Värde';
    ws.getCell('B2').value = value;
    if (numFmt) ws.getCell('B2').numFmt = numFmt;
    ws.getCell('C2').value = 'x'; // keeps the row from being empty
    const { rows } = await read(await save(wb));
    expect(rows[1].cells[1]).toEqual(expected);
  });
});

describe('readXlsx: choosing the sheet', () => {
  async function threeSheets(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Instruktioner'); // empty
    const hidden = wb.addWorksheet('Dolt');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = 'hemligt';
    wb.addWorksheet('Närvaro').getCell('A1').value = 'Personnummer';
    wb.addWorksheet('Summering').getCell('A1').value = 'Personnr';
    return save(wb);
  }

  it('takes the first visible sheet with data', async () => {
    const { info, rows } = await read(await threeSheets());
    expect(info).toEqual({ sheetName: 'Närvaro', sheetNames: ['Instruktioner', 'Närvaro', 'Summering'] });
    expect(rows).toEqual([{ rowNumber: 1, cells: ['Personnummer'] }]);
  });

  it.each([
    ['Summering', 'Summering', 'Personnr'],
    [' summering ', 'Summering', 'Personnr'],
    ['Närvaro', 'Närvaro', 'Personnummer'],
  ])('takes the sheet named %j', async (wanted, sheetName, firstCell) => {
    const { info, rows } = await read(await threeSheets(), { sheet: wanted });
    expect(info.sheetName).toBe(sheetName);
    expect(rows[0].cells[0]).toBe(firstCell);
  });

  it('names the available sheets when the wanted one is missing', async () => {
    await expect(readXlsx(await threeSheets(), { ...LIMITS, sheet: 'Frånvaro' })).rejects.toMatchObject({
      code: 'sheet-missing',
      message: 'Fliken ”Frånvaro” finns inte i filen. Filen har flikarna ”Instruktioner”, ”Närvaro”, ”Summering”.',
    });
  });

  it('says so when every sheet is empty', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Blad1');
    await expect(readXlsx(await save(wb), LIMITS)).rejects.toMatchObject({ code: 'no-data' });
  });
});

/** Workbook parts written by hand: parts in any order, contents no spreadsheet program writes. */
const part = (name: string, xml: string) => ({ name, data: Buffer.from(xml) });
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const sheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

describe('readXlsx: a workbook with its parts in LibreOffice order', () => {
  // LibreOffice writes the sheets before workbook.xml and sharedStrings.xml, so
  // exceljs must buffer them; names, shared strings and date styles must still work.
  function libreOfficeStyle(): Buffer {
    return buildZip([
      part(
        '_rels/.rels',
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      part('xl/worksheets/sheet1.xml', sheet('')),
      part(
        'xl/worksheets/sheet2.xml',
        sheet(
          '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" s="1" t="n"><v>46252</v></c></row>' +
            '<row r="4"><c r="A4" t="n"><v>905222386</v></c><c r="B4" t="s"><v>1</v></c></row>',
        ),
      ),
      part(
        'xl/workbook.xml',
        `<?xml version="1.0"?><workbook ${NS} ${R}><sheets><sheet name="Tom &amp; tråkig" sheetId="1" r:id="rId2"/><sheet name="Data" sheetId="2" r:id="rId3"/></sheets></workbook>`,
      ),
      part(
        'xl/styles.xml',
        `<?xml version="1.0"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="YYYY-MM-DD"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      ),
      part(
        'xl/_rels/workbook.xml.rels',
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      part('xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${NS}><si><t>Elev</t></si><si><r><t>Hiba </t></r><r><rPr><b/></rPr><t>Hassan</t></r></si></sst>`),
    ]);
  }

  it('reads names, shared strings, rich text and date cells', async () => {
    const path = join(dir, 'libreoffice.xlsx');
    writeFileSync(path, libreOfficeStyle());
    const { info, rows } = await read(path);
    expect(info).toEqual({ sheetName: 'Data', sheetNames: ['Tom & tråkig', 'Data'] });
    expect(rows).toEqual([
      { rowNumber: 3, cells: ['Elev', utc(2026, 8, 18)] },
      { rowNumber: 4, cells: [905222386, 'Hiba Hassan'] },
    ]);
  });
});

describe('readXlsx: a shared-string index that points nowhere', () => {
  /** Like Excel writes it (workbook, shared strings, then the sheet), with the given sheet rows. */
  function withSheetRows(rows: string): string {
    const path = join(dir, `strings${n++}.xlsx`);
    writeFileSync(
      path,
      buildZip([
        part('xl/workbook.xml', `<?xml version="1.0"?><workbook ${NS} ${R}><sheets><sheet name="Närvaro" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        part(
          'xl/_rels/workbook.xml.rels',
          `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ),
        part('xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${NS}><si><t>Personnummer</t></si><si><t>Närvarande</t></si></sst>`),
        part('xl/worksheets/sheet1.xml', sheet(rows)),
      ]),
    );
    return path;
  }

  it.each([
    ['past the end of the table', '2', 'C5'],
    ['far past it', '99999', 'B5'],
    ['negative', '-1', 'AA5'],
    ['not a number', 'x', 'C5'],
  ])('rejects a shared-string index %s, naming its row and column', async (_name, index, ref) => {
    const path = withSheetRows(
      '<row r="4"><c r="A4" t="s"><v>0</v></c></row>' + `<row r="5"><c r="A5" t="n"><v>905222386</v></c><c r="${ref}" t="s"><v>${index}</v></c></row>`,
    );
    const err = await read(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    const column = ref.replace(/\d/g, '');
    expect(err).toMatchObject({ code: 'xlsx-missing-string', row: 5, column });
    expect((err as ImportFileError).message).toMatch(
      new RegExp(`^Cellen ${ref} \\(rad 5, kolumn ${column}\\) på fliken ”Närvaro” hänvisar till en text som inte finns`),
    );
  });

  it('reads shared strings whose index points into the table (the first one too)', async () => {
    const { rows } = await read(withSheetRows('<row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>1</v></c></row>'));
    expect(rows).toEqual([{ rowNumber: 4, cells: ['Personnummer', 'Närvarande'] }]);
  });
});

describe('readXlsx: limits', () => {
  it('rejects more rows than allowed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    for (let r = 1; r <= 20; r++) ws.getCell(`A${r}`).value = r;
    const path = await save(wb);
    await expect(read(path, { maxRows: 10 })).rejects.toMatchObject({
      code: 'too-many-rows',
      message: expect.stringMatching(/^Filen har fler än 10 rader/),
    });
  });

  it('rejects a workbook that unpacks to more than the limit, before reading it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    for (let r = 1; r <= 2000; r++) ws.getRow(r).values = ['20110703-2391', 'Omar', 'Rahimi', '9B', 'N'];
    const path = await save(wb);
    const err = await readXlsx(path, { ...LIMITS, maxUncompressedBytes: 100 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as ImportFileError).code).toBe('zip-too-large');
    expect((err as ImportFileError).message).toMatch(/^Filen packas upp till mer än 0 MB/);
  });

  it('rejects a zip that is not a workbook', async () => {
    const path = join(dir, 'document.xlsx');
    writeFileSync(path, buildZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));
    await expect(readXlsx(path, LIMITS)).rejects.toMatchObject({ code: 'not-workbook' });
  });
});
