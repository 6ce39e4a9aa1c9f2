import { todayInStockholm } from './today';

describe('todayInStockholm', () => {
  it.each([
    ['2026-08-17T21:59:59Z', '2026-08-17'], // 23:59:59 summer time
    ['2026-08-17T22:00:00Z', '2026-08-18'], // midnight summer time, still the 17th in UTC
    ['2025-12-31T23:00:00Z', '2026-01-01'], // midnight winter time
    ['2025-12-31T22:59:59Z', '2025-12-31'],
    ['2026-03-28T23:30:00Z', '2026-03-29'], // night summer time starts
    ['2026-10-25T00:30:00Z', '2026-10-25'], // night summer time ends
  ])('%s → %s', (instant, expected) => {
    expect(todayInStockholm(() => new Date(instant))).toBe(expected);
  });

  it('throws when the clock is broken', () => {
    expect(() => todayInStockholm(() => new Date(Number.NaN))).toThrow(RangeError);
  });
});
