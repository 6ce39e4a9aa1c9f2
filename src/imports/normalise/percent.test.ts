import { normalisePercent, percentAgrees } from './percent';

describe('normalisePercent', () => {
  it.each<[string | number | null, number[] | null]>([
    ['12,5', [12.5]],
    ['12.5', [12.5]],
    [' 12,5 % ', [12.5]],
    ['12,5\u00a0%', [12.5]],
    ['100', [100]],
    ['0', [0]],
    [12.5, [12.5]],
    [0.125, [0.125, 12.5]],
    [1, [1, 100]],
    ['101', null],
    ['-3', null],
    ['tolv', null],
    ['12,5,3', null],
    [null, null],
  ])('%j → %j', (cell, expected) => {
    const r = normalisePercent(cell);
    if (expected === null) expect(r).toEqual({ ok: false, message: expect.stringMatching(/är ingen procentsats/) });
    else expect(r).toEqual({ ok: true, value: expected });
  });
});

describe('percentAgrees', () => {
  it.each<[number[], number, boolean]>([
    [[12.5], 12.5, true],
    [[13], 12.5, true],
    [[14], 12.5, false],
    [[0.125, 12.5], 12.5, true],
    [[50], 100, false],
  ])('%j against %d → %s', (readings, expected, agrees) => {
    expect(percentAgrees(readings, expected)).toBe(agrees);
  });
});
