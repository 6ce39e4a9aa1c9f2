import crypto from 'node:crypto';
import fs from 'node:fs';
import * as secondHalfModule from '../../src/imports/parallel/second-half';
import type { PartMessage } from '../../src/imports/parallel/second-half';
import { csv, tempFile, type Encoding } from '../helpers/fixtures';
import { BAD_CHECKSUM, PUPILS } from '../helpers/personal-numbers';
import { admin, testEnv, type TestEnv } from '../helpers/test-env';

// The 10 school days from Tue 18 Aug 2026; the test clock is 2026-09-15.
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];
const HEADER = ['Personnummer', 'Förnamn', 'Efternamn', 'Klass', 'Datum', 'Närvaro'];

type Row = (string | null)[];
const byPupil = (status: (pupil: number, day: number) => string = () => 'Närvarande'): Row[] =>
  PUPILS.flatMap((pn, p) => DAYS.map((d, i) => [pn, 'Åsa', 'Öberg', '7A', d, status(p, i)]));
const byDate = (): Row[] => DAYS.flatMap((d) => PUPILS.map((pn) => [pn, 'Åsa', 'Öberg', '7A', d, 'Närvarande']));

/**
 * The same file imported twice, into two fresh databases: once read in two halves (any
 * file over 1 KB) and once by one reader. Everything the user sees must be the same.
 */
describe('import: a large CSV read in two halves, the second on a worker thread', () => {
  const envs: TestEnv[] = [];
  afterEach(() => {
    jest.restoreAllMocks();
    for (const e of envs.splice(0)) e.close();
  });

  function setUp(parallelKb: string) {
    const env = testEnv({ SAKNAD_IMPORT_PARALLEL_MIN_KB: parallelKb });
    envs.push(env);
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    env.services.schools.create(admin, { code: '11111111', name: 'Alfaskolan', type: 'grundskola' });
    const roundId = env.services.rounds.create(admin, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18' }).id;
    return { env, roundId };
  }

  /** Runs the second-half worker as it is, keeping its jobs and answers. */
  function watchWorker(): { jobs: number; answers: PartMessage[] } {
    const seen = { jobs: 0, answers: [] as PartMessage[] };
    const real = secondHalfModule.startSecondHalfWorker;
    jest.spyOn(secondHalfModule, 'startSecondHalfWorker').mockImplementation(() => {
      const worker = real();
      return {
        read(job) {
          seen.jobs++;
          const half = worker.read(job);
          void half.result.then((a) => seen.answers.push(a));
          return half;
        },
        stop: worker.stop,
      };
    });
    return seen;
  }

  async function both(content: Buffer, name = 'närvaro.csv') {
    const file = tempFile(name, content);
    const run = async (kb: string) => {
      const { env, roundId } = setUp(kb);
      const report = await env.services.imports.importFile(admin, { roundId, schoolCode: '11111111', filePath: file, fileName: name });
      const db = (env.services as unknown as { rounds: { repo: { db: import('better-sqlite3').Database } } }).rounds.repo.db;
      const stored = db.prepare('SELECT p.personal_number, sp.first_name, a.date, a.status, a.source_row FROM attendance a JOIN pupils p ON p.id = a.pupil_id LEFT JOIN school_pupils sp ON sp.school_id = a.school_id AND sp.pupil_id = a.pupil_id ORDER BY 1, 3').all();
      return { report: { ...report, uploadId: undefined }, stored };
    };
    const seen = watchWorker();
    const inHalves = await run('1');
    jest.restoreAllMocks();
    const inOne = await run('0');
    expect(inHalves).toEqual(inOne);
    return { ...inHalves, file, calls: seen.jobs, answers: seen.answers };
  }

  it.each<[string, Encoding, string]>([
    ['UTF-8 with BOM, CRLF', 'utf8-bom', '\r\n'],
    ['UTF-8 without BOM, LF', 'utf8', '\n'],
    ['Windows-1252, CRLF', 'cp1252', '\r\n'],
  ])('commits a valid file in %s exactly as one reader does, hashing the whole file', async (_name, encoding, eol) => {
    const content = csv([HEADER, ...byPupil((p, d) => (p === 7 && d > 4 ? 'Ogiltig frånvaro' : 'Närvarande'))], { encoding, eol });
    expect(content.length).toBeGreaterThan(1024);
    const r = await both(content);
    expect(r.calls).toBe(1);
    expect(r.answers).toEqual([expect.objectContaining({ ok: true })]);
    expect(r.report).toMatchObject({ status: 'committed', pupils: 10, rows: 100, days: 100 });
    expect(r.report.file.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(r.file)).digest('hex'));
    expect(r.stored).toHaveLength(100);
  });

  it('rejects a file with errors in both halves with the same rows, columns and messages', async () => {
    const rows = [HEADER, ...byPupil((p, d) => (p === 1 && d === 2 ? 'Kanske' : p === 8 && d === 3 ? 'Vet ej' : 'Närvarande'))];
    rows[95]![4] = '2026-08-35';
    rows.push([PUPILS[9], 'Åsa', 'Öberg', '7A', '2026-08-22', 'Närvarande'], [BAD_CHECKSUM, 'Åsa', 'Öberg', '7A', DAYS[0]!, 'Närvarande']);
    const r = await both(csv(rows));
    expect(r.answers).toEqual([expect.objectContaining({ ok: true })]);
    expect(r.report.status).toBe('rejected');
    expect(r.report.errors.map((e) => e.row)).toEqual([14, 85, 96, 103]);
    expect(r.report.warnings[0]).toMatchObject({ row: 102 });
    expect(r.stored).toEqual([]);
  });

  it('does not cut a file whose first rows are sorted by date (every pupil would be in both halves)', async () => {
    const r = await both(csv([HEADER, ...byDate()]));
    expect(r.calls).toBe(0);
    expect(r.report).toMatchObject({ status: 'committed', pupils: 10, days: 100 });
  });

  it('reads the rest on this thread when a pupil turns up again in the second half', async () => {
    // 25 lessons a day keep the first 2,000 rows (what the cut is decided on) grouped by pupil.
    const lessons = Array.from({ length: 25 }, (_, i) => `Lektion ${i + 1}`);
    const rows = [
      ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Lektion', 'Närvaro'],
      ...PUPILS.flatMap((pn) => DAYS.flatMap((d) => lessons.map((l) => [pn, 'Åsa', 'Öberg', d, l, 'Närvarande']))),
      [PUPILS[0], 'Åsa', 'Öberg', DAYS[0]!, 'Extra', 'Ogiltig frånvaro'],
    ];
    const r = await both(csv(rows));
    expect(r.calls).toBe(1);
    expect(r.answers).toEqual([expect.objectContaining({ ok: true })]);
    expect(r.report).toMatchObject({ status: 'committed', pupils: 10, rows: 2501, days: 100 });
  });

  it('does not cut a file with a quote before the middle', async () => {
    const rows = [HEADER, ...byPupil()];
    rows[3]![1] = '"Åsa"';
    const r = await both(csv(rows));
    expect(r.calls).toBe(0);
    expect(r.report).toMatchObject({ status: 'committed', pupils: 10 });
  });

  it('gives the same message as one reader for a Windows-1252 byte in the second half of a UTF-8 file', async () => {
    // Past the first 64 KB, which encoding detection reads: a long comment on every row.
    const text = csv([[...HEADER, 'Kommentar'], ...byPupil().map((r) => [...r, 'ok '.repeat(500)])], { encoding: 'utf8', eol: '\n' });
    expect(text.length).toBeGreaterThan(2 * 64 * 1024);
    const at = text.lastIndexOf('Öberg');
    const content = Buffer.concat([text.subarray(0, at), Buffer.from([0xd6]), text.subarray(at + 2)]);
    const r = await both(content);
    expect(r.answers).toEqual([expect.objectContaining({ ok: false })]);
    expect(r.report.status).toBe('rejected');
    expect(r.report.errors[0]!.message).toMatch(/teckenkodning/);
  });
});
