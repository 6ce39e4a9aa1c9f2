import { median } from './median';

describe('median', () => {
  it.each([
    [[], null],
    [[4], 4],
    [[3, 1], 2],
    [[5, 1, 3], 3],
    [[10, 2, 4, 8], 6],
    [[1, 2], 1.5],
    [[7, 7, 7], 7],
  ])('%j → %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
