/**
 * Where a large CSV can be cut in two so that each half can be read on its own thread
 * (see imports/parallel). A cut is only made where reading the halves separately gives
 * exactly what reading the whole file gives; otherwise there is no cut and the file is
 * read in one go, as always:
 *
 * - UTF-8 or Windows-1252 (a line break is one byte, and cannot be part of a character);
 * - no quote character before the cut, so no quoted field (which may hold line breaks)
 *   is open there, and every line before it is one row: the rows before the cut can be
 *   counted by counting line breaks, and the second half's rows numbered on from there;
 * - one kind of line ending before the cut (CRLF throughout or LF throughout), which the
 *   second half's parser is then told, as csv-parse detects it from the first line;
 * - the cut falls between two rows with different personal-number cells, so a pupil's
 *   rows (usually together) are not split between the halves.
 *
 * Pure apart from `read`: tests give it a buffer.
 */
import fs from 'node:fs';
import type { CsvFraming } from './csv-reader';

export interface CsvSplit {
  /** Byte offset of the first row of the second half. */
  start: number;
  /** Rows (records) before it, as the reader numbers them. */
  rowsBefore: number;
  recordDelimiter: '\n' | '\r\n';
}

/**
 * Reads up to 1 MB at `position` (fewer at the end of the file). The bytes are only
 * good until the next call.
 */
export type ReadBytes = (position: number, length: number) => Buffer;

/** ReadBytes over a file descriptor, into one reused buffer (fresh buffers cost more than the reading). */
export function readFromFd(fd: number): ReadBytes {
  const buf = Buffer.allocUnsafe(CHUNK);
  return (position, length) => buf.subarray(0, fs.readSync(fd, buf, 0, Math.min(length, CHUNK), position));
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const CHUNK = 1024 * 1024;
/** How far past the middle to look for the next pupil's first row. */
const BOUNDARY_WINDOW = CHUNK;

export function planCsvSplit(read: ReadBytes, size: number, framing: CsvFraming, keyColumn: number, minRowsBefore: number): CsvSplit | null {
  if (framing.encoding !== 'utf-8' && framing.encoding !== 'windows-1252') return null;
  const bodyStart = framing.bomLength;
  const middle = bodyStart + Math.floor((size - bodyStart) / 2);

  // The first half up to the middle: no quotes; line breaks counted, with their CRs.
  // One pass over the bytes (a million indexOf calls cost several times more).
  let lineFeeds = 0;
  let crlfs = 0;
  let lastLf = -1;
  /** CRs up to the last line feed so far, and those after it (counted once a line feed follows). */
  let crsBefore = 0;
  let crsPending = 0;
  let previous = -1;
  for (let at = bodyStart; at < middle; ) {
    const buf = read(at, Math.min(CHUNK, middle - at));
    if (buf.length !== Math.min(CHUNK, middle - at)) return null; // the file changed under us
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b > CR) {
        if (b === QUOTE) return null;
      } else if (b === LF) {
        lineFeeds++;
        if (previous === CR) crlfs++;
        lastLf = at + i;
        crsBefore += crsPending;
        crsPending = 0;
      } else if (b === CR) crsPending++;
      previous = b;
    }
    at += buf.length;
  }
  if (lineFeeds === 0) return null;
  const crlf = crlfs === lineFeeds;
  if (!crlf && crlfs !== 0) return null;
  // Every CR is the first half of a CRLF, or there is none: no lone CR (an old Mac line end).
  if (crsBefore !== crlfs) return null;

  // From the line holding the middle: the first row whose personal-number cell differs
  // from the row before it.
  const lineStart = lastLf + 1;
  const window = read(lineStart, Math.min(BOUNDARY_WINDOW, size - lineStart));
  let from = 0;
  let previousKey: string | null = null;
  for (let line = 0; ; line++) {
    const end = window.indexOf(LF, from);
    if (end === -1) return null; // no complete line left in the window
    const text = window.subarray(from, end);
    if (text.includes(QUOTE)) return null;
    const crs = countByte(text, CR);
    if (crs !== (crlf ? 1 : 0) || (crlf && text[text.length - 1] !== CR)) return null;
    const key = (text.toString('latin1').replace(/\r$/, '').split(framing.delimiter)[keyColumn] ?? '').trim();
    if (previousKey !== null && key !== previousKey && key !== '') {
      const rowsBefore = lineFeeds + line - (framing.sepLine ? 1 : 0);
      if (rowsBefore < minRowsBefore) return null;
      return { start: lineStart + from, rowsBefore, recordDelimiter: crlf ? '\r\n' : '\n' };
    }
    // A blank line has no pupil to keep together.
    if (key !== '') previousKey = key;
    from = end + 1;
  }
}

/**
 * Whether the rows read so far keep each pupil's rows together (as most exports do,
 * sorted by class and name): then a cut between two pupils is likely to leave every
 * pupil in one half. A file sorted by date has every pupil in both halves, and the
 * second half read on another thread would be read again here (twice the work and the
 * memory), so such a file is not cut. `keys` are the personal-number cells in row order.
 */
export function rowsKeptTogether(keys: readonly string[]): boolean {
  const seen = new Set<string>();
  let previous: string | null = null;
  for (const k of keys) {
    if (k === '' || k === previous) continue;
    if (seen.has(k)) return false; // back to a pupil after another one
    seen.add(k);
    previous = k;
  }
  // Some pupil must have had more than one row, or nothing shows how the file is sorted.
  return seen.size > 0 && seen.size < keys.filter((k) => k !== '').length;
}

function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}
