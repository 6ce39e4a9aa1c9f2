import { DateTime } from 'luxon';
import { formatLocalDateTime } from './local-time';

describe('formatLocalDateTime: stored UTC instants as Stockholm local time', () => {
  it.each([
    ['2026-08-18T08:00:00.000Z', '2026-08-18 10:00:00'], // summer time, +2
    ['2026-12-01T08:00:00.000Z', '2026-12-01 09:00:00'], // winter time, +1
    ['2026-08-17T22:30:00.000Z', '2026-08-18 00:30:00'], // just after midnight in Sweden, still the 17th in UTC
    ['2026-08-17T21:59:59.000Z', '2026-08-17 23:59:59'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01 00:30:00'], // new year in Sweden first
    ['2026-03-29T00:59:59.000Z', '2026-03-29 01:59:59'], // last second before the clocks go forward
    ['2026-03-29T01:00:00.000Z', '2026-03-29 03:00:00'], // 02:00 does not exist that day
    ['2026-10-25T00:30:00.000Z', '2026-10-25 02:30:00'], // clocks go back: the first 02:30 (summer time)
    ['2026-10-25T01:30:00.000Z', '2026-10-25 02:30:00'], // … and the second (winter time)
    ['2026-10-25T02:00:00.000Z', '2026-10-25 03:00:00'],
    ['2026-08-18T08:00:00Z', '2026-08-18 10:00:00'], // without milliseconds
  ])('%s → %s', (iso, expected) => {
    expect(formatLocalDateTime(iso)).toBe(expected);
  });

  it.each([[null], [undefined], ['']])('%p → empty', (value) => {
    expect(formatLocalDateTime(value)).toBe('');
  });

  it('gives text that is not an instant back as it is', () => {
    expect(formatLocalDateTime('igår')).toBe('igår');
  });
});

describe('formatLocalDateTime: the fast path for stored instants', () => {
  // Stored instants are read by Date.parse; the text must be what luxon's ISO parser gives.
  it.each([
    '2026-08-18T08:00:00.000Z',
    '2026-03-29T00:59:59.999Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T00:30:00.000Z',
    '2026-10-25T01:30:00.000Z',
    '2026-12-31T23:00:00.5Z',
  ])('%s reads as luxon reads it', (iso) => {
    expect(formatLocalDateTime(iso)).toBe(DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Stockholm').toFormat('yyyy-MM-dd HH:mm:ss'));
  });
});
