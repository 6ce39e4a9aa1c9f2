import request from 'supertest';
import { runCli } from '../../src/cli/run';
import { anUpload } from '../helpers/builders';
import { csv, tempFile } from '../helpers/fixtures';
import { PUPILS, short } from '../helpers/personal-numbers';
import { admin, loginAs, summerRoundEnv, type TestEnv } from '../helpers/test-env';
import { postStep, showPreview, uploadAndPreview } from '../helpers/web-upload';

/** The round's 10 school days from Tue 18 Aug 2026; the clock stands after them. */
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];

/** A lesson-level export: comma, every field quoted, 10-digit personal numbers, two lessons a day. */
function lessonFile(plan: { pn: string; lessons: [string, string] }[]): Buffer {
  const rows = [
    ['Personnummer', 'Namn', 'Datum', 'Lektion', 'Närvaro'],
    ...plan.flatMap((p) => DAYS.flatMap((d) => p.lessons.map((status, i) => [short(p.pn), 'Elev Eleven', d, i === 0 ? 'Matematik' : 'Svenska', status]))),
  ];
  return csv(
    rows.map((r) => r.map((c) => `"${c}"`)),
    { delimiter: ',' },
  );
}

/** One pupil every lesson with `word`, beside one who came: a file whose only doubt is the word. */
const fileWithWord = (word: string) =>
  lessonFile([
    { pn: PUPILS[0], lessons: [word, word] },
    { pn: PUPILS[1], lessons: ['Närvarande', 'Närvarande'] },
  ]);

describe('import: status words read by meaning and chosen per school', () => {
  let env: TestEnv;
  let roundId: number;
  const base = () => `/omgangar/${roundId}/skolor/11111111/inlasning`;

  beforeEach(async () => {
    ({ env, roundId } = await summerRoundEnv());
  });
  afterEach(() => env.close());

  const importFile = (
    file: Buffer,
    statusWords?: Record<string, 'present' | 'valid' | 'unexplained' | 'unknown' | 'not_reported'>,
    mapping?: Record<string, string>,
  ) => anUpload(roundId, '11111111').file(file).named('lektioner.csv').with({ statusWords, mapping }).send(env);
  const flagOf = (pn: string) => env.services.rules.listFlags(admin, roundId).find((f) => f.pupil.personalNumber === pn);

  it('commits a quoted comma lesson file with qualified words, late as present and not reported never present', async () => {
    const report = await importFile(
      lessonFile([
        { pn: PUPILS[0], lessons: ['Frånvarande (ej anmäld)', 'Frånvarande (ej anmäld)'] },
        { pn: PUPILS[1], lessons: ['Frånvarande (anmäld)', 'Frånvarande (anmäld)'] },
        { pn: PUPILS[2], lessons: ['Sen ankomst', 'Frånvarande (ej anmäld)'] },
        { pn: PUPILS[3], lessons: ['Ej rapporterad', 'Ej rapporterad'] },
      ]),
    );
    expect(report).toMatchObject({ status: 'committed', delimiter: ',', perLesson: true, pupils: 4, rows: 80, days: 40, errors: [] });
    expect(report.statusWords).toEqual([
      { word: 'Frånvarande (ej anmäld)', status: 'unexplained', source: 'rules', count: 30 },
      { word: 'Ej rapporterad', status: 'not_reported', source: 'vocabulary', count: 20 },
      { word: 'Frånvarande (anmäld)', status: 'valid', source: 'rules', count: 20 },
      { word: 'Sen ankomst', status: 'present', source: 'rules', count: 10 },
    ]);
    // What the words meant, as the rules read the stored days.
    expect(flagOf(PUPILS[0])!.rules[0]!.explanation).toContain('(10 dagar ogiltig frånvaro)');
    expect(flagOf(PUPILS[1])!.rules[0]!.explanation).toContain('(10 dagar giltig frånvaro)');
    expect(flagOf(PUPILS[2])).toBeUndefined();
    expect(flagOf(PUPILS[3])!.rules[0]!.explanation).toContain('(10 dagar utan rapporterad närvaro)');
  });

  it('rejects an unknown word, lets the user map it in the preview, saves it on commit and shows it in the next preview', async () => {
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    const upload = async () => (await uploadAndPreview(principal, base(), fileWithWord('Studiebesök'), 'lektioner.csv')).page;
    const { page: first, previewPath } = await uploadAndPreview(principal, base(), fileWithWord('Studiebesök'), 'lektioner.csv');
    expect(first.text).toContain('Okänd närvarostatus ”Studiebesök”');
    expect(first.text).toContain('Närvaroord i filen');
    expect(first.text).toMatch(/<td>Studiebesök<\/td>\s*<td>Förstås inte<\/td>\s*<td>20<\/td>/);
    expect(first.text).toMatch(/<td>Närvarande<\/td>\s*<td>närvarande<\/td>\s*<td>20<\/td>\s*<td>standardord<\/td>/);
    expect(first.text).not.toContain('/bekrafta');
    const index = /name="word_(\d+)" value="Studiebesök"/.exec(first.text)![1]!;

    // A status that is not one of the five: 400, the error linked to its field, nothing chosen.
    const bad = await postStep(principal, previewPath, 'statusord', first.text, { [`word_${index}`]: 'Studiebesök', [`status_${index}`]: 'absent' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`href="#status_${index}"`);
    expect(bad.text).toContain('Okänd betydelse ”absent” för ordet ”Studiebesök”');
    expect(bad.text).toContain(`aria-describedby="status_${index}-error"`);
    // Without the CSRF token nothing happens.
    const forged = await principal
      .post(`${previewPath}/statusord`)
      .type('form')
      .send({ [`word_${index}`]: 'Studiebesök', [`status_${index}`]: 'valid' });
    expect(forged.status).toBe(403);

    const chosen = await postStep(principal, previewPath, 'statusord', first.text, { [`word_${index}`]: 'Studiebesök', [`status_${index}`]: 'valid' });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.location).toBe(previewPath);
    const mapped = await showPreview(principal, previewPath);
    expect(mapped.text).toContain('Filen kan läsas in');
    expect(mapped.text).toContain('Ordet ”Studiebesök” läses som giltig frånvaro, enligt ditt val.');
    const done = await postStep(principal, previewPath, 'bekrafta', mapped.text);
    expect(done.status).toBe(303);
    expect(flagOf(PUPILS[0])!.rules[0]!.explanation).toContain('(10 dagar giltig frånvaro)');

    // The next upload of the school reads the word as saved, and says so.
    const next = await upload();
    expect(next.status).toBe(200);
    expect(next.text).toContain('Ordet ”Studiebesök” läses som giltig frånvaro, enligt skolans sparade val.');
    expect(next.text).toMatch(/<td>Studiebesök<\/td>\s*<td>giltig frånvaro<\/td>\s*<td>20<\/td>\s*<td>skolans sparade val<\/td>/);
    // Another school has its own words.
    const other = await anUpload(roundId, '22222222').file(fileWithWord('Studiebesök')).named('b.csv').send(env);
    expect(other.status).toBe('rejected');
  });

  it('keeps the saved column mapping when only status words are saved, and the other way round', async () => {
    const prao = async () => (await importFile(fileWithWord('Prao'))).statusWords.find((w) => w.word === 'Prao');
    await importFile(fileWithWord('Prao'), { Prao: 'present' });
    expect(await prao()).toEqual({ word: 'Prao', status: 'present', source: 'saved', count: 20 });
    // Status words alone are no column mapping.
    expect((await importFile(fileWithWord('Prao'))).mappingUsed).toBe('detected');
    // Columns chosen later leave the words as they were.
    const columns = { personalNumber: 'Personnummer', fullName: 'Namn', date: 'Datum', lesson: 'Lektion', status: 'Närvaro' };
    expect((await importFile(fileWithWord('Prao'), undefined, columns)).status).toBe('committed');
    const withColumns = await importFile(fileWithWord('Prao'));
    expect(withColumns.mappingUsed).toBe('saved');
    expect(withColumns.statusWords).toContainEqual({ word: 'Prao', status: 'present', source: 'saved', count: 20 });
    await importFile(fileWithWord('Prao'), { prao: 'unknown' });
    expect((await importFile(fileWithWord('Prao'))).mappingUsed).toBe('saved');
    // "prao" replaces "Prao": one saved meaning per word.
    expect(await prao()).toEqual({ word: 'Prao', status: 'unknown', source: 'saved', count: 20 });
  });

  it('refuses a choice that makes not reported present, from any caller', async () => {
    const report = await importFile(fileWithWord('Ej rapp.'), { 'Ej rapp.': 'present' });
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      { row: null, column: null, message: '”Ej rapp.” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.' },
    ]);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
  });

  describe('CLI', () => {
    const cli = async (argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
        readStdin: async () => '',
      });
      return { code, out, err };
    };
    const importArgs = (file: string, ...extra: string[]) => ['import', '--round', String(roundId), '--school', '11111111', ...extra, file];

    it('takes --status WORD=STATUS, saves it for the school and uses it the next time', async () => {
      const file = tempFile('lektioner.csv', fileWithWord('Studiebesök'));
      const rejected = await cli(importArgs(file));
      expect(rejected.code).toBe(1);
      expect(rejected.out).toContain('Okända närvaroord: ”Studiebesök”. Ange vad de betyder med --status ORD=BETYDELSE');

      const mapped = await cli(importArgs(file, '--status', 'Studiebesök=valid', '--json'));
      expect(mapped.code).toBe(0);
      const doc = JSON.parse(mapped.out);
      expect(doc).toMatchObject({ status: 'committed', pupils: 2 });
      expect(doc.statusWords).toContainEqual({ word: 'Studiebesök', status: 'valid', source: 'chosen', count: 20 });

      const again = await cli(importArgs(file));
      expect(again.code).toBe(0);
      expect(again.out).toContain('Ordet ”Studiebesök” läses som giltig frånvaro, enligt skolans sparade val.');
    });

    it('uses a mapping saved from the web preview', async () => {
      await importFile(fileWithWord('Studiebesök'), { Studiebesök: 'unexplained' });
      const r = await cli(importArgs(tempFile('x.csv', fileWithWord('Studiebesök')), '--json'));
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).statusWords).toContainEqual({ word: 'Studiebesök', status: 'unexplained', source: 'saved', count: 20 });
    });

    it.each([
      [['--status', 'Studiebesök=giltig'], 'Okänd betydelse ”giltig” för ordet ”Studiebesök”. Välj en av present, valid, unexplained, unknown, not_reported.'],
      [['--status', 'Studiebesök'], '”Studiebesök” ska skrivas ORD=BETYDELSE'],
      [['--status', 'Ej rapporterad=present'], '”Ej rapporterad” betyder att närvaron inte är rapporterad och kan inte räknas som närvaro.'],
    ])('%j is a usage error (exit 2) in Swedish, and nothing is stored', async (extra, message) => {
      const r = await cli([...importArgs(tempFile('x.csv', fileWithWord('Studiebesök')), ...extra), '--json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'usage', message: expect.stringContaining(message) } });
      expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
    });
  });

  describe('API', () => {
    let token: string;
    beforeEach(() => {
      token = env.services.tokens.create(env.services.auth.actorForEmail('rektor@test.invalid')!, { name: 'test' }).token;
    });
    const post = (fields: string[]) => {
      const r = request(env.app).post(`/api/v1/rounds/${roundId}/schools/11111111/uploads`).set('Authorization', `Bearer ${token}`);
      for (const f of fields) r.field('status', f);
      return r.attach('file', fileWithWord('Studiebesök'), 'lektioner.csv');
    };

    it('accepts the same status fields as the CLI and saves them for the school', async () => {
      expect((await post([])).status).toBe(422);
      const res = await post(['Studiebesök=valid']);
      expect(res.status).toBe(201);
      expect(res.body.statusWords).toContainEqual({ word: 'Studiebesök', status: 'valid', source: 'chosen', count: 20 });
      const again = await post([]);
      expect(again.status).toBe(201);
      expect(again.body.statusWords).toContainEqual({ word: 'Studiebesök', status: 'valid', source: 'saved', count: 20 });
    });

    it('answers 400 for a bad status field', async () => {
      const res = await post(['Studiebesök=absent']);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_status', message: expect.stringContaining('Okänd betydelse ”absent”') } });
    });
  });
});
