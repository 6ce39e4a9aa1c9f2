import type { RuleDefinition } from '../types';
import { defaultRules } from './default-rules';
import { RULE_PARAMETERS, validateRuleSet } from './parameters';

type Change = (rules: Record<string, unknown>[]) => unknown;
const edit =
  (id: string, patch: Record<string, unknown>): Change =>
  (rules) =>
    rules.map((r) => (r.id === id ? { ...r, ...patch } : r));
const param =
  (id: string, name: string, value: unknown): Change =>
  (rules) =>
    rules.map((r) => (r.id === id ? { ...r, params: { ...(r.params as object), [name]: value } } : r));

describe('validateRuleSet: errors', () => {
  it.each<[string, Change, { field: string; message: string }]>([
    ['not a list', () => ({ rules: [] }), { field: 'rules', message: 'Regeluppsättningen måste vara en lista med regler.' }],
    ['unknown rule id', (r) => [...r, { id: 'nationality' }], { field: 'rules.9', message: 'Okänd regel: ”nationality”.' }],
    ['entry without id', (r) => [...r, {}], { field: 'rules.9', message: 'En regel saknar id.' }],
    ['entry not an object', (r) => [...r, 7], { field: 'rules.9', message: 'En regel saknar id.' }],
    ['missing rule', (r) => r.filter((x) => x.id !== 'siblings'), { field: 'siblings', message: 'Regeln ”Syskon är också flaggat” saknas.' }],
    ['rule twice', (r) => [...r, r[0]], { field: 'not-returned', message: 'Regeln ”Har inte kommit tillbaka” finns mer än en gång.' }],
    [
      'param below min',
      param('not-returned', 'minObservedDays', 0),
      { field: 'not-returned.params.minObservedDays', message: 'Har inte kommit tillbaka: minsta antal räknade skoldagar måste vara mellan 1 och 60.' },
    ],
    [
      'param above max',
      param('unexplained-absence', 'minDays', 61),
      {
        field: 'unexplained-absence.params.minDays',
        message: 'Ogiltig frånvaro: antal skoldagar med ogiltig frånvaro eller frånvaro utan angiven orsak måste vara mellan 1 och 60.',
      },
    ],
    [
      'streak of 1',
      param('long-absence', 'minStreak', 1),
      { field: 'long-absence.params.minStreak', message: 'Lång sammanhängande frånvaro: antal skoldagar i rad utan närvaro måste vara mellan 2 och 60.' },
    ],
    [
      'param not whole',
      param('leave-overrun', 'minDaysAfter', 2.5),
      { field: 'leave-overrun.params.minDaysAfter', message: 'Inte tillbaka efter ledighet: antal skoldagar efter ledighetens slut måste vara ett heltal.' },
    ],
    [
      'param in words',
      param('leave-overrun', 'minDaysAfter', 'fem'),
      { field: 'leave-overrun.params.minDaysAfter', message: 'Inte tillbaka efter ledighet: antal skoldagar efter ledighetens slut måste vara ett heltal.' },
    ],
    [
      'param empty',
      param('watch-listed', 'minObservedDays', ' '),
      { field: 'watch-listed.params.minObservedDays', message: 'Oro anmäld före lovet: ange minsta antal räknade skoldagar.' },
    ],
    [
      'param missing',
      edit('long-absence', { params: {} }),
      { field: 'long-absence.params.minStreak', message: 'Lång sammanhängande frånvaro: ange antal skoldagar i rad utan närvaro.' },
    ],
    ['unknown param', param('siblings', 'weight', 2), { field: 'siblings.params.weight', message: 'Syskon är också flaggat: okänd inställning ”weight”.' }],
    [
      'bad severity',
      edit('not-returned', { severity: 'critical' }),
      { field: 'not-returned.severity', message: 'Har inte kommit tillbaka: Välj allvarlighetsgrad: låg, medel eller hög.' },
    ],
    [
      'enabled not a boolean',
      edit('not-returned', { enabled: 'on' }),
      { field: 'not-returned.enabled', message: 'Har inte kommit tillbaka: Ange om regeln är på eller av.' },
    ],
    ['empty title', edit('not-returned', { title: '  ' }), { field: 'not-returned.title', message: 'Har inte kommit tillbaka: Skriv en rubrik.' }],
    [
      'title too long',
      edit('not-returned', { title: 'x'.repeat(121) }),
      { field: 'not-returned.title', message: 'Har inte kommit tillbaka: En rubrik får vara högst 120 tecken.' },
    ],
    ['unknown field', edit('not-returned', { risk: 3 }), { field: 'not-returned', message: 'Har inte kommit tillbaka: Okänt fält: risk.' }],
    [
      'unknown placeholder',
      edit('long-absence', { template: 'Borta {dagar}.' }),
      {
        field: 'long-absence.template',
        message: expect.stringContaining(
          'Lång sammanhängande frånvaro: meningen innehåller {dagar}, som inte finns för den här regeln. Du kan använda {streakDays},',
        ),
      },
    ],
  ])('%s', (_name, change, expected) => {
    const result = validateRuleSet(change(defaultRules() as unknown as Record<string, unknown>[]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expected);
  });

  it('lists every error at once', () => {
    const rules = param(
      'long-absence',
      'minStreak',
      0,
    )(edit('not-returned', { title: '' })(defaultRules() as unknown as Record<string, unknown>[]) as Record<string, unknown>[]);
    const result = validateRuleSet(rules);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['not-returned.title', 'long-absence.params.minStreak']);
  });

  it('checks parameters and template also when another field of the rule is wrong', () => {
    const rules = edit('long-absence', { severity: 'x', template: '{nej}', params: { minStreak: 0 } })(defaultRules() as unknown as Record<string, unknown>[]);
    const result = validateRuleSet(rules);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['long-absence.severity', 'long-absence.params.minStreak', 'long-absence.template']);
  });
});

describe('validateRuleSet: accepted', () => {
  it.each<[string, Change, (rules: RuleDefinition[]) => unknown, unknown]>([
    ['edge values', param('not-returned', 'minObservedDays', 1), (r) => r[0]!.params.minObservedDays, 1],
    ['upper edge', param('not-returned', 'minObservedDays', 60), (r) => r[0]!.params.minObservedDays, 60],
    ['a number written as text, as a form sends it', param('long-absence', 'minStreak', ' 7 '), (r) => r[2]!.params.minStreak, 7],
    ['text trimmed', edit('not-returned', { title: '  Ej tillbaka  ' }), (r) => r[0]!.title, 'Ej tillbaka'],
    ['any order, returned in canonical order', (r) => [...r].reverse(), (r) => r.map((x) => x.id)[0], 'not-returned'],
    ['a disabled rule', edit('siblings', { enabled: false }), (r) => r[7]!.enabled, false],
  ])('%s', (_name, change, pick, expected) => {
    const result = validateRuleSet(change(defaultRules() as unknown as Record<string, unknown>[]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(pick(result.rules)).toEqual(expected);
  });
});

describe('RULE_PARAMETERS', () => {
  it.each(Object.entries(RULE_PARAMETERS))('%s: Swedish labels, sensible ranges', (_id, params) => {
    for (const p of params) {
      expect(p.label).toMatch(/^[A-ZÅÄÖ]/);
      expect(p.min).toBeGreaterThanOrEqual(1);
      expect(p.max).toBeGreaterThan(p.min);
    }
  });
});
