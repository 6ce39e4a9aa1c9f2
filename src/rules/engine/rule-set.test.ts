import { exampleRuleSet } from '../../../tests/helpers/example-facts';
import { compileRuleSet } from './rule-set';

describe('compileRuleSet', () => {
  it('compiles a rule set once', () => {
    const rules = exampleRuleSet();
    expect(compileRuleSet(rules)).toBe(compileRuleSet(rules));
  });

  it.each([
    ['enabled rule kept', exampleRuleSet(), 'long-absence', { minStreak: 5 }],
    ['param changed', exampleRuleSet({ 'long-absence': { params: { minStreak: 8 } } }), 'long-absence', { minStreak: 8 }],
    ['stray param dropped', exampleRuleSet({ 'long-absence': { params: { other: 1 } } }), 'long-absence', { minStreak: 5 }],
    ['disabled rule left out', exampleRuleSet({ 'long-absence': { enabled: false } }), 'long-absence', undefined],
  ])('%s', (_name, rules, id, expected) => {
    expect(compileRuleSet(rules).enabled.get(id as 'long-absence')?.params).toEqual(expected);
  });
});
