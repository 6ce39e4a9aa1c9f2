import { BASE_RULES } from './base-rules';
import { exampleRuleSet, pupilFromDays, pupilFromMinutes, pupilFromSummary } from '../../../tests/helpers/example-facts';
import { compileRuleSet } from './rule-set';
import type { PupilFacts } from '../types';

// The fast `fires` test and the recorded conditions must never disagree: a flag that
// fired must show all its conditions met, and a trace must not show a rule as quiet
// when it would have fired.
const params = compileRuleSet(exampleRuleSet());
const cases: PupilFacts[] = [];
for (const codes of ['', 'P', 'O', '-', 'OO', 'OOO', 'GGG', 'POOOP', 'POOPP', 'PPPPPGGGGG', 'PPPPPPGGGG', 'PG-N-OP', 'PGGGO', 'PGGGOOP']) {
  for (const watchListed of [false, true]) {
    for (const leaveEnded of [null, '2026-08-19']) {
      for (const leftRoll of [null, { date: null, destinationKnown: false }, { date: '2026-08-18', destinationKnown: true }]) {
        cases.push(pupilFromDays(codes, { watchListed, leaveEnded, leftRoll }));
      }
    }
  }
}
for (const [present, first] of [
  [0, null],
  [1, '2026-08-17'],
  [3, '2026-08-20'],
  [10, '2026-08-17'],
] as const) {
  cases.push(
    pupilFromSummary(
      10,
      { daysPresent: present, validAbsenceDays: 0, unexplainedAbsenceDays: 10 - present, unknownAbsenceDays: 0, firstDayPresent: first },
      { leaveEnded: '2026-08-19', watchListed: true },
    ),
  );
}

for (const [scheduled, attended, valid, unexplained] of [
  [2400, 0, 0, 2400],
  [2400, 0, null, null],
  [0, 0, 0, 0],
  [2400, 10, 0, 2390],
  [2400, 1440, 0, 960],
  [2400, 2400, 0, 0],
] as const) {
  for (const observed of [0, 2, 10]) {
    for (const watchListed of [false, true]) {
      cases.push(pupilFromMinutes(observed, { scheduled, attended, valid, unexplained }, { watchListed, leaveEnded: '2026-08-19' }));
    }
  }
}

describe.each(BASE_RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  it.each([false, true])('fires equals every condition met (notReturned=%s)', (notReturned) => {
    const p = params.enabled.get(id)!.params;
    for (const facts of cases) {
      expect([facts.observedDates.length, rule.fires(facts, p, notReturned)]).toEqual([
        facts.observedDates.length,
        rule.conditions(facts, p, notReturned).every((c) => c.met),
      ]);
    }
  });
});
