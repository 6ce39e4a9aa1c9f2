/**
 * The rows of an uploaded file in batches, whichever its kind: the CSV reader hands over
 * every record csv-parse has ready at once (no promise per row: at a million rows that is
 * what cost), the xlsx reader's a batch for each piece of sheet XML exceljs has parsed.
 */
import crypto from 'node:crypto';
import { readCsv, type CsvInfo } from './csv-reader';
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
  /** Rows in file order, a batch at a time. */
  batches: AsyncIterable<RawRow[]>;
  /** Stops reading (when the consumer gives up early); safe to call again. */
  close(): void;
  /**
   * SHA-256 (hex) of the whole file for a CSV read to its end (hashed on the way, so a
   * committed file is not read a second time); null for xlsx or a CSV not read to the end.
   */
  sha256(): string | null;
}

export async function openRows(file: string, kind: FileKind, opts: RowSourceOptions): Promise<RowSource> {
  if (kind === 'csv') {
    const hash = crypto.createHash('sha256');
    let digest: string | null = null;
    let done = false;
    const { info, batches } = await readCsv(file, { maxRows: opts.maxRows, onBytes: (chunk) => hash.update(chunk) });
    const iterator = batches[Symbol.asyncIterator]();
    return {
      info,
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
      sha256: () => (done ? (digest ??= hash.digest('hex')) : null),
    };
  }
  const { info, batches } = await readXlsx(file, opts);
  const iterator = batches[Symbol.asyncIterator]();
  return {
    info,
    batches: { [Symbol.asyncIterator]: () => iterator },
    close: () => void iterator.return?.(),
    sha256: () => null,
  };
}
