import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { runCli } from '../../src/cli/run';
import { loadConfig } from '../../src/config';
import { csv, tempFile } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const KEY = crypto.randomBytes(32).toString('base64');
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];

function file(pupils: readonly string[]): string {
  const rows = [
    ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro'],
    ...pupils.flatMap((pn, i) => DAYS.map((d) => [pn, `Elev${i}`, 'Testberg', d, i === 0 ? 'Ogiltig frånvaro' : 'Närvarande'])),
  ];
  return tempFile('narvaro.csv', csv(rows));
}

interface CliJson {
  [key: string]: unknown;
  error: { code: string; message: string };
  counts: Record<string, number>;
  rounds: unknown[];
  movedAside: string;
}

async function cli(dataDir: string, argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--json'], {
    env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: dataDir, SAKNAD_BACKUP_KEY: KEY, ...env },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => '',
  });
  return { code, json: () => JSON.parse(out) as CliJson, err };
}

function dbCounts(dbFile: string): Record<string, number> {
  const d = new Database(dbFile, { readonly: true });
  try {
    return Object.fromEntries(
      ['uploads', 'pupils', 'roster', 'pupil_attendance', 'flags', 'cases'].map((t) => [t, d.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
    );
  } finally {
    d.close();
  }
}

function rawFilesOf(dbFile: string): string[] {
  const d = new Database(dbFile, { readonly: true });
  try {
    return d.prepare('SELECT raw_file FROM uploads WHERE raw_file IS NOT NULL ORDER BY raw_file').pluck().all() as string[];
  } finally {
    d.close();
  }
}

describe('backup and restore', () => {
  let env: TestEnv;
  let roundId: number;
  let fresh: string;
  beforeEach(async () => {
    // The services read the key from the configuration, as the server's do.
    env = testEnv({ SAKNAD_BACKUP_KEY: KEY });
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = env.services.rounds.create(admin, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18' }).id;
    await env.services.rounds.open(admin, roundId);
    await env.services.imports.importFile(admin, { roundId, schoolCode: '22222222', filePath: file(PUPILS.slice(5, 8)), fileName: 'beta.csv' });
    fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-restore-'));
  });
  afterEach(() => {
    env.close();
    fs.rmSync(fresh, { recursive: true, force: true });
  });

  it('backs up while an import commits, and restores into a fresh data folder with the same counts and files', async () => {
    const before = dbCounts(env.config.databaseFile);
    // The import is async: the backup runs while it reads, writes its raw file and commits.
    const importing = env.services.imports.importFile(admin, { roundId, schoolCode: '11111111', filePath: file(PUPILS.slice(0, 5)), fileName: 'alfa.csv' });
    const backingUp = env.services.backups.create(admin, path.join(env.dir, 'out'));
    const [report, backup] = await Promise.all([importing, backingUp]);
    expect(report.status).toBe('committed');
    const after = dbCounts(env.config.databaseFile);
    expect(after.roster).toBe(before.roster + 5);

    const bytes = fs.readFileSync(backup.file);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('SAKNADBK');
    // Encrypted: no personal number, name or SQLite header in clear text.
    for (const needle of [PUPILS[5]!, 'Testberg', 'SQLite format 3']) expect(bytes.includes(Buffer.from(needle))).toBe(false);

    const verify = await cli(fresh, ['backup', 'verify', backup.file]);
    expect(verify.code).toBe(0);
    expect(verify.json()).toMatchObject({ encrypted: true, integrity: 'ok', migration: expect.any(Number) });

    const restored = await cli(fresh, ['backup', 'restore', backup.file]);
    expect(restored.code).toBe(0);
    const dbFile = path.join(fresh, 'saknad.sqlite');
    const counts = dbCounts(dbFile);
    // One consistent moment: before the import or after it, never half of it.
    expect([before, after]).toContainEqual(counts);
    expect(counts.roster).toBe(restored.json().counts.roster);
    // Every raw file the restored database points to is there, byte for byte the live one.
    const files = rawFilesOf(dbFile);
    expect(files.length).toBe(counts.uploads);
    for (const f of files) expect(fs.readFileSync(path.join(fresh, f))).toEqual(fs.readFileSync(path.join(env.dir, f)));
    // The restored folder starts: a server on it finds the same rounds.
    const check = await cli(fresh, ['round', 'list']);
    expect(check.json().rounds).toEqual([expect.objectContaining({ id: roundId })]);
  });

  it.each([
    ['a byte in the middle', (b: Buffer) => (b[Math.floor(b.length / 2)]! ^= 0x01)],
    ['the IV in the header', (b: Buffer) => (b[20]! ^= 0x01)],
    ['the tag', (b: Buffer) => (b[b.length - 1]! ^= 0x80)],
  ])('a backup with %s changed is refused by verify and restore, and nothing is restored', async (_what, flip) => {
    const { file: good } = await env.services.backups.create(admin);
    const bad = path.join(env.dir, 'tampered.backup');
    const bytes = fs.readFileSync(good);
    flip(bytes);
    fs.writeFileSync(bad, bytes);
    const verify = await cli(fresh, ['backup', 'verify', bad]);
    expect(verify.code).toBe(1);
    expect(verify.json()).toEqual({ error: { code: 'tampered', message: expect.stringContaining('skadad') } });
    const restore = await cli(fresh, ['backup', 'restore', bad]);
    expect(restore.code).toBe(1);
    expect(fs.existsSync(path.join(fresh, 'saknad.sqlite'))).toBe(false);
    expect(fs.readdirSync(path.join(fresh, 'tmp'))).toEqual([]);
  });

  it('refuses the wrong key, and a restore while the server runs (unless --force), keeping what was there', async () => {
    const { file } = await env.services.backups.create(admin);
    const wrong = await cli(fresh, ['backup', 'verify', file], { SAKNAD_BACKUP_KEY: crypto.randomBytes(32).toString('hex') });
    expect(wrong.json().error.code).toBe('tampered');
    // A live process's pid in the data folder: this test process.
    fs.writeFileSync(path.join(fresh, 'saknad.pid'), String(process.pid));
    fs.writeFileSync(path.join(fresh, 'saknad.sqlite'), 'the old database');
    const refused = await cli(fresh, ['backup', 'restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.json().error).toEqual({ code: 'server_running', message: expect.stringContaining('Stoppa servern') });
    expect(fs.readFileSync(path.join(fresh, 'saknad.sqlite'), 'utf8')).toBe('the old database');
    const forced = await cli(fresh, ['backup', 'restore', file, '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(forced.json().movedAside as string, 'saknad.sqlite'), 'utf8')).toBe('the old database');
  });

  it('refuses a backup from a newer migration level', async () => {
    const d = new Database(env.config.databaseFile);
    d.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999_future', '2030-01-01T00:00:00Z')`).run();
    d.close();
    const { file } = await env.services.backups.create(admin);
    const r = await cli(fresh, ['backup', 'restore', file]);
    expect(r.code).toBe(1);
    expect(r.json().error.code).toBe('newer_backup');
    expect(fs.existsSync(path.join(fresh, 'saknad.sqlite'))).toBe(false);
  });

  it('keeps SAKNAD_BACKUP_KEEP nightly copies', async () => {
    const e = testEnv({ SAKNAD_BACKUP_KEY: KEY, SAKNAD_BACKUP_KEEP: '2' });
    try {
      for (const day of ['2026-09-01', '2026-09-02', '2026-09-03']) {
        e.clock.now = new Date(`${day}T01:00:00Z`);
        await e.services.backups.nightly(admin);
      }
      expect(fs.readdirSync(e.config.backup.dir).sort()).toEqual(['saknad-20260902T010000Z.backup', 'saknad-20260903T010000Z.backup']);
    } finally {
      e.close();
    }
  });

  it('refuses to write an unencrypted backup in production', async () => {
    const prod = { NODE_ENV: 'production', SAKNAD_SESSION_SECRET: 'x'.repeat(40), SAKNAD_BACKUP_KEY: '' };
    const r = await cli(fresh, ['backup', 'create'], prod);
    expect(r.code).toBe(1);
    expect(r.json().error).toEqual({ code: 'backup_key_missing', message: expect.stringContaining('SAKNAD_BACKUP_KEY') });
    expect(fs.existsSync(path.join(fresh, 'backups'))).toBe(false);
  });

  it('CLI: backup create --to DIR answers JSON; a missing file argument is a usage error (2)', async () => {
    const to = path.join(env.dir, 'elsewhere');
    const r = await cli(env.dir, ['backup', 'create', '--to', to]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ file: expect.stringContaining(to), encrypted: true, counts: expect.objectContaining({ uploads: 1 }) });
    expect((await cli(env.dir, ['backup', 'verify'])).code).toBe(2);
  });

  it('/healthz and /readyz answer anonymously, without a session or personal data', async () => {
    const health = await request(env.app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers['set-cookie']).toBeUndefined();
    let ready = await request(env.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      database: { writable: true },
      migrations: { ok: true },
      backup: { lastAt: null, ok: false },
      evaluations: { pending: 0 },
    });
    expect(ready.headers['set-cookie']).toBeUndefined();
    await env.services.backups.create(admin);
    env.clock.advanceMinutes(90);
    ready = await request(env.app).get('/readyz');
    expect(ready.body.backup).toEqual({ lastAt: '2026-09-15T08:00:00.000Z', ageHours: 1.5, ok: true });
    for (const pn of PUPILS) expect(ready.text).not.toContain(pn);
    // A migration missing (a database from an older version, not yet migrated): not ready.
    const d = new Database(env.config.databaseFile);
    d.prepare('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)').run();
    d.close();
    ready = await request(env.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'fail', ready: false, database: { writable: true }, migrations: { ok: false } });
  });
});

describe('SAKNAD_BACKUP_KEY', () => {
  it.each([
    ['64 hex characters', 'ab'.repeat(32), true],
    ['base64 of 32 bytes', Buffer.alloc(32, 7).toString('base64'), true],
    ['too short', 'ab'.repeat(16), false],
    ['base64 of 31 bytes', Buffer.alloc(31, 7).toString('base64'), false],
    ['a pass phrase', 'correct horse battery staple', false],
  ])('%s → accepted %s', (_what, key, ok) => {
    const load = () => loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: '/tmp/x', SAKNAD_BACKUP_KEY: key });
    if (ok) expect(load().backup.key).toHaveLength(32);
    else expect(load).toThrow(/SAKNAD_BACKUP_KEY/);
  });
});
