import { computeCoverage, coverageProblem, dateRange, reportedDays, swedishDayList, swedishPeriod, uncoveredUpTo } from './coverage';

// Mon 12 – Fri 16 January 2026.
const WINDOW = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'];

describe('computeCoverage', () => {
  it.each([
    [
      'every day so far in the file',
      '2026-01-14',
      ['2026-01-12', '2026-01-13', '2026-01-14'],
      ['2026-01-12', '2026-01-13', '2026-01-14'],
      [],
      ['covered', 'covered', 'covered', 'not_yet', 'not_yet'],
    ],
    [
      'a day missing',
      '2026-01-14',
      ['2026-01-12', '2026-01-14'],
      ['2026-01-12', '2026-01-14'],
      ['2026-01-13'],
      ['covered', 'missing', 'covered', 'not_yet', 'not_yet'],
    ],
    ['nothing in the window', '2026-01-16', [], [], WINDOW, ['missing', 'missing', 'missing', 'missing', 'missing']],
    ['before the term starts', '2026-01-09', [], [], [], ['not_yet', 'not_yet', 'not_yet', 'not_yet', 'not_yet']],
    [
      'a future day in the file does not count',
      '2026-01-12',
      ['2026-01-12', '2026-01-13'],
      ['2026-01-12'],
      [],
      ['covered', 'not_yet', 'not_yet', 'not_yet', 'not_yet'],
    ],
  ])('%s', (_name, today, have, covered, missing, states) => {
    const c = computeCoverage({ window: WINDOW, today, covered: new Set(have), fileDates: null });
    expect(c.covered).toEqual(covered);
    expect(c.missing).toEqual(missing);
    expect(c.windowDays.map((d) => d.state)).toEqual(states);
    expect(c.windowDays.map((d) => d.covered)).toEqual(states.map((s) => s === 'covered'));
  });

  it.each([
    ['2026-01-14', ['2026-01-12', '2026-01-13', '2026-01-14']],
    ['2026-01-09', []],
    ['2026-02-01', WINDOW],
  ])('a summary (declared) on %s covers the window days up to that day', (today, covered) => {
    const c = computeCoverage({ window: WINDOW, today, covered: 'declared', fileDates: { first: '2025-08-11', last: '2025-08-11' } });
    expect(c).toMatchObject({ covered, missing: [], declared: true, fileDates: null });
  });

  it('names the weekdays in Swedish', () => {
    expect(computeCoverage({ window: WINDOW, today: '2026-01-16', covered: new Set(), fileDates: null }).windowDays.map((d) => d.weekday)).toEqual([
      'måndag',
      'tisdag',
      'onsdag',
      'torsdag',
      'fredag',
    ]);
  });
});

describe('coverageProblem', () => {
  const cov = (today: string, have: string[] | 'declared', fileDates: { first: string; last: string } | null = null) => ({
    today,
    c: computeCoverage({ window: WINDOW, today, covered: have === 'declared' ? have : new Set(have), fileDates }),
  });

  it.each([
    [
      'an August file, term not started',
      cov('2025-08-20', [], { first: '2025-08-11', last: '2025-08-22' }),
      'error',
      ['Filen har datum 11–22 augusti 2025', 'observationsfönster är 12–16 januari 2026', 'har inte varit ännu'],
    ],
    [
      'an August file, term started',
      cov('2026-01-14', [], { first: '2025-08-11', last: '2025-08-22' }),
      'error',
      ['Filen har datum 11–22 augusti 2025', '12–16 januari 2026', 'Ingen av omgångens skoldagar'],
    ],
    ['a summary before the term starts', cov('2026-01-09', 'declared'), 'error', ['sammanställning utan datum', '12–16 januari 2026']],
    [
      'two days missing',
      cov('2026-01-15', ['2026-01-12', '2026-01-15']),
      'warning',
      ['2 av omgångens skoldagar', 'tisdag 13 januari och onsdag 14 januari 2026'],
    ],
    ['one day missing', cov('2026-01-13', ['2026-01-12']), 'warning', ['en av omgångens skoldagar', 'tisdag 13 januari 2026']],
  ])('%s', (_name, { today, c }, level, texts) => {
    const p = coverageProblem(c, WINDOW, today);
    expect(p?.level).toBe(level);
    for (const text of texts) expect(p!.message).toContain(text);
  });

  it('says nothing when every day so far is covered', () => {
    expect(coverageProblem(cov('2026-01-13', ['2026-01-12', '2026-01-13']).c, WINDOW, '2026-01-13')).toBeNull();
  });
});

describe('helpers', () => {
  it.each([
    ['2025-08-11', '2025-08-22', '11–22 augusti 2025'],
    ['2026-08-31', '2026-09-04', '31 augusti–4 september 2026'],
    ['2025-12-22', '2026-01-09', '22 december 2025–9 januari 2026'],
    ['2026-01-12', '2026-01-12', '12 januari 2026'],
  ])('swedishPeriod(%s, %s) = %s', (a, b, text) => expect(swedishPeriod(a, b)).toBe(text));

  it.each([
    [[], ''],
    [['2026-01-12'], 'måndag 12 januari 2026'],
    [['2026-01-12', '2026-01-13', '2026-01-16'], 'måndag 12 januari, tisdag 13 januari och fredag 16 januari 2026'],
  ])('swedishDayList(%j)', (dates, text) => expect(swedishDayList(dates)).toBe(text));

  it.each([
    ['2026-01-14', ['2026-01-12'], ['2026-01-13', '2026-01-14']],
    ['2026-01-09', [], []],
    ['2026-01-20', WINDOW, []],
  ])('uncoveredUpTo(today %s)', (today, covered, missing) => expect(uncoveredUpTo(WINDOW, covered, today)).toEqual(missing));

  it('reportedDays: a day counts when any pupil has a row for it', () => {
    const pupils = [{ dayRanks: Uint8Array.from([5, 0, 0, 0, 0]) }, { dayRanks: Uint8Array.from([0, 0, 1, 0, 0]) }];
    expect([...reportedDays(pupils, WINDOW)]).toEqual(['2026-01-12', '2026-01-14']);
  });

  it.each([
    [[], null],
    [['2026-01-14', '2026-01-12', '2026-01-16'], { first: '2026-01-12', last: '2026-01-16' }],
  ])('dateRange(%j)', (dates, range) => expect(dateRange(dates)).toEqual(range));
});
