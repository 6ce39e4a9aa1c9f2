/**
 * Text encoding detection for CSV/TXT exports.
 *
 * School systems and Excel write CSV as UTF-8 (with or without BOM), as Windows-1252
 * (Swedish Excel's "CSV (semikolonavgränsad)") or as UTF-16 (Excel's "Unicode-text").
 * A BOM settles it; otherwise bytes that form valid UTF-8 are almost never Windows-1252
 * text by accident (å/ä/ö in cp1252 are lone high bytes, which are invalid UTF-8).
 */
import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file, to skip before decoding. */
  bomLength: number;
  /**
   * False when the sample held only ASCII: UTF-8 is then a guess, and a later byte
   * may still prove the file is Windows-1252 (the reader checks the rest of the file).
   */
  certain: boolean;
}

export function detectEncoding(sample: Buffer): DetectedEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, certain: true };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    return { encoding: 'utf-16le', bomLength: 2, certain: true };
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    return { encoding: 'utf-16be', bomLength: 2, certain: true };
  }
  if (isAscii(sample)) return { encoding: 'utf-8', bomLength: 0, certain: false };
  // The sample is usually cut out of a longer file, possibly inside a multi-byte
  // character: judge only the complete characters.
  if (isUtf8(sample.subarray(0, completeUtf8Length(sample)))) {
    return { encoding: 'utf-8', bomLength: 0, certain: true };
  }
  return { encoding: 'windows-1252', bomLength: 0, certain: true };
}

function isAscii(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] > 0x7f) return false;
  return true;
}

/**
 * Length of `buf` without a trailing, incomplete UTF-8 sequence (at most 3 bytes), so
 * a chunk boundary inside "ö" is not mistaken for invalid UTF-8.
 */
export function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0x80) return n; // ASCII: nothing pending
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? n - back : n;
  }
  return n;
}
