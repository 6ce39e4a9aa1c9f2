import { RULE_IDS, type RuleId } from '../types';
import { DEFAULT_RULES, defaultRules, isModifier, MODIFIER_RULE_IDS } from './default-rules';
import { applyModifiers, evaluatePupil, evaluateVanished, type FlaggedPupil } from './evaluate';
import { exampleRuleSet, pupilFromDays } from '../../../tests/helpers/example-facts';
import { compileTemplate } from './explain';
import { RULE_PARAMETERS, validateRuleSet } from './parameters';
import { RULE_TEMPLATE_FIELDS } from './template-fields';

describe('DEFAULT_RULES', () => {
  it('has all nine rules once, in RULE_IDS order', () => {
    expect(DEFAULT_RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });

  it('passes its own validation unchanged', () => {
    expect(validateRuleSet(defaultRules())).toEqual({ ok: true, rules: defaultRules() });
  });

  it('is frozen; defaultRules() gives a copy to change', () => {
    expect(Object.isFrozen(DEFAULT_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULES[0]!.params)).toBe(true);
    const copy = defaultRules();
    copy[0]!.params.minObservedDays = 5;
    expect(DEFAULT_RULES[0]!.params.minObservedDays).toBe(3);
  });

  it.each<[RuleId, string, Record<string, number>]>([
    ['not-returned', 'high', { minObservedDays: 3 }],
    ['unexplained-absence', 'medium', { minDays: 3 }],
    ['long-absence', 'medium', { minStreak: 5 }],
    ['left-without-destination', 'high', {}],
    ['vanished-from-roster', 'high', {}],
    ['watch-listed', 'high', { minObservedDays: 1 }],
    ['leave-overrun', 'high', { minDaysAfter: 1 }],
  ])('%s: severity %s, params %j', (id, severity, params) => {
    const rule = DEFAULT_RULES.find((r) => r.id === id)!;
    expect(rule).toMatchObject({ severity, enabled: true, params });
  });

  it.each([...RULE_IDS])('%s: Swedish title, description and template; placeholders are its fields', (id) => {
    const rule = DEFAULT_RULES.find((r) => r.id === id)!;
    expect(rule.title.length).toBeGreaterThan(3);
    expect(rule.description.length).toBeGreaterThan(20);
    const allowed = RULE_TEMPLATE_FIELDS[id].map((f) => f.name);
    expect(compileTemplate(rule.template).placeholders.every((p) => allowed.includes(p))).toBe(true);
    expect(Object.keys(rule.params)).toEqual(RULE_PARAMETERS[id].map((p) => p.name));
  });

  it('marks exactly siblings and previously-flagged as modifiers', () => {
    expect(RULE_IDS.filter(isModifier)).toEqual([...MODIFIER_RULE_IDS]);
  });
});

describe('template fields', () => {
  /** One flagged pupil for which every rule fires. */
  function everyResult() {
    const rules = exampleRuleSet({ 'not-returned': { enabled: false } });
    const facts = pupilFromDays('PPPPPOOOOO', {
      pupilId: 1,
      watchListed: true,
      leaveEnded: '2026-08-21',
      leftRoll: { date: '2026-08-21', destinationKnown: false },
      previousRound: 'VT2026',
    });
    const notReturned = evaluatePupil(pupilFromDays('OOO'), exampleRuleSet());
    const vanished = evaluateVanished({ pupilId: 2, schoolId: 1, previousRound: 'VT2026', previousClass: '7B' }, rules)!;
    const flagged = new Map<number, FlaggedPupil>([
      [1, { results: evaluatePupil(facts, rules), facts }],
      [2, { results: [vanished] }],
    ]);
    applyModifiers(flagged, (id) => (id === 1 ? [2] : [1]), rules);
    return [...notReturned, ...flagged.get(1)!.results, vanished];
  }

  it.each([...RULE_IDS])('%s: evidence has every listed field', (id) => {
    const result = everyResult().find((r) => r.ruleId === id)!;
    expect(result).toBeDefined();
    for (const field of RULE_TEMPLATE_FIELDS[id]) expect(result.evidence).toHaveProperty([field.name]);
    expect(result.explanation).not.toMatch(/\{[A-Za-z]/);
  });
});

describe('what rules may look at', () => {
  it('pupil facts hold attendance, leave, rosters and earlier rounds only', () => {
    // Adding a fact about who a pupil is (nationality, ethnicity, religion, language,
    // country of origin, sex) must fail here: rules look at what pupils did, never that.
    expect(Object.keys(pupilFromDays('P')).sort()).toEqual(
      [
        'counts',
        'days',
        'firstDayPresent',
        'lastDayPresent',
        'leaveEnded',
        'leftRoll',
        'longestAbsentStreak',
        'longestAbsentStreakFrom',
        'longestAbsentStreakTo',
        'minutes',
        'observedDates',
        'previousRound',
        'pupilId',
        'schoolId',
        'termStart',
        'watchListed',
      ].sort(),
    );
  });

  it.each([...RULE_IDS])('%s has no risk score, only a severity', (id) => {
    const rule = DEFAULT_RULES.find((r) => r.id === id)!;
    expect(JSON.stringify(rule)).not.toMatch(/score|poäng|nationalitet|etnicitet|religion|språk|ursprung|kön/i);
  });
});
