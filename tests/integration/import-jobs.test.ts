import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { writeBigExport } from '../helpers/big-export';
import { csv, tempFile } from '../helpers/fixtures';
import { startSmtp } from '../helpers/smtp';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, decodeQuotedPrintable, loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';
import { postStep, postUpload, showPreview } from '../helpers/web-upload';

/**
 * Imports off the request thread (issue 19): with the server's import workers, a large
 * import runs while the server's thread goes on answering (measured in real time), and a
 * web upload or commit that waits its turn shows a status page that polls.
 */
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];
const small = () => csv([['Personnummer', 'Datum', 'Närvaro'], ...PUPILS.slice(0, 2).flatMap((pn) => DAYS.map((d) => [pn, d, 'Närvarande']))]);
/** 2,000 pupils × 10 days: a 20,000-row file (the measure). */
const PUPILS_20K_ROWS = 2_000;
/** 20,000 pupils × 10 days: 200,000 rows, seconds to read, commit and evaluate (keeps the queue busy). */
const BIG_PUPILS = 20_000;

describe('import workers: the request thread stays free', () => {
  let env: TestEnv;
  let roundId: number;
  let big: string;
  let rows20k: string;
  beforeAll(async () => {
    big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-jobs-')), 'stor.csv');
    writeBigExport(big, BIG_PUPILS);
    rows20k = path.join(path.dirname(big), 'rader.csv');
    writeBigExport(rows20k, PUPILS_20K_ROWS);
    // One import at a time, so the web upload below waits behind the large one.
    env = testEnv({ SAKNAD_IMPORT_CONCURRENCY: '1' }, { importWorkers: true });
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = env.services.rounds.create(admin, { name: 'HT2026', breakType: 'summer', termStart: '2026-08-18' }).id;
  });
  afterAll(async () => {
    await env.services.settle();
    env.close();
    fs.rmSync(path.dirname(big), { recursive: true, force: true });
  });

  const bigImport = () => env.services.imports.importFile(admin, { roundId, schoolCode: '22222222', filePath: big, fileName: 'stor.csv' });

  it('answers /healthz and a page in under 200 ms (95 %, real time; none held for the import) while a 20,000-row import runs', async () => {
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    // Warm: the first render of a page compiles its templates.
    await principal.get(`/omgangar/${roundId}`);
    let running = true;
    const importStarted = performance.now();
    const importing = env.services.imports
      .importFile(admin, { roundId, schoolCode: '22222222', filePath: rows20k, fileName: 'rader.csv' })
      .finally(() => (running = false));
    const times: number[] = [];
    while (running) {
      for (const url of ['/healthz', `/omgangar/${roundId}`]) {
        const started = performance.now();
        const res = await (url === '/healthz' ? request(env.app).get(url) : principal.get(url));
        if (!running) break;
        expect(res.status).toBe(200);
        times.push(performance.now() - started);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const report = await importing;
    const importMs = performance.now() - importStarted;
    expect(report).toMatchObject({ status: 'committed', pupils: PUPILS_20K_ROWS, rows: 20_000 });
    // Answers all the while it ran (a second or more, with the worker's start): 95 % under
    // 200 ms, and none held for anything like the import's time (on the request thread the
    // import kept every request waiting for all of it). The slowest few wait for CPU on a
    // busy 2-core machine (docs/benchmarks.md: /healthz itself took up to 113 ms there).
    expect(times.length).toBeGreaterThan(10);
    const sorted = [...times].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThan(200);
    expect(sorted[sorted.length - 1]).toBeLessThan(Math.min(500, importMs / 2));
  }, 120_000);

  /**
   * Takes the import queue's one place (SAKNAD_IMPORT_CONCURRENCY 1) until the returned
   * function is called: an upload behind it waits whatever the machine's speed (large
   * imports as the blocker finished before the page was read on a quiet machine).
   */
  const holdQueue = (): (() => Promise<void>) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const queue = (env.services.imports as unknown as { queue: { run(job: () => Promise<void>): Promise<void> } }).queue;
    const running = queue.run(() => held);
    return async () => {
      release();
      await running;
    };
  };

  it('shows a status page that polls while an upload waits its turn or a commit runs long, then goes on', async () => {
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    const base = `/omgangar/${roundId}/skolor/11111111/inlasning`;
    const first = holdQueue();
    const post = await postUpload(principal, base, small(), 'närvaro.csv');
    expect(post.status).toBe(303);
    const previewPath = post.headers.location as string;
    // Still behind the large import: the status page, with a poll for the script and a refresh without it.
    const waiting = await principal.get(previewPath);
    expect(waiting.status).toBe(200);
    expect(waiting.text).toContain('Filen väntar på sin tur att läsas.');
    expect(waiting.text).toContain(`data-poll="${previewPath}/status"`);
    expect(waiting.text).toContain('<meta http-equiv="refresh" content="2">');
    expect(waiting.text).toContain(`href="${previewPath}">Uppdatera</a>`);
    expect((await principal.get(`${previewPath}/status`)).body).toEqual({ state: 'queued', done: false });
    await first();
    const preview = await showPreview(principal, previewPath);
    expect(preview.text).toContain('Filen kan läsas in');

    // The commit waits behind another large import: the page shows it being read in, then leads on.
    const second = holdQueue();
    const commit = await postStep(principal, previewPath, 'bekrafta', preview.text);
    expect(commit.status).toBe(303);
    expect(commit.headers.location).toBe(previewPath);
    const committing = await principal.get(previewPath);
    expect(committing.text).toContain('Filen sparas och omgångens flaggor räknas om.');
    await second();
    let after = await principal.get(previewPath);
    for (let i = 0; i < 100 && after.status !== 303; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await principal.get(previewPath);
    }
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe(`/omgangar/${roundId}/skolor/11111111`);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(1);
  }, 180_000);

  it('evaluates the round on a worker after a watch-list change: marked pending at once, evaluated once for changes that queue up', async () => {
    const audits = () => env.services.audit.list(admin, { action: 'rules.evaluate' }, 1, 50).total;
    const before = audits();
    // The queue is busy with a large import: both changes wait behind it, and one evaluation covers them.
    const busy = bigImport();
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    env.services.watchList.add(admin, roundId, '11111111', { personalNumber: PUPILS[5]!, reasons: ['pupil_worry'] });
    env.services.watchList.add(admin, roundId, '11111111', { personalNumber: PUPILS[6]!, reasons: ['pupil_worry'] });
    expect(performance.now() - started).toBeLessThan(200);
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(true);
    await busy;
    await env.services.settle();
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(false);
    // The import's own evaluation and one for both watch-list entries.
    expect(audits()).toBe(before + 2);
  }, 180_000);
});

describe('import workers: case notices go out from the worker, by SMTP', () => {
  it('mails the coordinator and principal when the second school’s file (committed on a worker) has the first school’s flagged pupil', async () => {
    const smtp = await startSmtp();
    const env = testEnv({ SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, { importWorkers: true });
    try {
      env.clock.now = new Date('2026-09-15T08:00:00Z');
      await seedBasic(env.services);
      const roundId = env.services.rounds.create(admin, { name: 'HT2026', breakType: 'summer', termStart: '2026-08-18' }).id;
      const file = (name: string, status: string) =>
        tempFile('närvaro.csv', csv([['Personnummer', 'Namn', 'Datum', 'Närvaro'], ...DAYS.slice(0, 3).map((d) => [PUPILS[0], name, d, status])]));
      const upload = (code: string, f: string) => env.services.imports.importFile(admin, { roundId, schoolCode: code, filePath: f, fileName: 'n.csv' });
      expect((await upload('11111111', file('Amal Ek', 'Ogiltig frånvaro'))).status).toBe('committed');
      expect((await upload('22222222', file('Amira Eriksson', 'Närvarande'))).status).toBe('committed');
      await env.services.settle();
      const notices = smtp.inbox.filter((m) => decodeQuotedPrintable(m.raw).includes('nya uppgifter om ett ärende'));
      // The coordinators and the principal of the school whose case it is; no name in them.
      expect(notices.flatMap((m) => m.to).sort()).toEqual(['rektor@test.invalid', 'samordnare@test.invalid']);
      for (const m of notices) expect(decodeQuotedPrintable(m.raw)).not.toContain('Amal');
    } finally {
      env.close();
      await smtp.close();
    }
  }, 120_000);
});
