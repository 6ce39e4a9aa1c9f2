import { changedSchools, flagSetsBySchool } from './flag-set-change';

const sets = (pairs: [number, string][]) => flagSetsBySchool(pairs);

describe('changedSchools', () => {
  it.each<[string, [number, string][], [number, string][], number[]]>([
    ['nothing flagged before or after', [], [], []],
    [
      'the same flags',
      [
        [1, '7:absent'],
        [2, '8:absent'],
      ],
      [
        [2, '8:absent'],
        [1, '7:absent'],
      ],
      [],
    ],
    [
      'a flag added',
      [[1, '7:absent']],
      [
        [1, '7:absent'],
        [1, '9:absent'],
      ],
      [1],
    ],
    [
      'a flag cleared',
      [
        [1, '7:absent'],
        [2, '8:absent'],
      ],
      [[2, '8:absent']],
      [1],
    ],
    ['another rule for the same pupil', [[1, '7:absent']], [[1, '7:vanished']], [1]],
    ['a school flagged for the first time', [], [[2, '8:absent']], [2]],
    ['the same pupil flagged at another school', [[1, '7:absent']], [[2, '7:absent']], [1, 2]],
  ])('%s', (_name, before, after, changed) => {
    expect([...changedSchools(sets(before), sets(after))].sort()).toEqual(changed);
  });
});
