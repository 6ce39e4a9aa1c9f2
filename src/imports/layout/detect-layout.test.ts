import { ImportFileError, type CellValue, type RawRow } from '../types';
import { detectLayout } from './detect-layout';
import { layoutProblems } from './required';

const rows = (...lines: CellValue[][]): RawRow[] => lines.map((cells, i) => ({ rowNumber: i + 1, cells }));
const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const OPTS = { referenceYear: 2026 };

describe('detectLayout: shapes', () => {
  it('daily, one row per pupil and day', () => {
    const layout = detectLayout(
      rows(
        ['Personnummer', 'Förnamn', 'Efternamn', 'Klass', 'Datum', 'Närvaro', 'Sekretessmarkering', 'Vårdnadshavare', 'Kommentar'],
        ['110703-2391', 'Omar', 'Rahimi', '9B', '2026-08-18', 'Ogiltig frånvaro', null, '19750107-9292', null],
      ),
      OPTS,
    );
    expect(layout).toMatchObject({
      headerRow: 1,
      shape: 'daily',
      perLesson: false,
      columns: { personalNumber: 0, firstName: 1, lastName: 2, className: 3, date: 4, status: 5, protected: 6, guardian1: 7 },
      unknownColumns: ['Kommentar'],
      missing: [],
    });
  });

  it('daily per lesson, with minutes and "Frånvarotyp" as the kind of absence', () => {
    const layout = detectLayout(
      rows(
        ['Elevens personnummer', 'Elevens namn', 'Datum', 'Lektion', 'Schemalagd tid (min)', 'Frånvaro (min)', 'Frånvarotyp'],
        ['20110703-2391', 'Omar Rahimi', '2026-08-18', 'Svenska', '60', '60', 'Oanmäld'],
      ),
      OPTS,
    );
    expect(layout).toMatchObject({
      shape: 'daily',
      perLesson: true,
      columns: { personalNumber: 0, fullName: 1, date: 2, lesson: 3, scheduledMinutes: 4, absenceMinutes: 5, absenceType: 6 },
      missing: [],
    });
  });

  it('matrix below title rows, with date cells, Excel day numbers and text dates as headers', () => {
    const layout = detectLayout(
      rows(
        ['Närvaro per dag – Exempelskolan'],
        ['Period 2026-08-18 – 2026-08-21'],
        ['Elev', 'Personnummer', 'Klass', d('2026-08-18'), 46253, 'tor 20/8', '2026-08-21', 'Totalt'],
        ['Rahimi, Omar', '20110703-2391', '9B', 'O', 'O', 'O', 'O', 4],
      ),
      OPTS,
    );
    expect(layout).toMatchObject({
      headerRow: 3,
      shape: 'matrix',
      columns: { fullName: 0, personalNumber: 1, className: 2 },
      dateColumns: [
        { index: 3, date: '2026-08-18' },
        { index: 4, date: '2026-08-19' },
        { index: 5, date: '2026-08-20' },
        { index: 6, date: '2026-08-21' },
      ],
      unknownColumns: ['Totalt'],
      missing: [],
    });
  });

  it('matrix header dates without a year take the reference year', () => {
    const layout = detectLayout(rows(['Pnr', '5/1', '7/1'], ['1', 'N', 'N']), { referenceYear: 2027 });
    expect(layout.dateColumns).toEqual([
      { index: 1, date: '2027-01-05' },
      { index: 2, date: '2027-01-07' },
    ]);
  });

  it('summary with counts and personal numbers stored as numbers', () => {
    const layout = detectLayout(
      rows(
        ['Personnr', 'Namn', 'Klass', 'Närvarande dagar', 'Giltig frånvaro (dagar)', 'Ogiltig frånvaro (dagar)', 'Första närvarodag'],
        [1107032391, 'Omar Rahimi', '9B', 0, 0, 10, null],
      ),
      OPTS,
    );
    expect(layout).toMatchObject({
      shape: 'summary',
      columns: { personalNumber: 0, fullName: 1, className: 2, daysPresent: 3, validAbsenceDays: 4, unexplainedAbsenceDays: 5, firstDayPresent: 6 },
      missing: [],
    });
    expect(layout.dateColumns).toBeUndefined();
  });
});

describe('detectLayout: summary in minutes', () => {
  it('is a summary, not a day file without dates', () => {
    const layout = detectLayout(
      rows(
        ['Närvarosammanställning ht 2026'],
        ['Personnummer', 'Namn', 'Klass', 'Schemalagd tid (min)', 'Närvarande tid (min)', 'Giltig frånvaro (min)', 'Ogiltig frånvaro (min)', 'Frånvaro %'],
        ['20110703-2391', 'Omar Rahimi', '9B', 2400, 0, 0, 2400, '100,0'],
      ),
      OPTS,
    );
    expect(layout).toMatchObject({
      headerRow: 2,
      shape: 'summary',
      perLesson: false,
      columns: {
        personalNumber: 0,
        fullName: 1,
        className: 2,
        scheduledMinutes: 3,
        attendedMinutes: 4,
        validAbsenceMinutes: 5,
        unexplainedAbsenceMinutes: 6,
        absencePercent: 7,
      },
      unknownColumns: [],
      missing: [],
    });
  });

  it.each<[string, string[], Record<string, number>]>([
    [
      '"Giltig frånvaro" beside attended minutes is minutes',
      ['Pnr', 'Schemalagd tid', 'Närvarande tid', 'Giltig frånvaro', 'Ogiltig frånvaro'],
      { scheduledMinutes: 1, attendedMinutes: 2, validAbsenceMinutes: 3, unexplainedAbsenceMinutes: 4 },
    ],
    [
      '"Giltig frånvaro" beside days present is days',
      ['Pnr', 'Närvarodagar', 'Giltig frånvaro', 'Ogiltig frånvaro'],
      { daysPresent: 1, validAbsenceDays: 2, unexplainedAbsenceDays: 3 },
    ],
    ['"(dagar)" is days even beside minutes', ['Pnr', 'Närvarande tid (min)', 'Giltig frånvaro (dagar)'], { attendedMinutes: 1, validAbsenceDays: 2 }],
  ])('%s', (_name, header, expected) => {
    expect(detectLayout(rows(header), OPTS).columns).toMatchObject(expected);
  });

  it('needs scheduled and attended minutes', () => {
    const layout = detectLayout(rows(['Pnr', 'Ogiltig frånvaro (min)', 'Frånvaro %']), OPTS);
    expect(layout.shape).toBe('summary');
    expect(layoutProblems(layout).map((p) => p.message)).toEqual([
      'Hittar ingen kolumn för schemalagd tid i minuter. Rubrikraden måste innehålla t.ex. ”Schemalagd tid”.',
      'Hittar ingen kolumn för närvarande tid i minuter. Rubrikraden måste innehålla t.ex. ”Närvarande tid (min)”.',
    ]);
  });
});

describe('detectLayout: headers whose meaning depends on the file', () => {
  it.each<[string, CellValue[][], Record<string, number>]>([
    [
      '"Frånvaro" with codes is the status',
      [
        ['Pnr', 'Datum', 'Frånvaro'],
        ['1', '2026-08-18', 'Ogiltig'],
      ],
      { status: 2 },
    ],
    [
      '"Frånvaro" with numbers is minutes',
      [
        ['Pnr', 'Datum', 'Frånvaro'],
        ['1', '2026-08-18', '45'],
        ['1', '2026-08-18', 0],
      ],
      { absenceMinutes: 2 },
    ],
    [
      '"Frånvarotyp" alone is the status',
      [
        ['Pnr', 'Datum', 'Frånvarotyp'],
        ['1', '2026-08-18', 'Giltig frånvaro'],
      ],
      { status: 2 },
    ],
    [
      '"Frånvarotyp" next to minutes is the kind of absence',
      [
        ['Pnr', 'Datum', 'Frånvaro (min)', 'Frånvarotyp'],
        ['1', '2026-08-18', '30', 'Anmäld'],
      ],
      { absenceMinutes: 2, absenceType: 3 },
    ],
    [
      '"Frånvarotyp" next to a status is the kind of absence',
      [
        ['Pnr', 'Datum', 'Frånvarotyp', 'Närvaro'],
        ['1', '2026-08-18', 'Sjuk', 'Frånvarande'],
      ],
      { status: 3, absenceType: 2 },
    ],
    ['two "Vårdnadshavare" columns are guardian 1 and 2', [['Pnr', 'Datum', 'Närvaro', 'Vårdnadshavare', 'Vårdnadshavare']], { guardian1: 3, guardian2: 4 }],
  ])('%s', (_name, lines, expected) => {
    expect(detectLayout(rows(...lines), OPTS).columns).toMatchObject(expected);
  });

  it('a second name or class column stays unused', () => {
    const layout = detectLayout(rows(['Personnummer', 'Datum', 'Närvaro', 'Klass', 'Grupp']), OPTS);
    expect(layout.columns.className).toBe(3);
    expect(layout.unknownColumns).toEqual(['Grupp']);
    expect(layoutProblems(layout)).toEqual([]);
  });
});

describe('detectLayout: columns whose meaning is not clear are errors, never a guess', () => {
  it.each<[string, CellValue[][], { column: string; message: string }[]]>([
    [
      "two columns read as the pupil's personal number",
      [['Personnummer', 'Datum', 'Närvaro', 'Elevens pnr']],
      [
        {
          column: 'Personnummer, Elevens pnr',
          message:
            'Kolumnerna ”Personnummer” och ”Elevens pnr” läses båda som personnummer. Ta bort eller byt namn på den som inte ska användas, eller välj själv vad kolumnerna innehåller.',
        },
      ],
    ],
    [
      'three guardian columns',
      [['Pnr', 'Datum', 'Närvaro', 'VH1', 'VH2', 'Förälder 2']],
      [
        {
          column: 'VH2, Förälder 2',
          message:
            'Kolumnerna ”VH2” och ”Förälder 2” läses båda som vårdnadshavare 2. Ta bort eller byt namn på den som inte ska användas, eller välj själv vad kolumnerna innehåller.',
        },
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    const layout = detectLayout(rows(...lines), OPTS);
    expect(layoutProblems(layout)).toEqual(expected.map((e) => ({ row: 1, ...e })));
  });

  it("guardians are never the pupil's number", () => {
    const layout = detectLayout(rows(['Elevens personnummer', 'Datum', 'Närvaro', 'Vårdnadshavare pnr', 'Förälder personnummer']), OPTS);
    expect(layout.columns).toMatchObject({ personalNumber: 0, guardian1: 3, guardian2: 4 });
    expect(layoutProblems(layout)).toEqual([]);
  });

  it("the user's mapping settles it", () => {
    const layout = detectLayout(rows(['Personnummer', 'Datum', 'Närvaro', 'Elevens pnr']), { ...OPTS, mapping: { personalNumber: 'Elevens pnr' } });
    expect(layout.columns.personalNumber).toBe(3);
    expect(layoutProblems(layout)).toEqual([]);
  });
});

describe('detectLayout: what is missing', () => {
  it.each<[string, CellValue[][], string[]]>([
    ['no personal-number column', [['Namn', 'Datum', 'Närvaro']], ['Hittar ingen kolumn för personnummer. Rubrikraden måste innehålla t.ex. ”Personnummer”.']],
    [
      'daily without status or minutes',
      [['Personnummer', 'Datum', 'Klass']],
      ['Hittar ingen kolumn för närvaro. Rubrikraden måste innehålla t.ex. ”Närvaro” eller ”Frånvaro (min)”.'],
    ],
    ['daily without date', [['Personnummer', 'Närvaro', 'Klass']], ['Hittar ingen kolumn för datum. Rubrikraden måste innehålla t.ex. ”Datum”.']],
    [
      'summary without days present',
      [['Personnummer', 'Ogiltig frånvaro (dagar)']],
      ['Hittar ingen kolumn för antal närvarodagar. Rubrikraden måste innehålla t.ex. ”Dagar närvarande”.'],
    ],
  ])('%s', (_name, lines, messages) => {
    const layout = detectLayout(rows(...lines), OPTS);
    expect(layoutProblems(layout)).toEqual(messages.map((message) => ({ row: 1, column: null, message })));
  });

  it('no recognisable shape', () => {
    const layout = detectLayout(rows(['Personnummer', 'Klass', 'Mentor']), OPTS);
    expect(layout.shape).toBeNull();
    expect(layoutProblems(layout)[0].message).toMatch(/^Det går inte att se hur filen är uppställd/);
  });

  it('throws when no row looks like a header', () => {
    const run = (): unknown => detectLayout(rows(['Hej'], ['a', 'b']), OPTS);
    expect(run).toThrow(ImportFileError);
    expect(run).toThrow(/^Hittar ingen rubrikrad i filen/);
  });
});
