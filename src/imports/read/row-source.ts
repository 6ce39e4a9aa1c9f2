/**
 * The rows of an uploaded file in batches, whichever its kind: the CSV reader hands over
 * every record csv-parse has ready at once (no promise per row: at a million rows that is
 * what cost), the xlsx reader's a batch for each piece of sheet XML exceljs has parsed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { readCsv, type CsvFraming, type CsvInfo } from './csv-reader';
import { readFromFd } from './csv-split';

/** Bytes asked of readFromFd at a time (it reads at most its buffer's 1 MB). */
const READ_SIZE = 1024 * 1024;
import type { FileKind } from './sniff';
import type { RawRow } from '../types';
import { readXlsx, type XlsxInfo } from './xlsx-reader';
import type { XlsxTextCaps } from './xlsx-text-caps';

export interface RowSourceOptions {
  sheet?: string;
  maxRows: number;
  maxUncompressedBytes: number;
  textCaps?: XlsxTextCaps;
}

export interface RowSource {
  info: CsvInfo | XlsxInfo;
  /** A CSV's framing (what a reader of a part of it needs); null for xlsx. */
  framing: CsvFraming | null;
  /** Rows in file order, a batch at a time. */
  batches: AsyncIterable<RawRow[]>;
  /** Stops reading (when the consumer gives up early); safe to call again. */
  close(): void;
  /**
   * SHA-256 (hex) of the whole file, for a CSV (hashed on the way); null for xlsx. When the
   * reader stopped before the end (the second half was read on a worker), the rest of the
   * file is read and hashed now, from where the reader's hashing stopped.
   */
  sha256(): string | null;
}

export async function openRows(file: string, kind: FileKind, opts: RowSourceOptions): Promise<RowSource> {
  if (kind === 'csv') {
    // The bytes are hashed as they are read, so a committed file is not read a second time.
    const hash = crypto.createHash('sha256');
    let hashed = 0;
    let digest: string | null = null;
    let done = false;
    const onBytes = (chunk: Buffer) => {
      if (digest !== null) return; // finished below: bytes the reader still had under way are not the file's end
      hash.update(chunk);
      hashed += chunk.length;
    };
    const { info, framing, batches } = await readCsv(file, { maxRows: opts.maxRows, onBytes });
    const iterator = batches[Symbol.asyncIterator]();
    const finish = (): string => {
      if (digest === null) {
        if (!done) hashRest(file, hashed, hash);
        digest = hash.digest('hex');
      }
      return digest;
    };
    return {
      info,
      framing,
      batches: {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const r = await iterator.next();
            if (r.done) done = true;
            return r;
          },
        }),
      },
      close: () => void iterator.return?.(),
      sha256: finish,
    };
  }
  const { info, batches } = await readXlsx(file, opts);
  const iterator = batches[Symbol.asyncIterator]();
  return {
    info,
    framing: null,
    batches: { [Symbol.asyncIterator]: () => iterator },
    close: () => void iterator.return?.(),
    sha256: () => null,
  };
}

/** Hashes the file from `from` to its end, synchronously (one reused buffer, see readFromFd). */
function hashRest(file: string, from: number, hash: crypto.Hash): void {
  const fd = fs.openSync(file, 'r');
  try {
    const read = readFromFd(fd);
    for (let at = from; ; ) {
      const chunk = read(at, READ_SIZE);
      if (chunk.length === 0) break;
      hash.update(chunk);
      at += chunk.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}
