import { isListedSchool, suppress } from './suppression';

describe('suppress', () => {
  it.each([
    [0, 5, '0'],
    [1, 5, '<5'],
    [4, 5, '<5'],
    [5, 5, '5'],
    [6, 5, '6'],
    [120, 5, '120'],
    [2, 3, '<3'],
    [3, 3, '3'],
    [1, 1, '1'],
    [0, 0, '0'],
  ])('count %i with threshold %i → %s', (count, threshold, expected) => {
    expect(suppress(count, threshold)).toBe(expected);
  });
});

describe('isListedSchool', () => {
  it.each([
    [0, 10, false],
    [9, 10, false],
    [10, 10, true],
    [250, 10, true],
    [0, 0, true],
  ])('%i pupils, minimum %i → %s', (pupils, minimum, expected) => {
    expect(isListedSchool(pupils, minimum)).toBe(expected);
  });
});
