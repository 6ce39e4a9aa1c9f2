/**
 * Streaming .xlsx reader on exceljs's WorkbookReader. The archive is checked against
 * zip bombs first (zip-guard.ts), which also tells us the sheet names and which sheets
 * hold values, so the sheet to read is chosen before any XML is parsed.
 *
 * Rows carry their Excel row numbers; rows without any value are not yielded.
 * Date cells come out as Date at UTC midnight of the day shown in Excel.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { CellValue, columnLetters, ImportFileError, RawRow } from '../types';
import { CheckedZip, checkZip } from './zip-guard';
import { listSheets, SheetEntry, WORKBOOK_PART, WORKBOOK_RELS_PART } from './xlsx-workbook';
import { toCellValue } from './xlsx-cell';
import { tooManyRows } from './row-limit';
import { DEFAULT_XLSX_TEXT_CAPS, textCapScanner, type XlsxTextCaps } from './xlsx-text-caps';
import { t } from '../../i18n';

export interface XlsxReadOptions {
  /** Sheet (tab) name to read; default: the first visible sheet with any value. */
  sheet?: string;
  maxRows: number;
  maxUncompressedBytes: number;
  /** Shared strings and cell text, capped before they are held in memory (xlsx-text-caps.ts). */
  textCaps?: XlsxTextCaps;
}

export interface XlsxInfo {
  sheetName: string;
  /** Visible sheets in tab order, for letting the user choose another. */
  sheetNames: string[];
}

export interface XlsxReadResult {
  info: XlsxInfo;
  rows: AsyncIterable<RawRow>;
  /** The same rows, as many at a time as exceljs has parsed from one piece of the file. */
  batches: AsyncIterable<RawRow[]>;
}

/** exceljs reads only worksheet parts named like this; others cannot be streamed. */
const STREAMABLE_SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
const STYLES_PART = 'xl/styles.xml';

export async function readXlsx(filePath: string, opts: XlsxReadOptions): Promise<XlsxReadResult> {
  const zip = await checkZip(
    filePath,
    { maxUncompressedBytes: opts.maxUncompressedBytes },
    [WORKBOOK_PART, WORKBOOK_RELS_PART],
    (name) => STREAMABLE_SHEET.test(name),
    (name) => {
      const caps = opts.textCaps ?? DEFAULT_XLSX_TEXT_CAPS;
      if (name === SHARED_STRINGS_PART) return textCapScanner('sharedStrings', caps);
      return /^xl\/worksheets\/[^/]+\.xml$/.test(name) ? textCapScanner('sheet', caps) : null;
    },
  );
  const workbookXml = zip.kept.get(WORKBOOK_PART);
  const relsXml = zip.kept.get(WORKBOOK_RELS_PART);
  if (workbookXml === undefined || relsXml === undefined) {
    throw new ImportFileError(t('imports.errors.filenArIngenExcel'), 'not-workbook');
  }
  const sheets = listSheets(workbookXml, relsXml);
  const sheetNames = sheets.filter((s) => !s.hidden).map((s) => s.name);
  const chosen = chooseSheet(sheets, sheetNames, zip.withValues, opts.sheet);
  if (!STREAMABLE_SHEET.test(chosen.path)) {
    throw new ImportFileError(t('imports.errors.flikenKundeLasasOppna', { name: chosen.name }), 'sheet-unreadable');
  }
  const batches: AsyncIterable<RawRow[]> = {
    [Symbol.asyncIterator]: () => streamRows(filePath, zip, chosen, opts.maxRows),
  };
  return {
    info: { sheetName: chosen.name, sheetNames },
    batches,
    rows: {
      async *[Symbol.asyncIterator]() {
        for await (const batch of batches) yield* batch;
      },
    },
  };
}

function chooseSheet(sheets: SheetEntry[], visibleNames: string[], withValues: Set<string>, wanted: string | undefined): SheetEntry {
  if (wanted !== undefined) {
    const key = (s: string): string => s.trim().toLocaleLowerCase('sv-SE');
    const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => key(s.name) === key(wanted));
    if (found) return found;
    throw new ImportFileError(
      t('imports.errors.flikenFilenFilen', { wanted }) +
        (visibleNames.length === 1 ? 'fliken ' : 'flikarna ') +
        visibleNames.map((n) => `”${n}”`).join(', ') +
        '.',
      'sheet-missing',
    );
  }
  // A hidden sheet is not what the principal looked at; use one only as a last resort.
  const found = sheets.find((s) => !s.hidden && withValues.has(s.path)) ?? sheets.find((s) => withValues.has(s.path));
  if (found) return found;
  throw new ImportFileError(t('imports.errors.excelFilenInnehallerInga'), 'no-data');
}

/**
 * The zip exceljs gets to see: only the parts it needs, in the order its streaming
 * reader handles best. Entries are copied byte for byte from the checked file.
 *
 * Why: exceljs names sheets and resolves shared strings only for parts that come
 * before the sheet; otherwise it parks sheets in temporary files (pupil data on disk)
 * and, in our tests, now and then lost the parts after the sheets (about 1 run in 15
 * on a workbook exceljs itself wrote), which fails or, worse, could yield empty cells.
 * With workbook, shared strings and styles first and a single sheet, it streams the
 * sheet straight from the zip.
 */
function reorderedZip(filePath: string, zip: CheckedZip, sheetPath: string): Readable {
  const { entries, directoryStart } = zip;
  const order = [WORKBOOK_RELS_PART, WORKBOOK_PART, SHARED_STRINGS_PART, STYLES_PART, sheetPath];
  const byName = new Map(entries.map((e) => [e.name, e]));
  type Range = { start: number; end: number } | Buffer;
  const ranges = order.flatMap((name): Range[] => {
    const e = byName.get(name);
    if (e) return [{ start: e.localHeaderOffset, end: e.end }];
    // Without a shared-strings part (a workbook of numbers only) exceljs would park the
    // sheet in a temporary file; an empty table lets it stream instead.
    return name === SHARED_STRINGS_PART ? [EMPTY_SHARED_STRINGS] : [];
  });
  // The unzipper wants a central directory after the last entry; it reads past it
  // without using its offsets, so the original one does.
  ranges.push({ start: directoryStart, end: Infinity });
  async function* bytes(): AsyncGenerator<Buffer> {
    for (const range of ranges) {
      if (Buffer.isBuffer(range)) {
        yield range;
        continue;
      }
      const { start, end } = range;
      const part = createReadStream(filePath, {
        start,
        end: end === Infinity ? undefined : end - 1,
        highWaterMark: 256 * 1024,
      });
      for await (const chunk of part) yield chunk as Buffer;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** A stored (uncompressed) zip entry xl/sharedStrings.xml holding an empty table. */
const EMPTY_SHARED_STRINGS = ((): Buffer => {
  const name = Buffer.from(SHARED_STRINGS_PART);
  const data = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>' + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0); // local file header
  header.writeUInt16LE(20, 4); // version needed
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18); // compressed size (stored)
  header.writeUInt32LE(data.length, 22); // uncompressed size
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
})();

/** One piece of parsed sheet XML as exceljs's worksheet reader hands it on. */
type SheetEvents = { eventType: string; value: unknown }[];

/**
 * The sheet's rows, one batch per piece exceljs parses: its `parse()` gives a piece's
 * events at once, where iterating the sheet costs a promise per row (200,000 rows, 200,000
 * promises). Falls back to that iteration should `parse` ever go away.
 */
function sheetRowBatches(sheet: ExcelJS.stream.xlsx.WorksheetReader): AsyncIterable<ExcelJS.Row[]> {
  const parse = (sheet as unknown as { parse?: () => AsyncIterable<SheetEvents> }).parse;
  if (typeof parse !== 'function') {
    return (async function* () {
      for await (const row of sheet) yield [row];
    })();
  }
  return (async function* () {
    for await (const events of parse.call(sheet)) {
      const rows: ExcelJS.Row[] = [];
      for (const e of events) if (e.eventType === 'row') rows.push(e.value as ExcelJS.Row);
      if (rows.length) yield rows;
    }
  })();
}

async function* streamRows(filePath: string, zip: CheckedZip, sheet: SheetEntry, maxRows: number): AsyncGenerator<RawRow[]> {
  const input = reorderedZip(filePath, zip, sheet.path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles are needed to tell date cells from numbers; links are read as their text.
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  try {
    // The stream holds exactly one worksheet: ours.
    for await (const worksheet of reader) {
      // The shared strings are all read by now (they come before the sheet).
      guardSharedStrings(reader);
      for await (const rows of sheetRowBatches(worksheet)) {
        const batch: RawRow[] = [];
        for (const row of rows) {
          if (row.number > maxRows) throw tooManyRows(maxRows);
          const cells = rowCells(row, sheet.name);
          if (cells) batch.push({ rowNumber: row.number, cells });
        }
        if (batch.length) yield batch;
      }
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(t('imports.errors.excelFilenKundeLasas'), 'xlsx-unreadable');
  } finally {
    input.destroy();
  }
}

/**
 * exceljs gives a text cell whose shared-string index points past the table no value at
 * all: a damaged file would read as empty cells, i.e. "not reported". In the table's
 * prototype chain this makes such a lookup give a `{ sharedString }` marker that rowCells
 * rejects instead. Lookups that find their string never reach it, so it costs nothing per
 * cell (a Proxy around the table itself costs about 0.2 µs on every lookup). The marker's
 * index stays a string: exceljs takes a value with a truthy `sharedString` for a
 * shared-string cell, and index 0 as a number would not be.
 */
const MISSING_SHARED_STRING: object = new Proxy(Array.prototype, {
  get: (target, key, receiver) => (typeof key === 'string' && /^(-?\d+|NaN)$/.test(key) ? { sharedString: key } : Reflect.get(target, key, receiver)),
});

function guardSharedStrings(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const strings = (reader as unknown as { sharedStrings?: unknown }).sharedStrings;
  if (Array.isArray(strings)) Object.setPrototypeOf(strings, MISSING_SHARED_STRING);
}

function missingSharedString(row: number, column: number, sheetName: string): ImportFileError {
  const letters = columnLetters(column);
  return new ImportFileError(t('imports.errors.cellenRadKolumnPa', { letters, row, sheetName }), 'xlsx-missing-string', row, letters);
}

/** Cells of a row as CellValues (index 0 = column A), or null when all are empty. */
function rowCells(row: ExcelJS.Row, sheetName: string): CellValue[] | null {
  const values = row.values as unknown[]; // sparse, index = column number
  const cells: CellValue[] = new Array<CellValue>(Math.max(0, values.length - 1));
  let any = false;
  for (let col = 1; col < values.length; col++) {
    const raw = values[col];
    let v: CellValue;
    if (typeof raw === 'object' && raw !== null && !(raw instanceof Date) && 'formula' in raw) {
      v = toCellValue(raw, isDateFormat(row.getCell(col).numFmt));
    } else if (typeof raw === 'object' && raw !== null && 'sharedString' in raw) {
      // A text cell whose text could not be looked up (see MISSING_SHARED_STRING): never pass it on as empty.
      throw missingSharedString(row.number, col, sheetName);
    } else {
      v = toCellValue(raw);
    }
    cells[col - 1] = v;
    if (v !== null) any = true;
  }
  return any ? cells : null;
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  // Same test as exceljs applies to plain cells: date letters outside quotes/brackets.
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
