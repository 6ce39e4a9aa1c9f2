import { countyExport } from './county-export';
import { figures } from './stats-compute';
import type { RoundFacts } from './stats-types';

const round = {
  id: 1,
  name: 'Sommarlovet 2025',
  breakType: 'summer' as const,
  termStart: '2025-08-18',
  windowDays: 10,
  deadline: '2025-08-29',
  state: 'closed' as const,
  closedAt: null,
};
const school = (schoolId: number, pupils: number, report: 'report' | 'nil' | null = null) => ({
  schoolId,
  code: String(10000000 + schoolId),
  name: `Skola ${schoolId}`,
  report,
  pupils,
});

/** Facts built by hand: pupil 1 is on both schools' rosters and flagged at both. */
const facts: RoundFacts = {
  round,
  schools: [school(1, 3, 'report'), school(2, 2, 'report')],
  pupilsMapped: 4,
  flags: [
    { pupilId: 1, schoolId: 1, ruleId: 'not-returned', ruleSetVersion: 1, severity: 'medium', cleared: false },
    { pupilId: 1, schoolId: 2, ruleId: 'long-absence', ruleSetVersion: 1, severity: 'high', cleared: false },
    { pupilId: 2, schoolId: 1, ruleId: 'not-returned', ruleSetVersion: 1, severity: 'low', cleared: true },
  ],
  cases: [
    { id: 1, pupilId: 1, schoolId: 1, state: 'closed', outcome: 'returned', locatedAt: '2025-08-20T10:00:00Z', watchListed: false, firstSentAt: null },
    { id: 2, pupilId: 3, schoolId: 2, state: 'referred', outcome: null, locatedAt: null, watchListed: true, firstSentAt: '2025-08-22T10:00:00Z' },
  ],
  referrals: [{ caseId: 2, schoolId: 2, sentAt: '2025-08-22T10:00:00Z', acknowledgedAt: null }],
  watchList: [{ pupilId: 3, schoolId: 2, referralMade: true }],
  transfers: [{ pupilId: 4, schoolId: 2, transfer: 'abroad' }],
};

describe('figures', () => {
  it.each([
    ['the municipality', null, { pupils: 4, flagged: 1, high: 1, medium: 0, notReturned: 1, longAbsence: 1, cleared: 1, cases: 2, median: 2, referred: 1 }],
    ['school 1', 1, { pupils: 3, flagged: 1, high: 0, medium: 1, notReturned: 1, longAbsence: 0, cleared: 1, cases: 1, median: 2, referred: 0 }],
    ['school 2', 2, { pupils: 2, flagged: 1, high: 1, medium: 0, notReturned: 0, longAbsence: 1, cleared: 0, cases: 1, median: null, referred: 1 }],
  ])('%s: a pupil flagged at two schools counts once for the municipality, at their highest severity', (_name, schoolId, e) => {
    const f = figures(facts, schoolId, '2025-09-01');
    expect(f.pupilsMapped).toBe(e.pupils);
    expect(f.flaggedPupils).toBe(e.flagged);
    expect([f.bySeverity.high, f.bySeverity.medium]).toEqual([e.high, e.medium]);
    expect([f.byRule['not-returned'], f.byRule['long-absence']]).toEqual([e.notReturned, e.longAbsence]);
    expect(f.clearedFlags).toBe(e.cleared);
    expect(f.cases).toBe(e.cases);
    expect(f.medianDaysToLocated).toBe(e.median);
    expect(f.casesReferred).toBe(e.referred);
  });

  it.each([
    ['before the deadline', '2025-08-29', { overdue: 0, pending: 1 }],
    ['after the deadline', '2025-08-30', { overdue: 1, pending: 0 }],
  ])('a school without a report %s', (_name, today, e) => {
    const f = figures({ ...facts, schools: [school(1, 3, 'report'), school(2, 0)] }, null, today);
    expect([f.schools.overdue, f.schools.pending]).toEqual([e.overdue, e.pending]);
  });
});

describe('countyExport', () => {
  it.each([
    ['every school big enough', 2, 5, ['Skola 1', 'Skola 2', 'Hela kommunen'], 0],
    ['one too small: the next smallest is hidden too', 3, 5, ['Hela kommunen'], 2],
    ['no minimum', 0, 5, ['Skola 1', 'Skola 2', 'Hela kommunen'], 0],
  ])('%s (minimum %i)', (_name, minimum, threshold, rows, hidden) => {
    const c = countyExport(facts, '2025-09-01', { from: '2025-08-18', to: '2025-08-29' }, threshold, minimum);
    expect(c.rows.map((r) => r.label)).toEqual(rows);
    expect(c.hiddenSchools).toBe(hidden);
    expect(c.rows.at(-1)!.values.slice(0, 2)).toEqual(['<5', '<5']); // 4 pupils mapped, 1 flagged
  });
});
