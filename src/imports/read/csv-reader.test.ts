import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import { ImportFileError, RawRow } from '../types';
import { readCsv } from './csv-reader';

const dir = mkdtempSync(join(tmpdir(), 'saknad-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function file(content: Buffer): string {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function collect(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function readAll(content: Buffer, maxRows = 1000) {
  const { info, rows } = await readCsv(file(content), { maxRows });
  return { info, rows: await collect(rows) };
}

const SWEDISH = 'Personnummer;Förnamn;Närvaro\r\n110703-2391;Åsa;Ogiltig frånvaro\r\n';
const EXPECTED_ROWS: RawRow[] = [
  { rowNumber: 1, cells: ['Personnummer', 'Förnamn', 'Närvaro'] },
  { rowNumber: 2, cells: ['110703-2391', 'Åsa', 'Ogiltig frånvaro'] },
];

describe('readCsv: encodings and delimiters', () => {
  it.each([
    ['Windows-1252, ;', iconv.encode(SWEDISH, 'win1252'), 'windows-1252', ';'],
    ['UTF-8 with BOM, ;', iconv.encode(SWEDISH, 'utf8', { addBOM: true }), 'utf-8', ';'],
    ['UTF-8 without BOM, ,', Buffer.from(SWEDISH.replace(/;/g, ',')), 'utf-8', ','],
    ['UTF-16 LE with BOM, tab', iconv.encode(SWEDISH.replace(/;/g, '\t'), 'utf-16le', { addBOM: true }), 'utf-16le', '\t'],
    ['UTF-16 BE with BOM, tab', iconv.encode(SWEDISH.replace(/;/g, '\t'), 'utf-16be', { addBOM: true }), 'utf-16be', '\t'],
  ])('%s', async (_name, content, encoding, delimiter) => {
    const { info, rows } = await readAll(content);
    expect(info).toEqual({ encoding, delimiter });
    expect(rows).toEqual(EXPECTED_ROWS);
  });
});

describe('readCsv: rows as Excel numbers them', () => {
  it('counts blank lines and title rows, yields no empty rows, trims, empty → null', async () => {
    const text = 'Närvarorapport\n\nPnr; Namn ;Klass\n1;  Omar ;\n;;\n\n2;Wilma;7A\n';
    const { rows } = await readAll(Buffer.from(text));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Närvarorapport'] },
      { rowNumber: 3, cells: ['Pnr', 'Namn', 'Klass'] },
      { rowNumber: 4, cells: ['1', 'Omar', null] },
      { rowNumber: 7, cells: ['2', 'Wilma', '7A'] },
    ]);
  });

  it('keeps a quoted field with line breaks in one row, as Excel shows it', async () => {
    const text = 'Pnr;Kommentar\r\n1;"rad ett\r\nrad två"\r\n2;ok\r\n';
    const { rows } = await readAll(Buffer.from(text));
    expect(rows.map((r) => [r.rowNumber, r.cells[1]])).toEqual([
      [1, 'Kommentar'],
      [2, 'rad ett\r\nrad två'],
      [3, 'ok'],
    ]);
  });

  it('skips Excel\'s "sep=" line, which Excel hides', async () => {
    const { info, rows } = await readAll(Buffer.from('sep=,\nPnr,Namn\n1,Omar\n'));
    expect(info.delimiter).toBe(',');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Pnr', 'Namn'] },
      { rowNumber: 2, cells: ['1', 'Omar'] },
    ]);
  });

  it('accepts rows of different lengths and stray quotes inside fields', async () => {
    const { rows } = await readAll(Buffer.from('a;b;c\n1;2\n3;4;5;6\n7;Ett "citat" här;9\n'));
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2'],
      ['3', '4', '5', '6'],
      ['7', 'Ett "citat" här', '9'],
    ]);
  });
});

describe('readCsv: input as a stream', () => {
  it('reads from a Readable delivered in small chunks', async () => {
    const content = iconv.encode(SWEDISH + '120101-0000;Ölof;N\r\n'.repeat(3), 'win1252');
    const chunks = Array.from({ length: Math.ceil(content.length / 7) }, (_, i) => content.subarray(i * 7, i * 7 + 7));
    const { info, rows } = await readCsv(Readable.from(chunks), { maxRows: 100 });
    const all = await collect(rows);
    expect(info.encoding).toBe('windows-1252');
    expect(all).toHaveLength(5);
    expect(all[4]).toEqual({ rowNumber: 5, cells: ['120101-0000', 'Ölof', 'N'] });
  });
});

describe('readCsv: streams large files', () => {
  it('detects from the first 64 KB and reads past it', async () => {
    const line = '20110703-2391;Omar;Rahimi;9B;2026-08-18;Närvarande\n';
    const count = 5000; // ~270 KB: well past the peek
    const content = iconv.encode('Personnummer;Förnamn;Efternamn;Klass;Datum;Närvaro\n' + line.repeat(count), 'win1252');
    const { info, rows } = await readCsv(file(content), { maxRows: 10_000 });
    let n = 0;
    let last: RawRow | undefined;
    for await (const row of rows) {
      n++;
      last = row;
    }
    expect(info).toEqual({ encoding: 'windows-1252', delimiter: ';' });
    expect(n).toBe(count + 1);
    expect(last).toEqual({
      rowNumber: count + 1,
      cells: ['20110703-2391', 'Omar', 'Rahimi', '9B', '2026-08-18', 'Närvarande'],
    });
  });

  it('stops cleanly when the consumer stops early', async () => {
    const content = Buffer.from('Pnr;Namn\n' + '1;A\n'.repeat(100_000));
    const { rows } = await readCsv(file(content), { maxRows: 1_000_000 });
    const seen: number[] = [];
    for await (const row of rows) {
      seen.push(row.rowNumber);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('readCsv: errors', () => {
  async function failure(content: Buffer, maxRows = 1000): Promise<ImportFileError> {
    try {
      const { rows } = await readCsv(file(content), { maxRows });
      await collect(rows);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportFileError);
      return e as ImportFileError;
    }
    throw new Error('expected an ImportFileError');
  }

  it.each([
    ['an empty file', Buffer.alloc(0), 1000, 'empty-file', /^Filen är tom\.$/],
    ['more rows than allowed', Buffer.from('a\nb\nc\nd\n'), 3, 'too-many-rows', /Filen har fler än 3 rader/],
    ['blank lines count towards the cap', Buffer.from('a\n\n\n\n'), 3, 'too-many-rows', /fler än 3 rader/],
    ['a quote that never closes', Buffer.from('Pnr;Namn\n1;"Omar\n2;Wilma\n'), 1000, 'csv-syntax', /citattecken.*rad 2/],
  ])('%s', async (_name, content, maxRows, code, message) => {
    const err = await failure(content, maxRows);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  const header = 'Personnummer;Namn;Närvaro\n';
  const row = '20110703-2391;Omar;Närvarande\n';
  it.each([
    // A quote open for more than a million characters is still an unclosed quote.
    [
      'a quote that never closes, past the size limit',
      header + row + '1;"Omar\n' + row.repeat(40_000),
      'csv-syntax',
      3,
      null,
      /citattecken \("\) som börjar på rad 3 avslutas aldrig/,
    ],
    [
      'a line of over a million characters without quotes',
      header + row + 'x'.repeat(1_100_000) + '\n' + row,
      'row-too-long',
      3,
      null,
      /^Rad 3 är för lång: över 1\s000\s000 tecken/,
    ],
    [
      '200,000 columns without quotes',
      header + ';'.repeat(199_999) + '\n' + row,
      'too-many-columns',
      2,
      null,
      /^Rad 2 har 200\s000 kolumner, men en närvarofil kan ha högst 1\s000\./,
    ],
    [
      '200,000 columns past the size limit',
      header + row + row + 'abcdef;'.repeat(200_000) + '\n',
      'too-many-columns',
      4,
      null,
      /^Rad 4 har minst \d+\s\d{3} kolumner/,
    ],
    ['1,001 columns', header + Array.from({ length: 1001 }, (_, i) => i).join(';') + '\n', 'too-many-columns', 2, null, /^Rad 2 har 1\s001 kolumner/],
    [
      'a NUL byte in a cell',
      header + row + '20110703-2391;Om\0ar;Närvarande\n',
      'nul-character',
      3,
      'B',
      /^Rad 3 innehåller ett otillåtet tecken \(NUL\) i kolumn B\..*CSV UTF-8/,
    ],
    [
      'a NUL byte far into the file',
      header + row.repeat(20_000) + ';;\0\n',
      'nul-character',
      20_002,
      'C',
      /^Rad 20002 innehåller ett otillåtet tecken \(NUL\)/,
    ],
  ])('%s: says what is wrong, with its row', async (_name, text, code, row, column, message) => {
    const err = await failure(Buffer.from(text), 1_000_000);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect([err.row, err.column]).toEqual([row, column]);
  });

  it('finds a NUL in a UTF-16 file too (where every ASCII character has a NUL byte)', async () => {
    const err = await failure(iconv.encode('Pnr\tNamn\r\n1\tOm\0ar\r\n', 'utf-16le', { addBOM: true }));
    expect([err.code, err.row, err.column]).toEqual(['nul-character', 2, 'B']);
  });

  it('reads 1,000 columns', async () => {
    const { rows } = await readAll(Buffer.from(Array.from({ length: 1000 }, (_, i) => `k${i}`).join(';') + '\n'));
    expect(rows[0]!.cells).toHaveLength(1000);
  });

  it('rejects a file that is ASCII at first and Windows-1252 further down', async () => {
    // Bigger than the first read from disk (512 KB), which detection looks at.
    const ascii = 'Pnr;Namn\n' + '1;Omar\n'.repeat(150_000);
    const content = Buffer.concat([Buffer.from(ascii), iconv.encode('2;Åsa\n', 'win1252')]);
    const err = await failure(content, 1_000_000);
    expect(err.code).toBe('mixed-encoding');
    expect(err.message).toMatch(/CSV UTF-8/);
  });
});
