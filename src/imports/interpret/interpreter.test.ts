import { createStatusMatcher } from '../normalise';
import { detectLayout } from '../layout';
import type { CellValue, RawRow } from '../types';
import { Interpreter, type InterpretContext } from './interpreter';
import { maskNumbers } from '../../shared';
import { STATUS_OF_RANK } from './pupil-record';
import { BAD_CHECKSUM, GUARDIANS, PUPILS, short } from '../../../tests/helpers/personal-numbers';

// Round: term start Tue 18 Aug 2026, 10 school days → 18–31 Aug. Today: 31 Aug.
const WINDOW = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];
const ctx = (over: Partial<InterpretContext> = {}): InterpretContext => ({
  window: WINDOW,
  today: '2026-08-31',
  nonSchoolDays: new Set(),
  matchStatus: createStatusMatcher(),
  referenceDate: new Date('2026-08-18T00:00:00Z'),
  ...over,
});

/** Rows numbered as the spreadsheet would, starting at `first`. */
function rows(table: CellValue[][], first = 1): RawRow[] {
  return table.map((cells, i) => ({ rowNumber: first + i, cells }));
}

function interpret(table: CellValue[][], over: Partial<InterpretContext> = {}) {
  const all = rows(table);
  const layout = detectLayout(all, { referenceYear: 2026 });
  const it = new Interpreter(layout, ctx(over));
  for (const r of all) if (r.rowNumber > layout.headerRow) it.row(r);
  const result = it.finish();
  const statuses = (pn: string) => Array.from(result.pupils.get(pn)!.dayRanks, (r) => STATUS_OF_RANK[r]);
  return { layout, result, errors: result.log.listedErrors(), warnings: result.log.warnings(), statuses };
}

const daily = (extra: CellValue[][]) => [['Personnummer', 'Namn', 'Klass', 'Datum', 'Närvaro'], ...extra];

describe('Interpreter: daily rows', () => {
  it('reads one row per pupil and day into window positions', () => {
    const { result, errors, statuses } = interpret(
      daily([
        [PUPILS[0], 'Andersson, Anna', '7A', '2026-08-18', 'Närvarande'],
        [PUPILS[0], 'Andersson, Anna', '7A', '2026-08-19', 'Ogiltig frånvaro'],
        [short(PUPILS[1]), 'Bo Berg', '7B', '2026-08-18', 'Sjuk'],
      ]),
    );
    expect(errors).toEqual([]);
    expect(result.rows).toBe(3);
    expect(result.days).toBe(3);
    expect(statuses(PUPILS[0]).slice(0, 3)).toEqual(['present', 'unexplained', null]);
    expect(result.pupils.get(PUPILS[1])).toMatchObject({ firstName: 'Bo', lastName: 'Berg', className: '7B' });
    expect(result.pupils.get(PUPILS[0])).toMatchObject({ firstName: 'Anna', lastName: 'Andersson' });
  });

  it.each([
    ['a bad checksum', [[BAD_CHECKSUM, 'A', '7A', '2026-08-18', 'N']], 2, 'Personnummer', 'kontrollsiffra'],
    ['a missing personal number', [[null, 'A', '7A', '2026-08-18', 'N']], 2, 'Personnummer', 'saknas'],
    ['an unreadable date', [[PUPILS[0], 'A', '7A', '31/31/2026', 'N']], 2, 'Datum', ''],
    ['an unknown status', [[PUPILS[0], 'A', '7A', '2026-08-18', 'Kanske']], 2, 'Närvaro', 'Okänd närvarostatus'],
    [
      'conflicting duplicates',
      [
        [PUPILS[0], 'A', '7A', '2026-08-18', 'N'],
        [PUPILS[0], 'A', '7A', '2026-08-18', 'O'],
      ],
      3,
      'Datum',
      'två olika uppgifter för tisdag 18 augusti 2026: närvarande på rad 2 och ogiltig frånvaro här',
    ],
  ])('rejects %s with the spreadsheet row and column', (_what, data, row, column, message) => {
    const { errors } = interpret(daily(data as CellValue[][]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row, column });
    expect(errors[0]!.message).toContain(message);
  });

  it.each([
    ['a Saturday', '2026-08-22', 'lördag 22 augusti'],
    ['a day before term start', '2026-08-17', 'utanför omgångens observationsfönster'],
    ['a day after the window', '2026-09-01', 'utanför omgångens observationsfönster'],
  ])('ignores a row on %s with a warning', (_what, date, text) => {
    const { result, errors, warnings } = interpret(
      daily([
        [PUPILS[0], 'A B', '7A', date, 'O'],
        [PUPILS[0], 'A B', '7A', '2026-08-18', 'N'],
      ]),
    );
    expect(errors).toEqual([]);
    expect(result.days).toBe(1);
    expect(warnings.find((w) => w.row === 2)!.message).toContain(text);
  });

  it('ignores days that have not happened yet', () => {
    const { result, warnings } = interpret(
      daily([
        [PUPILS[0], 'A B', '7A', '2026-08-25', 'N'],
        [PUPILS[0], 'A B', '7A', '2026-08-18', 'N'],
      ]),
      { today: '2026-08-21' },
    );
    expect(result.days).toBe(1);
    expect(warnings[0]!.message).toContain('som inte har varit ännu');
  });

  it('counts a municipal non-school day as no school day', () => {
    const { result, warnings } = interpret(daily([[PUPILS[0], 'A B', '7A', '2026-08-21', 'O']]), {
      nonSchoolDays: new Set(['2026-08-21']),
      window: WINDOW.filter((d) => d !== '2026-08-21'),
    });
    expect(result.days).toBe(0);
    expect(warnings[0]!.message).toContain('kommunens läsårskalender');
  });

  it('keeps "Ej rapporterat" and empty cells as not reported, never present, and warns on a low share', () => {
    const { result, statuses, warnings } = interpret(
      daily([
        [PUPILS[0], 'A B', '7A', '2026-08-18', 'Ej rapporterat'],
        [PUPILS[0], 'A B', '7A', '2026-08-19', null],
      ]),
    );
    expect(statuses(PUPILS[0]).slice(0, 2)).toEqual(['not_reported', 'not_reported']);
    expect(result.reportedShare).toBe(0);
    expect(warnings.some((w) => w.message.includes('0 % av elevernas skoldagar'))).toBe(true);
  });

  it('counts an identical duplicate once, with a warning', () => {
    const { result, errors, warnings } = interpret(
      daily([
        [PUPILS[0], 'A B', '7A', '2026-08-18', 'N'],
        [PUPILS[0], 'A B', '7A', '2026-08-18', 'Närvarande'],
      ]),
    );
    expect(errors).toEqual([]);
    expect(result.days).toBe(1);
    expect(warnings[0]).toMatchObject({ row: 3 });
  });

  it('reads protected identity and guardians, and rejects a bad guardian number', () => {
    const head = ['Personnummer', 'Namn', 'Datum', 'Närvaro', 'Skyddad identitet', 'Vårdnadshavare 1'];
    const ok = interpret([head, [PUPILS[0], 'A B', '2026-08-18', 'N', 'J', GUARDIANS[0]], [PUPILS[0], 'A B', '2026-08-19', 'N', '', GUARDIANS[0]]]);
    expect(ok.result.pupils.get(PUPILS[0])).toMatchObject({ protectedIdentity: true, guardians: new Set([GUARDIANS[0]]) });
    const bad = interpret([head, [PUPILS[0], 'A B', '2026-08-18', 'N', 'Kanske', BAD_CHECKSUM]]);
    expect(bad.errors.map((e) => e.column)).toEqual(['Skyddad identitet', 'Vårdnadshavare 1']);
  });

  it('fails a file with a header and no pupils', () => {
    const { errors } = interpret(daily([]));
    expect(errors[0]!.message).toContain('inga elever');
  });

  it('lists at most 1000 errors and counts the rest', () => {
    const data = Array.from({ length: 1500 }, () => [BAD_CHECKSUM, 'A B', '7A', '2026-08-18', 'N']);
    const { result, errors } = interpret(daily(data));
    expect(result.log.errorCount).toBe(1500);
    expect(errors).toHaveLength(1001);
    expect(errors[1000]!.message).toContain('och 500 fel till');
  });
});

describe('Interpreter: lessons', () => {
  const head = ['Personnummer', 'Datum', 'Lektion', 'Närvaro'];
  it.each([
    [['N', 'O'], 'present'],
    [['O', 'G'], 'unexplained'],
    [['G', 'F'], 'unknown'],
    [['G', 'Ej rapporterat'], 'valid'],
    [['Ej rapporterat', null], 'not_reported'],
  ])('folds lessons %j into %s', (lessons, expected) => {
    const { statuses, errors } = interpret([head, ...lessons.map((s, i) => [PUPILS[0], '2026-08-18', `Lektion ${i + 1}`, s])]);
    expect(errors).toEqual([]);
    expect(statuses(PUPILS[0])[0]).toBe(expected);
  });

  it.each([
    [[[0, 60, '']], 'present'],
    [
      [
        [60, 60, 'Oanmäld'],
        [60, 60, 'Anmäld'],
      ],
      'unexplained',
    ],
    [
      [
        [60, 60, 'Anmäld'],
        [10, 40, 'Anmäld'],
      ],
      'present',
    ],
    [[[40, 40, null]], 'unknown'],
  ])('folds minute lessons %j into %s', (lessons, expected) => {
    const h = ['Personnummer', 'Datum', 'Lektion', 'Frånvaro (min)', 'Schemalagd tid', 'Frånvarotyp'];
    const { statuses, errors } = interpret([h, ...lessons.map((l, i) => [PUPILS[0], '2026-08-18', `L${i}`, ...l] as CellValue[])]);
    expect(errors).toEqual([]);
    expect(statuses(PUPILS[0])[0]).toBe(expected);
  });
});

describe('Interpreter: matrix and summary', () => {
  it('reads a matrix with date header cells, ignoring weekend columns with one warning each', () => {
    const head: CellValue[] = ['Personnummer', 'Namn', new Date(Date.UTC(2026, 7, 18)), new Date(Date.UTC(2026, 7, 19)), new Date(Date.UTC(2026, 7, 22))];
    const { result, errors, warnings, statuses } = interpret([
      ['Närvaro HT2026'],
      [],
      head,
      [PUPILS[0], 'A B', 'N', 'O', 'O'],
      [PUPILS[1], 'C D', 'G', '', 'N'],
    ]);
    expect(errors).toEqual([]);
    expect(statuses(PUPILS[0]).slice(0, 2)).toEqual(['present', 'unexplained']);
    expect(statuses(PUPILS[1]).slice(0, 2)).toEqual(['valid', 'not_reported']);
    expect(warnings.filter((w) => w.message.includes('lördag 22 augusti'))).toHaveLength(1);
    expect(result.rows).toBe(2);
  });

  it('rejects a matrix cell with an unknown code, naming the date column', () => {
    const head: CellValue[] = ['Personnummer', '2026-08-18', '2026-08-19'];
    const { errors } = interpret([head, [PUPILS[0], 'N', 'Z']]);
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: '2026-08-19' })]);
  });

  it('reads per-pupil summaries and rejects a pupil on two rows', () => {
    const head = ['Personnummer', 'Dagar närvarande', 'Giltig frånvaro (dagar)', 'Ogiltig frånvaro (dagar)'];
    const ok = interpret([head, [PUPILS[0], 0, 0, 10], [PUPILS[1], '3', '7', '0']]);
    expect(ok.errors).toEqual([]);
    expect(ok.result.pupils.get(PUPILS[0])!.summary).toMatchObject({ daysPresent: 0, unexplainedAbsenceDays: 10 });
    const twice = interpret([head, [PUPILS[0], 0, 0, 10], [PUPILS[0], 1, 0, 9]]);
    expect(twice.errors[0]).toMatchObject({ row: 3 });
    expect(twice.errors[0]!.message).toContain('finns redan på rad 2');
  });
});

describe('Interpreter: summaries in minutes', () => {
  const head = ['Personnummer', 'Schemalagd tid (min)', 'Närvarande tid (min)', 'Giltig frånvaro (min)', 'Ogiltig frånvaro (min)', 'Frånvaro %'];

  it('reads the minutes per pupil, with percent (Swedish decimal comma) agreeing', () => {
    const { layout, result, errors, warnings } = interpret([head, [PUPILS[0], 2400, 0, 0, 2400, '100,0'], [PUPILS[1], '2 400', '2 100', '0', '300', '12,5']]);
    expect(layout.shape).toBe('summary');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(result.pupils.get(PUPILS[0])!.minutes).toEqual({ scheduled: 2400, attended: 0, valid: 0, unexplained: 2400 });
    expect(result.pupils.get(PUPILS[1])!.minutes).toEqual({ scheduled: 2400, attended: 2100, valid: 0, unexplained: 300 });
    expect(result.pupils.get(PUPILS[1])!.summary).toBeNull();
    expect(result).toMatchObject({ rows: 2, days: 0, reportedShare: null });
  });

  it.each<[string, CellValue[], { row: number; column: string; message: string }]>([
    [
      'percent that disagrees with the minutes',
      [PUPILS[0], 2400, 1200, 0, 1200, '12,5'],
      { row: 2, column: 'Frånvaro %', message: 'Procentsatsen 12,5 % stämmer inte med minuterna (50 %). Minuterna används.' },
    ],
    [
      'percent that cannot be read',
      [PUPILS[0], 2400, 1200, 0, 1200, 'hälften'],
      { row: 2, column: 'Frånvaro %', message: '”hälften” är ingen procentsats. Skriv t.ex. 12,5. Procentsatsen används bara för att kontrollera minuterna.' },
    ],
    [
      'nothing scheduled',
      [PUPILS[0], 0, 0, 0, 0, ''],
      {
        row: 2,
        column: 'Schemalagd tid (min)',
        message: 'Eleven har ingen schemalagd tid. Raden säger inget om närvaron och räknas varken som närvaro eller frånvaro.',
      },
    ],
  ])('warns, never fails, on %s', (_name, row, warning) => {
    const { result, errors, warnings } = interpret([head, row]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([warning]);
    expect(result.pupils.get(PUPILS[0])!.minutes).not.toBeNull();
  });

  it('an Excel percent cell holds a fraction: 0,5 is 50 %', () => {
    expect(interpret([head, [PUPILS[0], 2400, 1200, 0, 1200, 0.5]]).warnings).toEqual([]);
  });

  it('fails a row whose minutes add up to more than the scheduled time, naming row and column', () => {
    const { errors } = interpret([head, [PUPILS[0], 2400, 2000, 300, 200, '']]);
    expect(errors).toEqual([
      {
        row: 2,
        column: 'Schemalagd tid (min)',
        message:
          '”Närvarande tid (min)”, ”Giltig frånvaro (min)” och ”Ogiltig frånvaro (min)” är tillsammans 2\u00a0500 minuter, mer än den schemalagda tiden 2\u00a0400 minuter. Rätta raden.',
      },
    ]);
  });

  it('fails a row without scheduled or attended minutes, and a negative count', () => {
    const { errors } = interpret([head, [PUPILS[0], '', 0, -5, 0, '']]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Schemalagd tid (min)'],
      [2, 'Giltig frånvaro (min)'],
    ]);
  });
});

describe('maskNumbers', () => {
  it.each([
    ['Personnumret 20100101-2383 har fel kontrollsiffra.', 'Personnumret 20100101-**** har fel kontrollsiffra.'],
    ['Personnumret 100101-2383 har fel kontrollsiffra.', 'Personnumret 100101-**** har fel kontrollsiffra.'],
    ['Personnumret 501012388 (läst som 050101-2388) har fel kontrollsiffra.', 'Personnumret 50101-**** (läst som 050101-****) har fel kontrollsiffra.'],
    ['”abc” är inte ett personnummer.', '”abc” är inte ett personnummer.'],
  ])('%s', (input, expected) => {
    expect(maskNumbers(input)).toBe(expected);
  });
});
