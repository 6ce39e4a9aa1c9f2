import type { RuleResult, Severity } from '../types';
import { lowerSeverity, overallSeverity, raiseSeverity } from './severity';

const r = (severity: Severity): RuleResult => ({ ruleId: 'not-returned', severity, conditions: [], evidence: {}, explanation: '' });

describe('raiseSeverity / lowerSeverity', () => {
  it.each<[Severity, Severity, Severity]>([
    ['low', 'medium', 'low'],
    ['medium', 'high', 'low'],
    ['high', 'high', 'medium'],
  ])('%s → up %s, down %s', (from, up, down) => {
    expect(raiseSeverity(from)).toBe(up);
    expect(lowerSeverity(from)).toBe(down);
  });
});

describe('overallSeverity', () => {
  it.each<[Severity[], Severity]>([
    [[], 'low'],
    [['low'], 'low'],
    [['medium', 'low'], 'medium'],
    [['low', 'high', 'medium'], 'high'],
  ])('%j → %s', (severities, expected) => {
    expect(overallSeverity(severities.map(r))).toBe(expected);
  });
});
