import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { BusyError } from '../../src/shared/errors';
import { writeBigExport } from '../helpers/big-export';
import { csv, tempFile, xlsx, type XlsxCell } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, csrfFrom, loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

// The 10 school days from Tue 18 Aug 2026; the test clock is 2026-09-15.
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];
const HEADER = ['Personnummer', 'Förnamn', 'Efternamn', 'Klass', 'Datum', 'Närvaro'];

async function setUp(vars: Record<string, string> = {}): Promise<{ env: TestEnv; roundId: number }> {
  const env = testEnv(vars);
  env.clock.now = new Date('2026-09-15T08:00:00Z');
  await seedBasic(env.services);
  const roundId = env.services.rounds.create(admin, { name: 'HT2026', breakType: 'summer', termStart: '2026-08-18' }).id;
  return { env, roundId };
}

const uploads = (env: TestEnv) => env.services.imports.history(admin, 1, '11111111').length;

describe('import queue: at most N imports at once, a bounded number waiting', () => {
  let env: TestEnv;
  let roundId: number;
  /** Large enough (some tenths of a second to read) that the imports started first are still running. */
  let big: string;
  beforeAll(() => {
    big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-queue-')), 'stor.csv');
    writeBigExport(big, 6_000);
  });
  afterAll(() => fs.rmSync(path.dirname(big), { recursive: true, force: true }));
  afterEach(() => env.close());

  const start = () => env.services.imports.importFile(admin, { roundId, schoolCode: '11111111', filePath: big, fileName: 'stor.csv' });

  it('with N = 2, a third import waits its turn and then runs', async () => {
    ({ env, roundId } = await setUp());
    const running = [start(), start(), start()];
    expect(env.services.imports.queueLoad()).toEqual({ running: 2, waiting: 1, concurrency: 2 });
    const reports = await Promise.all(running);
    expect(reports.map((r) => r.status)).toEqual(['committed', 'committed', 'committed']);
    expect(env.services.imports.queueLoad()).toEqual({ running: 0, waiting: 0, concurrency: 2 });
    expect(uploads(env)).toBe(3);
  }, 60_000);

  it('when the queue is full, the API answers 503 with Retry-After and stores nothing; the web page says the queue is busy', async () => {
    ({ env, roundId } = await setUp({ SAKNAD_IMPORT_CONCURRENCY: '1', SAKNAD_IMPORT_QUEUE: '1' }));
    const token = env.services.tokens.create(env.services.auth.actorForEmail('rektor@test.invalid')!, { name: 'import' }).token;
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    const running = [start(), start()];
    expect(env.services.imports.queueLoad()).toEqual({ running: 1, waiting: 1, concurrency: 1 });
    await expect(start()).rejects.toBeInstanceOf(BusyError);

    const file = csv([HEADER, ...PUPILS.slice(0, 2).flatMap((pn) => DAYS.map((d) => [pn, 'Anna', 'Ek', '7A', d, 'Närvarande']))]);
    const res = await request(env.app)
      .post(`/api/v1/rounds/${roundId}/schools/11111111/uploads`)
      .set('Authorization', `Bearer ${token}`)
      .attach('file', file, 'närvaro.csv');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body.error).toMatchObject({ code: 'busy' });
    expect(res.body.error.message).toContain('Försök igen om en minut');

    const page = await principal.get(`/omgangar/${roundId}/skolor/11111111/inlasning`);
    expect(page.text).toContain('Inläsningen är upptagen just nu (i kö: 1)');
    // The web upload (Post/Redirect/Get) is turned away the same way: 503, the form with the message, no file kept.
    const web = await principal.post(`/omgangar/${roundId}/skolor/11111111/inlasning`).field('_csrf', csrfFrom(page.text)).attach('file', file, 'närvaro.csv');
    expect(web.status).toBe(503);
    expect(web.headers['retry-after']).toBe('30');
    expect(web.text).toContain('Försök igen om en minut');
    expect(env.db.prepare('SELECT count(*) FROM pending_previews').pluck().get()).toBe(0);

    await Promise.all(running);
    expect(uploads(env)).toBe(2);
    // Free again: the same upload goes through, and the page is back to its plain note.
    const again = await request(env.app)
      .post(`/api/v1/rounds/${roundId}/schools/11111111/uploads`)
      .set('Authorization', `Bearer ${token}`)
      .attach('file', file, 'närvaro.csv');
    expect(again.status).toBe(201);
    expect((await principal.get(`/omgangar/${roundId}/skolor/11111111/inlasning`)).text).toContain('Högst 1 filer läses in åt gången');
    expect(fs.readdirSync(path.join(env.config.dataDir, 'tmp'))).toEqual([]);
  }, 60_000);
});

describe('xlsx text caps: shared strings and cell text refused before they are held', () => {
  let env: TestEnv | undefined;
  afterEach(() => env?.close());

  const rows = (name = 'Anna'): XlsxCell[][] => [HEADER, ...PUPILS.slice(0, 4).flatMap((pn) => DAYS.map((d) => [pn, name, 'Ek', '7A', d, 'Närvarande']))];

  async function importXlsx(vars: Record<string, string>, sheetRows: XlsxCell[][]) {
    const set = await setUp(vars);
    env = set.env;
    const file = tempFile('närvaro.xlsx', await xlsx([{ name: 'Närvaro', rows: sheetRows }]));
    const report = await set.env.services.imports.importFile(admin, { roundId: set.roundId, schoolCode: '11111111', filePath: file, fileName: 'närvaro.xlsx' });
    return { report, stored: uploads(set.env) };
  }

  it.each<[string, Record<string, string>, () => XlsxCell[][], RegExp | null]>([
    ['a plain file under the default caps', {}, () => rows(), null],
    ['more distinct texts than allowed', { SAKNAD_XLSX_MAX_SHARED_STRINGS: '10' }, () => rows(), /fler än 10 olika texter/],
    [
      'more text in all than allowed',
      { SAKNAD_XLSX_MAX_SHARED_STRINGS_MB: '1' },
      // Random text (it does not compress past the zip guard's ratio check): 1.2 MB in all.
      () => [...rows(), ...Array.from({ length: 200 }, (): XlsxCell[] => [crypto.randomBytes(4500).toString('base64')])],
      /texter är tillsammans större än 1 MB/,
    ],
    ['a cell longer than Excel allows', {}, () => rows('A'.repeat(40_000)), /En cell i filen har mer än 32\s767 tecken/],
  ])('%s', async (_name, vars, sheetRows, refused) => {
    const { report, stored } = await importXlsx(vars, sheetRows());
    if (!refused) {
      expect(report.status).toBe('committed');
      expect(stored).toBe(1);
      return;
    }
    expect(report.status).toBe('rejected');
    expect(report.errors.map((e) => e.message).join(' ')).toMatch(refused);
    expect(stored).toBe(0);
  });
});
