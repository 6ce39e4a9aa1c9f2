import type { Condition } from '../types';
import { condition } from './conditions';

describe('condition', () => {
  it.each<[Condition['operator'], Condition['threshold'], Condition['value'], boolean]>([
    ['>=', 3, 3, true],
    ['>=', 3, 2, false],
    ['<=', 3, 3, true],
    ['>', 3, 3, false],
    ['<', 3, 2, true],
    ['==', 0, 0, true],
    ['==', false, true, false],
    ['>=', 5, null, false],
    ['==', false, null, false],
  ])('%s %j with value %j → %s', (operator, threshold, value, met) => {
    expect(condition('f', operator, threshold, value)).toEqual({ fact: 'f', operator, threshold, value, met });
  });
});
