/**
 * Streaming CSV/TXT reader. Peeks at the start of the file to detect encoding and
 * delimiter, then streams the whole file through (iconv-lite →) csv-parse without ever
 * holding it in memory.
 *
 * Row numbers are the rows the user sees when opening the file in Excel: every record
 * counts, blank lines included, and a quoted field with line breaks stays one row (as
 * in Excel, unlike a text editor's line numbers). Rows whose cells are all empty are
 * not yielded, but still count.
 */
import { createReadStream } from 'node:fs';
import { Readable, Transform, pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { columnLetters, ImportFileError, RawRow } from '../types';
import { completeUtf8Length, detectEncoding, TextEncoding } from './encoding';
import { Delimiter, detectDelimiter } from './delimiter';
import { tooManyRows } from './row-limit';
import { isUtf8 } from 'node:buffer';
import { t } from '../../i18n';

export interface CsvReadOptions {
  /** Most rows (as numbered in the file) accepted before the file is rejected. */
  maxRows: number;
  /** Sees every byte of the file once, in order, as it is read (e.g. to hash it on the way). */
  onBytes?: (chunk: Buffer) => void;
}

export interface CsvInfo {
  encoding: TextEncoding;
  delimiter: Delimiter;
}

/** How the file's bytes are framed. */
interface CsvFraming extends CsvInfo {
  /** Bytes of the byte-order mark before the first row. */
  bomLength: number;
  /** The first line is Excel's `sep=` hint, not a row. */
  sepLine: boolean;
  /** The encoding was certain (BOM or bytes only valid in it), for the UTF-8 guard's message. */
  certain: boolean;
}

export interface CsvReadResult {
  info: CsvInfo;
  rows: AsyncIterable<RawRow>;
  /** The same rows, as many at a time as the parser has ready (up to `BATCH_ROWS`). */
  batches: AsyncIterable<RawRow[]>;
}

/** Most rows in one batch. */
export const BATCH_ROWS = 2000;

/** Enough for dozens of lines of even a wide export; detection looks no further. */
const PEEK_BYTES = 64 * 1024;
/** Node's default read size: bigger reads make csv-parse produce more garbage at once (docs/benchmarks.md). */
const READ_CHUNK = 64 * 1024;
/** No sane attendance row is this long: a quote that never closes, or a damaged file. */
const MAX_RECORD_CHARS = 1_000_000;
/**
 * No attendance export has this many columns (a matrix of a whole school year has about
 * 200 date columns): more means a damaged row or the wrong delimiter, and each cell of a
 * row costs memory in every step after the reader.
 */
export const MAX_COLUMNS = 1000;
/** NUL: never in text (csv-parse would keep it, SQLite and pages would cut the text at it). */
const NUL = 0;

export async function readCsv(input: Readable | string, opts: CsvReadOptions): Promise<CsvReadResult> {
  const source = typeof input === 'string' ? createReadStream(input, { highWaterMark: READ_CHUNK }) : input;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head: Buffer;
  try {
    head = await peek(chunks, PEEK_BYTES);
  } catch (err) {
    source.destroy();
    throw err;
  }
  if (head.length === 0) throw new ImportFileError(t('imports.errors.filenArTom'), 'empty-file');
  opts.onBytes?.(head);

  const { encoding, bomLength, certain } = detectEncoding(head);
  const sampleText = iconv.decode(head.subarray(bomLength), encoding);
  const { delimiter, sepLine } = detectDelimiter(sampleText);
  const framing: CsvFraming = { encoding, delimiter, bomLength, sepLine, certain };
  const batches = parseBody(head.subarray(bomLength), chunks, framing, {
    fromLine: sepLine ? 2 : 1,
    maxRows: opts.maxRows,
    onBytes: opts.onBytes,
  });
  return {
    info: { encoding, delimiter },
    batches,
    rows: {
      async *[Symbol.asyncIterator]() {
        for await (const batch of batches) yield* batch;
      },
    },
  };
}

interface BodyOptions {
  fromLine: number;
  maxRows: number;
  onBytes?: (chunk: Buffer) => void;
}

/** Streams `head` and then the rest of the chunks through (iconv-lite →) csv-parse, as batches of rows. */
function parseBody(head: Buffer, chunks: AsyncIterator<Buffer>, framing: CsvFraming, opts: BodyOptions): AsyncIterable<RawRow[]> {
  const { encoding, delimiter, bomLength, certain } = framing;
  // Plain UTF-8 without BOM was detected from the first 64 KB only; check the rest
  // as it streams past (cheap) so a Windows-1252 "ö" further down is not turned into
  // garbage silently.
  const guardUtf8 = encoding === 'utf-8' && bomLength === 0;
  // UTF-16 has a NUL byte in every ASCII character: its cells are always searched.
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const state: PipelineState = { failure: null, onFailure: null, nulSeen: utf16 || head.includes(NUL) };
  const onBytes = (chunk: Buffer): void => {
    opts.onBytes?.(chunk);
    // A search for one byte is cheap; only after a NUL turns up are the cells searched.
    if (!state.nulSeen && chunk.includes(NUL)) state.nulSeen = true;
  };
  const body = Readable.from(concatChunks(head, chunks, guardUtf8, certain, onBytes), {
    objectMode: false,
  });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    from_line: opts.fromLine,
    max_record_size: MAX_RECORD_CHARS,
  });
  const stages: NodeJS.ReadWriteStream[] = [];
  // csv-parse reads UTF-8 bytes natively; only other encodings need a decoder stage.
  if (encoding !== 'utf-8') stages.push(iconv.decodeStream(encoding) as unknown as Transform);
  // Any stage's error (including our UTF-8 guard) ends up here and is handed to the
  // row iterator, which rethrows it to the consumer.
  pipeline([body, ...stages, parser] as unknown as [Readable, Transform], (err) => {
    if (err && !state.failure) {
      state.failure = err;
      state.onFailure?.();
    }
  });
  return iterateBatches(parser, body, state, opts.maxRows);
}

async function peek(chunks: AsyncIterator<Buffer>, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < bytes) {
    const next = await chunks.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

async function* concatChunks(
  head: Buffer,
  rest: AsyncIterator<Buffer>,
  guardUtf8: boolean,
  certain: boolean,
  onBytes: ((chunk: Buffer) => void) | undefined,
): AsyncGenerator<Buffer> {
  let pending = Buffer.alloc(0); // tail of an incomplete UTF-8 character, for the guard
  const check = (chunk: Buffer, final: boolean): void => {
    const joined = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const complete = final ? joined.length : completeUtf8Length(joined);
    if (!isUtf8(joined.subarray(0, complete))) throw notUtf8(certain);
    pending = Buffer.from(joined.subarray(complete));
  };
  try {
    if (guardUtf8) check(head, false);
    yield head;
    for (;;) {
      const next = await rest.next();
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      onBytes?.(chunk);
      if (guardUtf8) check(chunk, false);
      yield chunk;
    }
    if (guardUtf8 && pending.length) check(Buffer.alloc(0), true);
  } finally {
    // Stop and close the source when the consumer stops early or an error occurs.
    await rest.return?.();
  }
}

function notUtf8(certain: boolean): ImportFileError {
  return new ImportFileError(
    certain ? t('imports.errors.filenBlandarOlikaTeckenkodningar') : t('imports.errors.filensTeckenkodningKundeAvgoras'),
    'mixed-encoding',
  );
}

interface PipelineState {
  failure: Error | null;
  onFailure: (() => void) | null;
  /** A NUL byte has gone to the parser: from now on the cells are searched for it. */
  nulSeen: boolean;
}

/**
 * Reads records straight off the parser with `read()`, every record it has ready in one
 * batch, rather than through nested async iterators: at a million rows a promise per
 * row is what costs.
 */
function iterateBatches(parser: Transform, body: Readable, state: PipelineState, maxRows: number): AsyncIterable<RawRow[]> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<RawRow[]> {
      let rowNumber = 0;
      let ended = false;
      let wake: (() => void) | null = null;
      const notify = (): void => {
        const w = wake;
        wake = null;
        w?.();
      };
      state.onFailure = notify;
      parser.on('readable', notify);
      parser.on('end', () => {
        ended = true;
        notify();
      });
      parser.on('error', (err) => {
        state.failure ??= err;
        notify();
      });
      const close = (): void => {
        body.destroy();
        parser.destroy();
      };

      const next = async (): Promise<IteratorResult<RawRow[]>> => {
        for (;;) {
          if (state.failure) {
            // Before close(): the message depends on where the parser stopped.
            const err = toImportError(state.failure, parserQuoting(parser));
            close();
            throw err;
          }
          const batch: RawRow[] = [];
          let record: string[] | null = null;
          while (batch.length < BATCH_ROWS && (record = parser.read() as string[] | null) !== null) {
            rowNumber++;
            if (rowNumber > maxRows) {
              close();
              throw tooManyRows(maxRows);
            }
            if (record.length > MAX_COLUMNS) {
              close();
              throw tooManyColumns(rowNumber, record.length);
            }
            // Trim in place and turn '' into null: cheaper than building a new array.
            let any = false;
            const cells = record as (string | null)[];
            for (let i = 0; i < record.length; i++) {
              const v = record[i]!.trim();
              if (state.nulSeen && v.includes('\0')) {
                close();
                throw nulInRow(rowNumber, i + 1);
              }
              if (v === '') cells[i] = null;
              else {
                cells[i] = v;
                any = true;
              }
            }
            if (any) batch.push({ rowNumber, cells });
          }
          if (batch.length) return { done: false, value: batch };
          if (record === null && ended) return { done: true, value: undefined };
          if (record === null) await new Promise<void>((resolve) => (wake = resolve));
        }
      };
      return {
        next,
        async return(): Promise<IteratorResult<RawRow[]>> {
          close();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

const SAVE_AGAIN = t('imports.errors.oppnaFilenExcelKontrollera');

/** `atLeast`: the parser gave up on the row (too long) after this many columns. */
function tooManyColumns(row: number, columns: number, atLeast = false): ImportFileError {
  return new ImportFileError(
    t('imports.errors.tooManyColumns', {
      row,
      atLeast: atLeast ? t('imports.errors.tooManyColumns.atLeast') : '',
      columns: columns.toLocaleString('sv-SE'),
      max: MAX_COLUMNS.toLocaleString('sv-SE'),
      saveAgain: SAVE_AGAIN,
    }),
    'too-many-columns',
    row,
  );
}

function nulInRow(row: number, column: number): ImportFileError {
  return new ImportFileError(
    t('imports.errors.radInnehallerOtillatetTecken', { row, column: columnLetters(column), saveAgain: SAVE_AGAIN }),
    'nul-character',
    row,
    columnLetters(column),
  );
}

/** Whether csv-parse stopped inside a quoted field (its `state` is public for compatibility). */
function parserQuoting(parser: Transform): boolean {
  return (parser as unknown as { state?: { quoting?: unknown } }).state?.quoting === true;
}

function toImportError(err: unknown, quoting: boolean): Error {
  if (err instanceof ImportFileError) return err;
  if (err instanceof CsvError) {
    // Every record so far counted as a row (blank lines too): the bad one is the next.
    const row = (typeof err.records === 'number' ? err.records : 0) + 1;
    if (err.code === 'CSV_MAX_RECORD_SIZE' && !quoting) {
      // No open quote: the row itself is that long (csv-parse counts its fields so far).
      const fields = typeof err.column === 'number' ? err.column : 0;
      if (fields > MAX_COLUMNS) return tooManyColumns(row, fields, true);
      return new ImportFileError(
        t('imports.errors.rowTooLong', { row, max: MAX_RECORD_CHARS.toLocaleString('sv-SE'), saveAgain: SAVE_AGAIN }),
        'row-too-long',
        row,
      );
    }
    const why =
      err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE'
        ? t('imports.errors.citatteckenBorjarPaRad', { row })
        : t('imports.errors.radenArFelaktigtFormaterad', { row });
    return new ImportFileError(t('imports.errors.filenKundeLasas', { why, saveAgain: SAVE_AGAIN }), 'csv-syntax', row);
  }
  return new ImportFileError(t('imports.errors.filenKundeLasasForsok'), 'read-failed');
}
