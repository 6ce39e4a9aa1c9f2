import crypto from 'node:crypto';
import fs from 'node:fs';
import { systemActor } from '../../src/shared/roles';
import { aRound, anUpload } from '../helpers/builders';
import { csv, tempFile, xlsx, type XlsxCell } from '../helpers/fixtures';
import { BAD_CHECKSUM, BORN_2005, GUARDIANS, PUPILS, short } from '../helpers/personal-numbers';
import { testEnv, type TestEnv } from '../helpers/test-env';
import { buildZip } from '../helpers/zip-fixture';

const admin = systemActor('test');
// Window: the 10 school days from Tue 18 Aug 2026 (18–21, 24–28, 31 Aug). The test clock is 2026-09-15.
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];

describe('import: files as principals have them, end to end through the service', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    roundId = (await aRound().withSchools(2).build(env)).id;
  });
  afterEach(() => env.close());

  const db = () => env.db;
  const stored = () => ({
    pupils: db().prepare('SELECT count(*) FROM pupils').pluck().get(),
    roster: db().prepare('SELECT count(*) FROM roster').pluck().get(),
    attendance: db().prepare('SELECT count(*) FROM attendance').pluck().get(),
    uploads: db().prepare('SELECT count(*) FROM uploads').pluck().get(),
  });
  const statuses = (pn: string) =>
    db().prepare('SELECT a.status FROM attendance a JOIN pupils p ON p.id = a.pupil_id WHERE p.personal_number = ? ORDER BY a.date').pluck().all(pn);

  async function importBuffer(name: string, content: Buffer, school = '11111111', sheet?: string) {
    return anUpload(roundId, school).file(content).named(name).with({ sheet }).send(env);
  }

  /** A daily file: every pupil present every day, except the first who is absent (unexplained). */
  const dailyRows = (pns: readonly string[]) => [
    ['Personnummer', 'Förnamn', 'Efternamn', 'Klass', 'Datum', 'Närvaro'],
    ...pns.flatMap((pn, i) => DAYS.map((d) => [pn, 'Åsa', 'Öberg', '7A', d, i === 0 ? 'Ogiltig frånvaro' : 'Närvarande'])),
  ];

  it.each([
    ['cp1252 with ; and CRLF', 'närvaro.csv', { encoding: 'cp1252' as const, delimiter: ';', eol: '\r\n' }],
    ['UTF-8 with BOM and ,', 'närvaro.csv', { encoding: 'utf8-bom' as const, delimiter: ',' }],
    ['UTF-16 with BOM and tab', 'närvaro.txt', { encoding: 'utf16le-bom' as const, delimiter: '\t' }],
    ['UTF-8 without BOM, LF', 'närvaro.csv', { encoding: 'utf8' as const, delimiter: ';', eol: '\n' }],
  ])('reads a daily CSV in %s', async (_what, name, opts) => {
    const report = await importBuffer(name, csv(dailyRows(PUPILS.slice(0, 3)), opts));
    expect(report).toMatchObject({ status: 'committed', pupils: 3, rows: 30, days: 30, shape: 'daily', errors: [] });
    expect(statuses(PUPILS[0])).toEqual(Array(10).fill('unexplained'));
    expect(
      db().prepare('SELECT sp.first_name, sp.last_name FROM school_pupils sp JOIN pupils p ON p.id = sp.pupil_id WHERE p.personal_number = ?').get(PUPILS[1]),
    ).toEqual({ first_name: 'Åsa', last_name: 'Öberg' });
  });

  it('reads 10-digit numbers, with and without dash, and 12 digits without dash, as the same pupils', async () => {
    const rows = [
      ['Personnummer', 'Datum', 'Närvaro'],
      [short(PUPILS[0]), DAYS[0], 'N'],
      [short(PUPILS[0]).replace('-', ''), DAYS[1], 'N'],
      [PUPILS[0].replace('-', ''), DAYS[2], 'N'],
    ];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report).toMatchObject({ status: 'committed', pupils: 1, days: 3 });
  });

  it('rejects a file with a bad checksum, naming the row the user sees, and stores nothing', async () => {
    const rows = [['Närvarorapport Alfaskolan'], [], ['Personnummer', 'Datum', 'Närvaro'], [PUPILS[0], DAYS[0], 'N'], [BAD_CHECKSUM, DAYS[0], 'N']];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report.status).toBe('rejected');
    expect(report.headerRow).toBe(3);
    expect(report.errors).toEqual([{ row: 5, column: 'Personnummer', message: expect.stringContaining('fel kontrollsiffra') }]);
    expect(stored()).toEqual({ pupils: 0, roster: 0, attendance: 0, uploads: 0 });
  });

  it('leaves the round exactly as it was when a re-upload is rejected', async () => {
    expect((await importBuffer('a.csv', csv(dailyRows(PUPILS.slice(0, 2))))).status).toBe('committed');
    const before = stored();
    const bad = dailyRows(PUPILS.slice(0, 4));
    bad[5]![4] = '2026-08-35';
    const report = await importBuffer('b.csv', csv(bad));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatchObject({ row: 6, column: 'Datum' });
    expect(stored()).toEqual(before);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(1);
  });

  it('replaces the school’s data on re-upload and keeps the earlier upload in history', async () => {
    await importBuffer('a.csv', csv(dailyRows(PUPILS.slice(0, 3))));
    const second = await importBuffer('b.csv', csv(dailyRows(PUPILS.slice(3, 5))));
    expect(second.status).toBe('committed');
    expect(stored()).toMatchObject({ roster: 2, attendance: 20, uploads: 2 });
    const history = env.services.imports.history(admin, roundId, '11111111');
    expect(history.map((u) => [u.fileName, u.supersededBy])).toEqual([
      ['b.csv', null],
      ['a.csv', second.uploadId],
    ]);
    expect(fs.existsSync(`${env.dir}/${history[1]!.rawFile}`)).toBe(true);
    expect(history[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    // A long extra column makes the file span several 64 KB reads.
    [
      'a CSV read in many chunks (hashed on the way)',
      'big.csv',
      () =>
        csv(
          dailyRows(PUPILS).map((r, i) => [...r, i ? 'å'.repeat(1500) : 'Kommentar']),
          { encoding: 'utf8-bom' as const },
        ),
    ],
    ['an xlsx', 'a.xlsx', () => xlsx([{ name: 'Närvaro', rows: dailyRows(PUPILS.slice(0, 2)) }])],
  ])('stores the SHA-256 of the whole file for %s', async (_what, name, make) => {
    const content = await make();
    const report = await importBuffer(name, content);
    expect(report.status).toBe('committed');
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    expect(report.file.sha256).toBe(sha256);
    expect(env.services.imports.history(admin, roundId, '11111111')[0]!.sha256).toBe(sha256);
  });

  it('keeps other schools’ data when one school re-uploads', async () => {
    await importBuffer('a.csv', csv(dailyRows(PUPILS.slice(0, 3))), '11111111');
    await importBuffer('b.csv', csv(dailyRows(PUPILS.slice(3, 5))), '22222222');
    await importBuffer('c.csv', csv(dailyRows(PUPILS.slice(0, 1))), '11111111');
    expect(stored()).toMatchObject({ roster: 3, attendance: 30 });
  });

  it('reads an xlsx with title rows, date header cells and numeric personal numbers that lost their leading zero', async () => {
    const date = (d: string) => new Date(`${d}T00:00:00Z`);
    const rows: XlsxCell[][] = [
      ['Närvaro per dag, HT 2026'],
      ['Alfaskolan'],
      [],
      ['Elev', 'Personnummer', 'Klass', ...DAYS.map(date)],
      ['Öberg, Åsa', Number(short(BORN_2005[0]).replace('-', '')), '9A', ...DAYS.map(() => 'O')],
      ['Berg, Bo', Number(short(BORN_2005[1]).replace('-', '')), '9A', ...DAYS.map((_, i) => (i < 3 ? 'G' : 'N'))],
    ];
    expect(rows[4]![1]).toBeLessThan(1_000_000_000); // Excel dropped the zero: 9 digits
    const report = await importBuffer('matris.xlsx', await xlsx([{ name: 'Blad1', rows }]));
    expect(report).toMatchObject({ status: 'committed', shape: 'matrix', headerRow: 4, pupils: 2, days: 20 });
    expect(statuses(BORN_2005[0])).toEqual(Array(10).fill('unexplained'));
    expect(statuses(BORN_2005[1])).toEqual(['valid', 'valid', 'valid', ...Array(7).fill('present')]);
  });

  it('reads Excel date serials in a date column and picks a named sheet', async () => {
    const serial = (d: string) => (Date.parse(`${d}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const rows: XlsxCell[][] = [['Personnummer', 'Datum', 'Status'], ...DAYS.map((d) => [PUPILS[0], serial(d), 'Närvarande'] as XlsxCell[])];
    const report = await importBuffer(
      'dag.xlsx',
      await xlsx([
        { name: 'Info', rows: [['Exporterad 2026-09-01']] },
        { name: 'Närvaro', rows },
      ]),
      '11111111',
      'Närvaro',
    );
    expect(report).toMatchObject({ status: 'committed', sheet: 'Närvaro', pupils: 1, days: 10 });
    const missing = await importBuffer('dag.xlsx', await xlsx([{ name: 'Närvaro', rows }]), '11111111', 'Finns inte');
    expect(missing.errors[0]!.message).toContain('Fliken ”Finns inte” finns inte i filen');
  });

  it('reads columns by meaning: guardian columns link siblings, never read as the pupil', async () => {
    const rows = [
      ['Elevens personnummer', 'Elevens namn', 'Datum', 'Närvaro', 'Vårdnadshavare pnr', 'Förälder personnummer'],
      [PUPILS[0], 'A B', DAYS[0], 'N', GUARDIANS[0], GUARDIANS[1]],
      [PUPILS[1], 'C D', DAYS[0], 'N', GUARDIANS[0], ''],
    ];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report).toMatchObject({ status: 'committed', pupils: 2 });
    expect(report.warnings.filter((w) => w.message.includes('används inte'))).toEqual([]);
    expect(report.columns).toMatchObject({ personalNumber: 'Elevens personnummer', guardian1: 'Vårdnadshavare pnr', guardian2: 'Förälder personnummer' });
    expect(db().prepare('SELECT count(*) FROM school_guardians').pluck().get()).toBe(3);
  });

  it("rejects two columns both read as the pupil's personal number, naming them, and stores nothing", async () => {
    const rows = [
      ['Personnummer', 'Datum', 'Närvaro', 'Pers.nr'],
      [PUPILS[0], DAYS[0], 'N', PUPILS[1]],
    ];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      {
        row: 1,
        column: 'Personnummer, Pers.nr',
        message:
          'Kolumnerna ”Personnummer” och ”Pers.nr” läses båda som personnummer. Ta bort eller byt namn på den som inte ska användas, eller välj själv vad kolumnerna innehåller.',
      },
    ]);
    expect(stored()).toEqual({ pupils: 0, roster: 0, attendance: 0, uploads: 0 });
  });

  it('reads a per-pupil summary', async () => {
    const rows: XlsxCell[][] = [
      ['Personnr', 'Namn', 'Närvarande dagar', 'Giltig frånvaro (dagar)', 'Ogiltig frånvaro (dagar)'],
      [PUPILS[0], 'A B', 0, 0, 10],
      [PUPILS[1], 'C D', 7, 3, 0],
    ];
    const report = await importBuffer('summa.xlsx', await xlsx([{ name: 'Summering', rows }]));
    expect(report).toMatchObject({ status: 'committed', shape: 'summary', pupils: 2, days: 0 });
    expect(db().prepare('SELECT days_present, unexplained_absence_days FROM roster ORDER BY source_row').all()).toEqual([
      { days_present: 0, unexplained_absence_days: 10 },
      { days_present: 7, unexplained_absence_days: 0 },
    ]);
  });

  it('folds lessons with minutes into days, never counting unreported lessons as present', async () => {
    const rows = [
      ['Elevens personnummer', 'Elevens namn', 'Datum', 'Lektion', 'Schemalagd tid (min)', 'Frånvaro (min)', 'Frånvarotyp'],
      [PUPILS[0], 'A B', DAYS[0], 'Svenska', 60, 60, 'Oanmäld'],
      [PUPILS[0], 'A B', DAYS[0], 'Matematik', 60, 60, 'Anmäld'],
      [PUPILS[0], 'A B', DAYS[1], 'Svenska', 60, 0, ''],
      [PUPILS[0], 'A B', DAYS[1], 'Matematik', 60, 60, 'Oanmäld'],
      [PUPILS[0], 'A B', DAYS[2], 'Svenska', 60, null, ''],
    ];
    const report = await importBuffer('lektioner.csv', csv(rows, { encoding: 'utf8-bom', delimiter: ',' }));
    expect(report).toMatchObject({ status: 'committed', perLesson: true, rows: 5, days: 3 });
    expect(statuses(PUPILS[0])).toEqual(['unexplained', 'present', 'not_reported']);
  });

  it('stores "Ej rapporterat" as not reported and warns when few days are reported', async () => {
    const rows = [['Personnummer', 'Datum', 'Närvaro'], ...DAYS.map((d) => [PUPILS[0], d, 'Ej rapporterat'])];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report.status).toBe('committed');
    expect(statuses(PUPILS[0])).toEqual(Array(10).fill('not_reported'));
    expect(report.reportedShare).toBe(0);
    expect(report.warnings.map((w) => w.message).join(' ')).toContain('räknas aldrig som närvaro');
  });

  it('ignores weekend, holiday and out-of-window rows with warnings', async () => {
    const rows = [
      ['Personnummer', 'Datum', 'Närvaro'],
      [PUPILS[0], '2026-08-22', 'O'],
      [PUPILS[0], '2026-12-25', 'O'],
      [PUPILS[0], '2026-08-17', 'O'],
      [PUPILS[0], DAYS[0], 'N'],
    ];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report).toMatchObject({ status: 'committed', days: 1 });
    expect(report.warnings.filter((w) => w.row !== null).map((w) => w.row)).toEqual([2, 3, 4]);
    expect(report.warnings[1]!.message).toContain('juldagen');
  });

  it.each([
    [
      'conflicting duplicates',
      csv([
        ['Personnummer', 'Datum', 'Närvaro'],
        [PUPILS[0], DAYS[0], 'N'],
        [PUPILS[0], DAYS[0], 'O'],
      ]),
      'a.csv',
      { row: 3, column: 'Datum' },
      'två olika uppgifter',
    ],
    [
      'a missing id column',
      csv([
        ['Namn', 'Datum', 'Närvaro'],
        ['A B', DAYS[0], 'N'],
      ]),
      'a.csv',
      { row: 1 },
      'Hittar ingen kolumn för personnummer',
    ],
    [
      'an unknown status',
      csv([
        ['Personnummer', 'Datum', 'Närvaro'],
        [PUPILS[0], DAYS[0], 'Kanske'],
      ]),
      'a.csv',
      { row: 2, column: 'Närvaro' },
      'Okänd närvarostatus',
    ],
    [
      'an unreadable date',
      csv([
        ['Personnummer', 'Datum', 'Närvaro'],
        [PUPILS[0], 'i tisdags', 'N'],
      ]),
      'a.csv',
      { row: 2, column: 'Datum' },
      '',
    ],
    ['an empty file', Buffer.alloc(0), 'a.csv', { row: null }, 'tom'],
    ['a file of blank lines', Buffer.from('\r\n\r\n;;\r\n'), 'a.csv', { row: null }, 'tom'],
    ['non-spreadsheet bytes named .xlsx', Buffer.from('Hej, det här är ingen Excel-fil.'), 'a.xlsx', { row: null }, 'inte en Excel-fil'],
    ['a legacy .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), 'a.xls', { row: null }, '.xlsx'],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'rapport.pdf', { row: null }, 'PDF'],
  ])('rejects %s with a clear message', async (_what, content, name, where, message) => {
    const report = await importBuffer(name, content);
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatchObject(where);
    expect(report.errors[0]!.message).toContain(message);
    expect(stored()).toMatchObject({ uploads: 0, attendance: 0 });
  });

  it('refuses a zip bomb named .xlsx before unpacking it', async () => {
    // 300 MB of zeros compresses to a few hundred KB; the limit here is 5 MB.
    const small = testEnv({ SAKNAD_XLSX_MAX_UNCOMPRESSED_MB: '5' });
    const r = await aRound().named('HT2026').withSchools(1).build(small);
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(300 * 1024 * 1024) }]);
    const report = await anUpload(r.id, '11111111').file(bomb).named('bomb.xlsx').send(small);
    expect(report.status).toBe('rejected');
    expect(report.errors[0]!.message).toMatch(/packas upp till mer än|MB/);
    small.close();
  });

  it('refuses a file over the size and row limits', async () => {
    const small = testEnv({ SAKNAD_UPLOAD_MAX_MB: '1', SAKNAD_IMPORT_MAX_ROWS: '50' });
    const r = await aRound().named('HT2026').withSchools(1).build(small);
    const run = (name: string, content: Buffer) => anUpload(r.id, '11111111').file(content).named(name).send(small);
    expect((await run('big.csv', Buffer.alloc(2 * 1024 * 1024, 'a'))).errors[0]!.message).toContain('Största tillåtna storlek är 1 MB');
    expect((await run('many.csv', csv(dailyRows(PUPILS.slice(0, 6))))).errors[0]!.message).toContain('fler än 50 rader');
    small.close();
  });

  it('stores protected identity and guardians, and keeps protected pupils out when the setting says so', async () => {
    const rows = [
      ['Personnummer', 'Namn', 'Datum', 'Närvaro', 'Skyddad identitet', 'Vårdnadshavare'],
      [PUPILS[0], 'A B', DAYS[0], 'O', 'J', GUARDIANS[0]],
      [PUPILS[1], 'C D', DAYS[0], 'N', '', GUARDIANS[0]],
    ];
    const report = await importBuffer('a.csv', csv(rows));
    expect(report).toMatchObject({ status: 'committed', protectedPupils: 1, excludedProtected: 0, pupils: 2 });
    expect(db().prepare('SELECT protected_identity FROM pupils WHERE personal_number = ?').pluck().get(PUPILS[0])).toBe(1);
    expect(db().prepare('SELECT count(*) FROM school_guardians WHERE guardian_personal_number = ?').pluck().get(GUARDIANS[0])).toBe(2);

    env.services.settings.set(admin, 'excludeProtectedFromImport', true);
    const rows2 = [
      ['Personnummer', 'Namn', 'Datum', 'Närvaro', 'Skyddad identitet'],
      [PUPILS[2], 'E F', DAYS[0], 'O', 'Ja'],
      [PUPILS[3], 'G H', DAYS[0], 'N', 'Nej'],
    ];
    const excluded = await importBuffer('b.csv', csv(rows2), '22222222');
    expect(excluded).toMatchObject({ status: 'committed', pupils: 1, protectedPupils: 1, excludedProtected: 1 });
    expect(excluded.warnings.map((w) => w.message).join(' ')).toContain('1 elev med skyddad identitet har inte lästs in');
    expect(db().prepare('SELECT count(*) FROM pupils WHERE personal_number = ?').pluck().get(PUPILS[2])).toBe(0);
  });

  it('scopes uploads: a principal imports for their own school only, and never into a closed or foreign round', async () => {
    await env.services.users.create(admin, { email: 'r@t.invalid', name: 'R R', roles: ['principal'], schoolCodes: ['11111111'] }, 'ett-langt-losenord');
    const principal = env.services.auth.actorForEmail('r@t.invalid')!;
    const file = tempFile('a.csv', csv(dailyRows(PUPILS.slice(0, 1))));
    const own = await env.services.imports.importFile(principal, { roundId, schoolCode: '11111111', filePath: file, fileName: 'a.csv' });
    expect(own.status).toBe('committed');
    await expect(env.services.imports.importFile(principal, { roundId, schoolCode: '22222222', filePath: file, fileName: 'a.csv' })).rejects.toThrow(
      'deltar inte',
    );
    await expect(env.services.imports.importFile(principal, { roundId: 999, schoolCode: '11111111', filePath: file, fileName: 'a.csv' })).rejects.toThrow(
      'finns inte',
    );
  });

  describe('damaged and hostile files (issue 12): rejected with their row, nothing stored', () => {
    /** The header and 20 good rows (rows 2–21), then `extra` from row 22 on. */
    const damaged = (extra: string) => Buffer.concat([csv(dailyRows(PUPILS.slice(0, 2))), Buffer.from(extra)]);
    const row = (cells: string[]) => `${cells.join(';')}\r\n`;

    /** A workbook written by hand (as no spreadsheet program would): row 3's status points past the shared strings. */
    function xlsxWithMissingString(): Buffer {
      const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
      const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
      const strings = ['Personnummer', 'Datum', 'Närvaro', PUPILS[0], PUPILS[1], DAYS[0], 'Närvarande'];
      const sheetRow = (r: number, indexes: number[]) =>
        `<row r="${r}">${indexes.map((s, i) => `<c r="${'ABC'[i]}${r}" t="s"><v>${s}</v></c>`).join('')}</row>`;
      const part = (name: string, xml: string) => ({ name, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${xml}`) });
      return buildZip([
        part('xl/workbook.xml', `<workbook ${NS} ${R}><sheets><sheet name="Närvaro" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        part(
          'xl/_rels/workbook.xml.rels',
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        ),
        part('xl/sharedStrings.xml', `<sst ${NS}>${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`),
        part(
          'xl/worksheets/sheet1.xml',
          `<worksheet ${NS}><sheetData>${sheetRow(1, [0, 1, 2])}${sheetRow(2, [3, 5, 6])}${sheetRow(3, [4, 5, 7])}</sheetData></worksheet>`,
        ),
      ]);
    }

    it.each([
      [
        'a NUL byte',
        'a.csv',
        () => damaged(row([PUPILS[2], 'Å\0sa', 'Öberg', '7A', DAYS[0], 'N'])),
        { row: 22, column: 'B' },
        /^Rad 22 innehåller ett otillåtet tecken \(NUL\) i kolumn B\..*CSV UTF-8/,
      ],
      [
        '200,000 columns without quotes',
        'a.csv',
        () => damaged(`${PUPILS[2]}${';x'.repeat(199_999)}\r\n`),
        { row: 22, column: null },
        /^Rad 22 har 200\s000 kolumner, men en närvarofil kan ha högst 1\s000\./,
      ],
      [
        'a line of over a million characters',
        'a.csv',
        () => damaged(row([PUPILS[2], 'Å'.repeat(1_100_000)])),
        { row: 22, column: null },
        /^Rad 22 är för lång: över 1\s000\s000 tecken/,
      ],
      [
        'a shared-string index that points nowhere',
        'a.xlsx',
        xlsxWithMissingString,
        { row: 3, column: 'C' },
        /^Cellen C3 \(rad 3, kolumn C\) på fliken ”Närvaro” hänvisar till en text som inte finns i filen/,
      ],
      [
        'a last name over 200 characters',
        'a.csv',
        () => damaged(row([PUPILS[2], 'Åsa', 'Ö'.repeat(201), '7A', DAYS[0], 'N'])),
        { row: 22, column: 'Efternamn' },
        /^Efternamnet ”Ö+…” är 201 tecken långt; ett namn får vara högst 200 tecken/,
      ],
    ])('%s', async (_what, name, make, where, message) => {
      const report = await importBuffer(name, make());
      expect(report.status).toBe('rejected');
      expect(report.errors).toEqual([{ ...where, message: expect.stringMatching(message) }]);
      expect(stored()).toEqual({ pupils: 0, roster: 0, attendance: 0, uploads: 0 });
    });

    it('leaves an earlier upload as it was when a damaged file replaces it', async () => {
      expect((await importBuffer('a.csv', damaged(''))).status).toBe('committed');
      const before = stored();
      const report = await importBuffer('b.csv', damaged(row([PUPILS[2], 'Åsa', 'Öberg', '7A', DAYS[0], 'N']) + ';;\0\r\n'));
      expect(report.errors).toEqual([{ row: 23, column: 'C', message: expect.stringMatching(/^Rad 23 innehåller ett otillåtet tecken \(NUL\)/) }]);
      expect(stored()).toEqual(before);
    });

    it('stores names without direction controls, so a name cannot turn around what is shown after it', async () => {
      const report = await importBuffer('a.csv', damaged(row([PUPILS[2], '\u202EOmar\u202C', 'Rahimi\u2066\u200F', '7A', DAYS[0], 'N'])));
      expect(report.status).toBe('committed');
      expect(
        db().prepare('SELECT sp.first_name, sp.last_name FROM school_pupils sp JOIN pupils p ON p.id = sp.pupil_id WHERE p.personal_number = ?').get(PUPILS[2]),
      ).toEqual({ first_name: 'Omar', last_name: 'Rahimi' });
    });
  });
});
