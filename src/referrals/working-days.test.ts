import { isOverdue, workingDaysAfter } from './working-days';

describe('workingDaysAfter', () => {
  it.each([
    ['same day', '2026-09-14', '2026-09-14', 0],
    ['Monday to Tuesday', '2026-09-14', '2026-09-15', 1],
    ['Friday to Monday skips the weekend', '2026-09-18', '2026-09-21', 1],
    ['a whole week', '2026-09-14', '2026-09-21', 5],
    ['Friday before Christmas to 28 December skips Christmas Eve and Day', '2026-12-18', '2026-12-28', 4],
    ['Midsummer Eve is a day off like the public holidays', '2026-06-18', '2026-06-22', 1],
    ['to before from is zero', '2026-09-15', '2026-09-14', 0],
  ])('%s', (_name, from, to, expected) => {
    expect(workingDaysAfter(from, to)).toBe(expected);
  });
});

describe('isOverdue', () => {
  it.each([
    ['sent Monday, limit 2, Wednesday', '2026-09-14', '2026-09-16', 2, false],
    ['sent Monday, limit 2, Thursday', '2026-09-14', '2026-09-17', 2, true],
    ['sent Friday, limit 2, Tuesday', '2026-09-18', '2026-09-22', 2, false],
    ['sent Friday, limit 2, Wednesday', '2026-09-18', '2026-09-23', 2, true],
    ['limit 0, next working day', '2026-09-14', '2026-09-15', 0, true],
  ])('%s', (_name, sent, today, limit, expected) => {
    expect(isOverdue(sent, today, limit)).toBe(expected);
  });
});
