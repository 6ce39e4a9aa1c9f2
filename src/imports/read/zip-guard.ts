/**
 * Zip-bomb guard for .xlsx uploads, run BEFORE the workbook is streamed.
 *
 * An .xlsx is a zip archive; a few kilobytes can inflate to gigabytes. The streaming
 * reader (exceljs → unzipper) trusts the archive, so we check it first:
 *  1. read the central directory (found via the end-of-central-directory record) and
 *     reject declared totals above the limit or absurd per-entry compression ratios;
 *  2. check the entries lie back to back, so no entry hides from the directory (a
 *     streaming unzipper reads local headers in file order, directory or not);
 *  3. inflate every entry once, counting bytes and stopping at the limit, because the
 *     declared sizes are just numbers the file's author wrote. Inflating is fast next
 *     to XML parsing, so this costs a few percent of the read.
 * While inflating we keep the two small workbook parts that name the sheets and note
 * which sheets hold any value, so the reader can pick a sheet before streaming.
 */
import { createReadStream } from 'node:fs';
import { open, FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { ImportFileError } from '../types';
import { t } from '../../i18n';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /**
   * Where the entry's bytes (local header, data, data descriptor) end in the file:
   * bytes `localHeaderOffset` to `end` can be copied as-is into another zip stream.
   */
  end: number;
}

export interface ZipGuardLimits {
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio allowed for an entry above `ratioFloorBytes`. */
  maxRatio?: number;
  ratioFloorBytes?: number;
  maxEntries?: number;
}

export interface CheckedZip {
  entries: ZipEntry[];
  totalUncompressed: number;
  /** Offset of the central directory, which runs to the end of the file. */
  directoryStart: number;
  /** Inflated text of the entries asked for in `keep` (small parts only). */
  kept: Map<string, string>;
  /** Entry names (worksheets) whose XML contains at least one cell value. */
  withValues: Set<string>;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const MAX_KEPT_BYTES = 8 * 1024 * 1024;
/** Data descriptor after an entry: up to 24 bytes (zip64 with signature). */
const MAX_DESCRIPTOR_GAP = 24;

export async function checkZip(
  filePath: string,
  limits: ZipGuardLimits,
  keep: string[] = [],
  scanForValues: (name: string) => boolean = () => false,
  /** A part's inflated bytes in order, as they stream past (nothing kept); may throw to refuse the file. */
  inspect: (name: string) => ((chunk: Buffer) => void) | null = () => null,
): Promise<CheckedZip> {
  const maxRatio = limits.maxRatio ?? 300;
  const ratioFloor = limits.ratioFloorBytes ?? 1024 * 1024;
  const fh = await open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const { entries, directoryStart } = await readCentralDirectory(fh, size, limits.maxEntries ?? 10_000);
    let declared = 0;
    for (const e of entries) {
      if (e.flags & 1) throw encrypted();
      if (e.method !== 0 && e.method !== 8) throw unsupported();
      declared += e.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) throw tooLarge(limits.maxUncompressedBytes);
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (e.uncompressedSize > ratioFloor && ratio > maxRatio) throw bomb();
    }
    const dataStarts = await checkLayout(fh, entries, size, directoryStart);

    const kept = new Map<string, string>();
    const withValues = new Set<string>();
    let actual = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const wantText = keep.includes(e.name);
      const scan = scanForValues(e.name);
      const observe = inspect(e.name);
      const parts: Buffer[] = [];
      let keptBytes = 0;
      let tail = '';
      actual += await inflateCounted(
        filePath,
        e,
        dataStarts[i],
        limits.maxUncompressedBytes - actual,
        () => tooLarge(limits.maxUncompressedBytes),
        (chunk) => {
          observe?.(chunk);
          if (wantText && keptBytes < MAX_KEPT_BYTES) {
            parts.push(chunk);
            keptBytes += chunk.length;
          }
          if (scan && !withValues.has(e.name)) {
            // Values sit in <v> (numbers, shared strings) or <is> (inline strings).
            const text = tail + chunk.toString('latin1');
            if (text.includes('<v>') || text.includes('<is>')) withValues.add(e.name);
            tail = text.slice(-4);
          }
        },
      );
      if (wantText) kept.set(e.name, Buffer.concat(parts).toString('utf8'));
    }
    return { entries, totalUncompressed: actual, directoryStart, kept, withValues };
  } finally {
    await fh.close();
  }
}

async function readCentralDirectory(fh: FileHandle, size: number, maxEntries: number): Promise<{ entries: ZipEntry[]; directoryStart: number }> {
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes at the end.
  const tailLength = Math.min(size, 22 + 65535);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64: the real numbers sit in the zip64 EOCD record, found via its locator.
    const locatorAt = eocd - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR_SIG) throw corrupt();
    const z64Offset = toSafeNumber(tail.readBigUInt64LE(locatorAt + 8));
    const z64 = await readAt(fh, z64Offset, 56);
    if (z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt();
    count = toSafeNumber(z64.readBigUInt64LE(32));
    cdSize = toSafeNumber(z64.readBigUInt64LE(40));
    cdOffset = toSafeNumber(z64.readBigUInt64LE(48));
  }
  if (count > maxEntries) throw bomb();
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw corrupt();

  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG) throw corrupt();
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    // Zip64 extra field (id 1) holds, in this order, whichever sizes were 0xFFFFFFFF.
    let x = p + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 1) {
        let q = x + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = toSafeNumber(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = toSafeNumber(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = toSafeNumber(cd.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset, end: 0 });
    p = extraEnd + commentLength;
  }
  return { entries, directoryStart: cdOffset };
}

/**
 * Checks the entries lie back to back from offset 0 up to the central directory, each
 * local header agreeing with the directory, and returns where each entry's data starts.
 */
async function checkLayout(fh: FileHandle, entries: ZipEntry[], size: number, directoryStart: number): Promise<number[]> {
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.localHeaderOffset - b.e.localHeaderOffset);
  const starts = new Array<number>(entries.length);
  let expected = 0;
  sorted.forEach(({ e }, k) => {
    e.end = k + 1 < sorted.length ? sorted[k + 1].e.localHeaderOffset : directoryStart;
  });
  for (const { e, i } of sorted) {
    const gap = e.localHeaderOffset - expected;
    if (gap < 0 || gap > MAX_DESCRIPTOR_GAP) throw corrupt();
    const lfh = await readAt(fh, e.localHeaderOffset, 30);
    if (lfh.length < 30 || lfh.readUInt32LE(0) !== LFH_SIG) throw corrupt();
    const flags = lfh.readUInt16LE(6);
    const method = lfh.readUInt16LE(8);
    const localCompressed = lfh.readUInt32LE(18);
    if (method !== e.method) throw corrupt();
    // Without a data descriptor (flag bit 3) the local header states the size the
    // streaming unzipper will use; it must match what we check.
    if (!(flags & 8) && localCompressed !== 0xffffffff && localCompressed !== e.compressedSize) {
      throw corrupt();
    }
    const dataStart = e.localHeaderOffset + 30 + lfh.readUInt16LE(26) + lfh.readUInt16LE(28);
    starts[i] = dataStart;
    expected = dataStart + e.compressedSize;
    if (expected > size) throw corrupt();
  }
  // Nothing but a data descriptor may sit between the last entry and the directory.
  const tailGap = directoryStart - expected;
  if (tailGap < 0 || tailGap > MAX_DESCRIPTOR_GAP) throw corrupt();
  return starts;
}

/** Inflates one entry, calling `onChunk` per piece; rejects past `budget` bytes. */
function inflateCounted(
  filePath: string,
  e: ZipEntry,
  start: number,
  budget: number,
  overBudget: () => ImportFileError,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    if (e.compressedSize === 0) return resolve(0);
    const input = createReadStream(filePath, {
      start,
      end: start + e.compressedSize - 1,
      highWaterMark: 256 * 1024,
    });
    let total = 0;
    let done = false;
    const fail = (err: Error): void => {
      if (done) return;
      done = true;
      input.destroy();
      inflater?.destroy();
      reject(err);
    };
    const inflater = e.method === 8 ? createInflateRaw() : null;
    const sink = inflater ?? input;
    sink.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) return fail(overBudget());
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err instanceof Error ? err : corrupt());
      }
    });
    sink.on('end', () => {
      if (done) return;
      done = true;
      resolve(total);
    });
    sink.on('error', () => fail(corrupt()));
    if (inflater) {
      input.on('error', () => fail(corrupt()));
      input.pipe(inflater);
    }
  });
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function toSafeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt();
  return Number(n);
}

const resave = t('imports.errors.oppnaFilenExcelSpara');

export function tooLarge(maxBytes: number): ImportFileError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new ImportFileError(t('imports.errors.filenPackasUppMer', { mb }), 'zip-too-large');
}

function bomb(): ImportFileError {
  return new ImportFileError(t('imports.errors.filenArPackadPa', { resave }), 'zip-bomb');
}

function corrupt(): ImportFileError {
  return new ImportFileError(t('imports.errors.filenArSkadadEller', { resave }), 'zip-corrupt');
}

function encrypted(): ImportFileError {
  return new ImportFileError(t('imports.errors.filenArLosenordsskyddadTa', { resave }), 'zip-encrypted');
}

function unsupported(): ImportFileError {
  return new ImportFileError(t('imports.errors.filenArPackadPa2', { resave }), 'zip-unsupported');
}
