import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackupFormatError, readArchive, writeArchive } from './backup-archive';

const KEY = crypto.randomBytes(32);

describe('backup archive format', () => {
  let dir: string;
  let archive: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-archive-'));
    fs.mkdirSync(path.join(dir, 'in', 'round-1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'in', 'a.bin'), crypto.randomBytes(300 * 1024 + 7));
    fs.writeFileSync(path.join(dir, 'in', 'round-1', 'empty.csv'), '');
    archive = path.join(dir, 'x.backup');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const entries = () => [
    { name: 'a.bin', file: path.join(dir, 'in', 'a.bin') },
    { name: 'uploads/round-1/empty.csv', file: path.join(dir, 'in', 'round-1', 'empty.csv') },
    { name: 'gone.csv', file: path.join(dir, 'in', 'gone.csv') }, // removed meanwhile: skipped
  ];

  it.each([
    ['encrypted', KEY],
    ['plain (development only)', null],
  ])('round-trips %s, byte for byte', async (_what, key) => {
    await writeArchive(archive, entries(), key);
    const out = path.join(dir, 'out');
    const r = await readArchive(archive, key, out);
    expect(r).toEqual({ names: ['a.bin', 'uploads/round-1/empty.csv'], encrypted: key !== null });
    expect(fs.readFileSync(path.join(out, 'a.bin'))).toEqual(fs.readFileSync(path.join(dir, 'in', 'a.bin')));
    expect(fs.readFileSync(path.join(out, 'uploads/round-1/empty.csv'), 'utf8')).toBe('');
    expect(fs.existsSync(path.join(out, 'payload.bin'))).toBe(false);
  });

  it.each<[string, (b: Buffer) => Buffer, Buffer | null, BackupFormatError['code']]>([
    ['cut short', (b) => b.subarray(0, b.length - 1000), KEY, 'tampered'],
    ['one byte flipped', (b) => ((b[5000]! ^= 1), b), KEY, 'tampered'],
    ['the mode byte set to plain', (b) => ((b[9] = 0), b), KEY, 'not_encrypted'],
    ['opened without a key', (b) => b, null, 'needs_key'],
    ['a wrong key', (b) => b, crypto.randomBytes(32), 'tampered'],
    ['an unknown version', (b) => ((b[8] = 2), b), KEY, 'unsupported_version'],
    ['another file', () => Buffer.from('PK\u0003\u0004 not a backup at all, just some bytes'), KEY, 'not_a_backup'],
  ])('refuses an archive %s (%s)', async (_what, change, key, code) => {
    await writeArchive(archive, entries(), KEY);
    fs.writeFileSync(archive, change(fs.readFileSync(archive)));
    const out = path.join(dir, 'out');
    await expect(readArchive(archive, key, out)).rejects.toMatchObject({ code });
    // Nothing was unpacked.
    expect(fs.existsSync(path.join(out, 'a.bin'))).toBe(false);
  });

  it('never unpacks outside the staging folder', async () => {
    await writeArchive(archive, [{ name: '../escape.txt', file: path.join(dir, 'in', 'a.bin') }], KEY);
    await expect(readArchive(archive, KEY, path.join(dir, 'out'))).rejects.toMatchObject({ code: 'tampered' });
    expect(fs.existsSync(path.join(dir, 'escape.txt'))).toBe(false);
  });
});
