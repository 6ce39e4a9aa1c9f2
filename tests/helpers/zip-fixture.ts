/**
 * Test fixture: a minimal zip writer, so tests can build archives the zip guard must
 * judge (lying sizes, hidden entries) and workbooks with parts in any order (as
 * LibreOffice writes them). Used by tests only.
 */
import { deflateRawSync } from 'node:zlib';

export interface TestEntry {
  name: string;
  data: Buffer;
  method?: 0 | 8;
  /** Lie about the uncompressed size in the central directory. */
  declaredSize?: number;
  flags?: number;
  /** Bytes of junk written before this entry's local header (a hidden entry). */
  junkBefore?: number;
}

/** A minimal zip writer, enough to build the archives the guard must judge. */
export function buildZip(entries: TestEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    if (e.junkBefore) {
      parts.push(Buffer.alloc(e.junkBefore, 0x41));
      offset += e.junkBefore;
    }
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.flags ?? 0, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, eocd]);
}
