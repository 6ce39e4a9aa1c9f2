import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The backup file format, version 1:
 *
 *   magic "SAKNADBK" (8 bytes) | version (1 byte, 1) | mode (1 byte: 1 = AES-256-GCM, 0 = none)
 *   | IV (12 bytes; zeros when mode 0) | payload (encrypted in mode 1) | tag (16 bytes; zeros in mode 0)
 *
 * The 22 header bytes are authenticated as additional data, so a changed header fails too.
 * The payload is a sequence of entries: name length (2 bytes), name (UTF-8, a relative
 * path with "/"), size (8 bytes), the bytes; a name length of 0 ends it. Everything is big
 * endian. Entries are streamed in and out, so a database of any size never sits in memory.
 */
export const MAGIC = Buffer.from('SAKNADBK', 'ascii');
export const FORMAT_VERSION = 1;
const HEADER_BYTES = MAGIC.length + 2 + 12;
const TAG_BYTES = 16;

export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
  constructor(
    readonly code: 'not_a_backup' | 'unsupported_version' | 'needs_key' | 'not_encrypted' | 'tampered',
    message: string,
  ) {
    super(message);
  }
}

export interface ArchiveEntry {
  /** Relative path inside the archive ("saknad.sqlite", "uploads/round-1/upload-x.csv"). */
  name: string;
  file: string;
}

function entryHeader(name: string, size: number): Buffer {
  const n = Buffer.from(name, 'utf8');
  const b = Buffer.alloc(2 + n.length + 8);
  b.writeUInt16BE(n.length, 0);
  n.copy(b, 2);
  b.writeBigUInt64BE(BigInt(size), 2 + n.length);
  return b;
}

async function* plainPayload(entries: ArchiveEntry[]): AsyncGenerator<Buffer> {
  for (const e of entries) {
    const st = fs.statSync(e.file, { throwIfNoEntry: false });
    // A raw file removed between listing and reading (a failed upload cleaning up) is skipped.
    if (!st?.isFile()) continue;
    yield entryHeader(e.name, st.size);
    let written = 0;
    // Read no further than the size in the header (an empty file is read not at all).
    const chunks = st.size > 0 ? fs.createReadStream(e.file, { end: st.size - 1 }) : [];
    for await (const chunk of chunks) {
      written += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (written !== st.size) throw new Error(`${e.name} changed while it was backed up`);
  }
  yield Buffer.alloc(2);
}

/** Writes the archive to `out` (via a temporary name, renamed when complete). */
export async function writeArchive(out: string, entries: ArchiveEntry[], key: Buffer | null): Promise<void> {
  const iv = key ? crypto.randomBytes(12) : Buffer.alloc(12);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, key ? 1 : 0]), iv]);
  async function* file(): AsyncGenerator<Buffer> {
    yield header;
    if (!key) {
      yield* plainPayload(entries);
      yield Buffer.alloc(TAG_BYTES);
      return;
    }
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(header);
    for await (const chunk of plainPayload(entries)) {
      const c = cipher.update(chunk);
      if (c.length) yield c;
    }
    yield cipher.final();
    yield cipher.getAuthTag();
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(file()), fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, out);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/**
 * Decrypts and authenticates the archive into `stagingDir`, then unpacks its entries there.
 * Nothing is unpacked before the tag has been checked: a tampered or truncated file, or a
 * wrong key, leaves only the staging folder, which the caller removes.
 */
export async function readArchive(file: string, key: Buffer | null, stagingDir: string): Promise<{ names: string[]; encrypted: boolean }> {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    if (size < HEADER_BYTES + TAG_BYTES || fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupFormatError('not_a_backup', 'Filen är inte en säkerhetskopia från Saknad.');
    }
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  const version = header[MAGIC.length]!;
  const mode = header[MAGIC.length + 1]!;
  if (version !== FORMAT_VERSION)
    throw new BackupFormatError('unsupported_version', `Säkerhetskopians format (version ${version}) stöds inte av den här versionen av Saknad.`);
  if (mode === 1 && !key) throw new BackupFormatError('needs_key', 'Säkerhetskopian är krypterad: ange nyckeln i SAKNAD_BACKUP_KEY.');
  // With a key, only an encrypted archive is trusted: otherwise anyone able to write a file
  // could hand over a database of their own by setting the mode byte to 0.
  if (mode !== 1 && (mode !== 0 || key))
    throw new BackupFormatError('not_encrypted', 'Säkerhetskopian är inte krypterad och godtas inte när SAKNAD_BACKUP_KEY är angiven.');
  fs.mkdirSync(stagingDir, { recursive: true });
  const payload = path.join(stagingDir, 'payload.bin');
  const body = fs.createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 });
  try {
    if (mode === 1) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key!, header.subarray(MAGIC.length + 2));
      decipher.setAAD(header);
      decipher.setAuthTag(tag);
      await pipeline(body, decipher, fs.createWriteStream(payload, { mode: 0o600 }));
    } else {
      await pipeline(body, fs.createWriteStream(payload, { mode: 0o600 }));
    }
  } catch {
    // What was decrypted before the tag failed is unauthenticated: it goes at once.
    fs.rmSync(payload, { force: true });
    throw new BackupFormatError('tampered', 'Säkerhetskopian är skadad, ändrad eller krypterad med en annan nyckel. Inget har lästs in.');
  }
  try {
    return { names: unpack(payload, stagingDir), encrypted: mode === 1 };
  } catch (e) {
    if (e instanceof BackupFormatError) throw e;
    throw new BackupFormatError('tampered', 'Säkerhetskopians innehåll kan inte läsas. Inget har lästs in.');
  } finally {
    fs.rmSync(payload, { force: true });
  }
}

function unpack(payload: string, dir: string): string[] {
  const fd = fs.openSync(payload, 'r');
  const names: string[] = [];
  const bad = () => new BackupFormatError('tampered', 'Säkerhetskopians innehåll är ofullständigt. Inget har lästs in.');
  try {
    let pos = 0;
    const read = (n: number): Buffer => {
      const b = Buffer.alloc(n);
      if (fs.readSync(fd, b, 0, n, pos) !== n) throw bad();
      pos += n;
      return b;
    };
    for (;;) {
      const len = read(2).readUInt16BE(0);
      if (len === 0) break;
      const name = read(len).toString('utf8');
      const target = path.resolve(dir, name);
      // Never outside the staging folder, whatever the archive says.
      if (!target.startsWith(path.resolve(dir) + path.sep) || name === 'payload.bin') throw bad();
      let left = Number(read(8).readBigUInt64BE(0));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const out = fs.openSync(target, 'w', 0o600);
      try {
        const chunk = Buffer.alloc(1 << 20);
        while (left > 0) {
          const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, left), pos);
          if (n <= 0) throw bad();
          fs.writeSync(out, chunk, 0, n);
          pos += n;
          left -= n;
        }
      } finally {
        fs.closeSync(out);
      }
      names.push(name);
    }
  } finally {
    fs.closeSync(fd);
  }
  return names;
}
