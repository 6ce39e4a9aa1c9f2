import { windowDays } from './attendance-window';

const WINDOW = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24'];

describe('windowDays', () => {
  it.each<[string, { firstDate: string; codes: string } | null, string, (string | null)[]]>([
    ['every day stored', { firstDate: '2026-08-18', codes: 'pvxun' }, '2026-08-24', ['present', 'valid', 'unexplained', 'unknown', 'not_reported']],
    // The stored letters run over calendar days: the weekend 22–23 August sits between.
    ['over a weekend', { firstDate: '2026-08-21', codes: 'x--p' }, '2026-08-24', ['not_reported', 'not_reported', 'not_reported', 'unexplained', 'present']],
    [
      'a day without a row is not reported, never present',
      { firstDate: '2026-08-18', codes: 'p-p' },
      '2026-08-24',
      ['present', 'not_reported', 'present', 'not_reported', 'not_reported'],
    ],
    ['no rows at all', null, '2026-08-24', ['not_reported', 'not_reported', 'not_reported', 'not_reported', 'not_reported']],
    ['days after today have not come yet', { firstDate: '2026-08-18', codes: 'pp' }, '2026-08-19', ['present', 'present', null, null, null]],
    [
      'rows from before the window',
      { firstDate: '2026-08-17', codes: 'xpx' },
      '2026-08-24',
      ['present', 'unexplained', 'not_reported', 'not_reported', 'not_reported'],
    ],
  ])('%s', (_name, stored, today, statuses) => {
    const days = windowDays(WINDOW, today, stored);
    expect(days.map((d) => d.date)).toEqual(WINDOW);
    expect(days.map((d) => d.status)).toEqual(statuses);
  });
});
