import { compareSeverity, lowerSeverity, raiseSeverity, SEVERITIES, severityOfSqlRank, severityRankSql, type Severity } from './severity';

describe('severityRankSql', () => {
  it('is the CASE expression the queue and case sources have always used', () => {
    expect(severityRankSql('c.severity')).toBe("CASE c.severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END");
  });

  it.each(SEVERITIES.map((s) => [s]))('reads %s back from its SQL rank', (s) => {
    const rank = Number(new RegExp(`WHEN '${s}' THEN (\\d)`).exec(severityRankSql('x'))?.[1] ?? 1);
    expect(severityOfSqlRank(rank)).toBe(s);
  });
});

describe('severity order', () => {
  it.each<[Severity, Severity, number]>([
    ['low', 'high', -1],
    ['high', 'medium', 1],
    ['medium', 'medium', 0],
  ])('compare(%s, %s) has the sign %d', (a, b, sign) => {
    expect(Math.sign(compareSeverity(a, b))).toBe(sign);
  });

  it.each<[Severity, Severity, Severity]>([
    ['low', 'medium', 'low'],
    ['medium', 'high', 'low'],
    ['high', 'high', 'medium'],
  ])('%s raises to %s and lowers to %s', (s, up, down) => {
    expect(raiseSeverity(s)).toBe(up);
    expect(lowerSeverity(s)).toBe(down);
  });
});
