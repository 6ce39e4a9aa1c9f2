import { RULE_IDS, type RuleId, type RuleResult } from '../types';
import { applyModifiers, evaluatePupil, evaluateVanished, type FlaggedPupil } from './evaluate';
import { EVIDENCE_SENTENCES, evidenceSentences, fullDateText } from './evidence-text';
import { exampleRuleSet, pupilFromDays, pupilFromMinutes } from '../../../tests/helpers/example-facts';

const rules = exampleRuleSet();

/** The evidence each rule really stores, from the engine, for a pupil it fires on. */
function evidenceOf(id: RuleId, results: RuleResult[]): RuleResult['evidence'] {
  const r = results.find((x) => x.ruleId === id);
  if (!r) throw new Error(`${id} did not fire`);
  return r.evidence;
}

function withModifiers(results: RuleResult[]): RuleResult[] {
  const flagged = new Map<number, FlaggedPupil>([
    [1, { results, facts: { ...pupilFromDays('OOOOOOOO'), previousRound: 'VT2026 efter jullovet' } }],
    [2, { results: evaluatePupil({ ...pupilFromDays('OOOOOOOO'), pupilId: 2 }, rules) }],
  ]);
  applyModifiers(flagged, (p) => (p === 1 ? [2] : [1]), rules);
  return flagged.get(1)!.results;
}

// Every rule and modifier, with the evidence the engine stores and the sentences it reads as.
const CASES: [RuleId, string, () => RuleResult['evidence'], string[]][] = [
  [
    'not-returned',
    '8 days unexplained',
    () => evidenceOf('not-returned', evaluatePupil(pupilFromDays('OOOOOOOO', { termStart: '2026-08-18' }), rules)),
    [
      'Eleven har inte varit närvarande någon av de 8 skoldagarna sedan terminsstart 18 augusti 2026.',
      'Frånvaron: 8 dagar ogiltig frånvaro.',
      'Minst en dag är ogiltig frånvaro, frånvaro utan angiven orsak eller en dag utan rapporterad närvaro.',
    ],
  ],
  [
    'not-returned',
    'all valid',
    () => evidenceOf('not-returned', evaluatePupil(pupilFromDays('GGG'), rules)),
    [
      'Eleven har inte varit närvarande någon av de 3 skoldagarna sedan terminsstart 17 augusti 2026.',
      'Frånvaron: 3 dagar giltig frånvaro.',
      'All frånvaro är giltig (anmäld). Flaggan har därför satts ett steg lägre.',
    ],
  ],
  [
    'not-returned',
    'a summary in minutes',
    () => evidenceOf('not-returned', evaluatePupil(pupilFromMinutes(10, { scheduled: 2400, attended: 0, valid: 0, unexplained: 2400 }), rules)),
    [
      'Eleven har inte varit närvarande någon av de 10 skoldagarna sedan terminsstart 17 augusti 2026.',
      'Enligt skolans summering i minuter: 0 av 2\u00a0400 schemalagda minuter närvarande, 2\u00a0400 minuter ogiltig frånvaro.',
      'Minst en dag är ogiltig frånvaro, frånvaro utan angiven orsak eller en dag utan rapporterad närvaro.',
    ],
  ],
  [
    'unexplained-absence',
    'days',
    () => evidenceOf('unexplained-absence', evaluatePupil(pupilFromDays('POOOFPP'), rules)),
    [
      'Eleven har varit frånvarande utan giltig orsak 4 dagar av 7 skoldagar sedan terminsstart 17 augusti 2026.',
      'Frånvaron: 3 dagar ogiltig frånvaro, 1 dag frånvaro utan angiven orsak.',
    ],
  ],
  [
    'long-absence',
    'a week',
    () => evidenceOf('long-absence', evaluatePupil(pupilFromDays('PGGGGGP'), rules)),
    ['Eleven har inte varit närvarande 5 skoldagar i rad, 18 augusti 2026–24 augusti 2026.', 'De dagarna: 5 dagar giltig frånvaro.'],
  ],
  [
    'left-without-destination',
    'no date',
    () => evidenceOf('left-without-destination', evaluatePupil(pupilFromDays('PPP', { leftRoll: { date: null, destinationKnown: false } }), rules)),
    ['Skolan har registrerat att eleven har lämnat skolan (flyttat utomlands eller avregistrerats).', 'Ingen mottagande skola är känd.'],
  ],
  [
    'vanished-from-roster',
    'with class',
    () => evaluateVanished({ pupilId: 1, schoolId: 1, previousRound: 'VT2026 efter jullovet', previousClass: '7B' }, rules)!.evidence,
    [
      'Eleven fanns i klass 7B i skolans fil i omgången VT2026 efter jullovet.',
      'Eleven finns inte i någon skolas inlästa fil nu, och ingen flytt är registrerad.',
    ],
  ],
  [
    'watch-listed',
    'away the first day',
    () => evidenceOf('watch-listed', evaluatePupil(pupilFromDays('OPP', { watchListed: true }), rules)),
    [
      'Eleven står på bevakningslistan inför lovet och har inte varit närvarande 1 dag av 3 skoldagar sedan terminsstart 17 augusti 2026.',
      'Eleven var inte närvarande första skoldagen, 17 augusti 2026.',
    ],
  ],
  [
    'leave-overrun',
    'two days after',
    () => evidenceOf('leave-overrun', evaluatePupil(pupilFromDays('GGGOO', { leaveEnded: '2026-08-19' }), rules)),
    ['Den registrerade ledigheten slutade 19 augusti 2026, och eleven har inte varit närvarande någon av de 2 skoldagarna sedan dess.'],
  ],
  [
    'siblings',
    'one sibling',
    () => evidenceOf('siblings', withModifiers(evaluatePupil(pupilFromDays('OOOOOOOO'), rules))),
    // Already high: nothing to raise, so no sentence about a raise.
    ['Ett syskon med samma vårdnadshavare är också flaggat i omgången.'],
  ],
  [
    'previously-flagged',
    'after the siblings raise',
    () => evidenceOf('previously-flagged', withModifiers(evaluatePupil(pupilFromDays('POOOPPP'), rules))),
    // The siblings modifier already raised medium to high.
    ['Eleven flaggades eller hade ett ärende i en tidigare omgång, VT2026 efter jullovet.'],
  ],
];

describe('evidenceSentences', () => {
  it.each(CASES)('%s (%s)', (id, _name, evidence, sentences) => {
    expect(evidenceSentences(id, evidence())).toEqual(sentences);
  });

  it.each([...RULE_IDS])('%s has sentences, and a test case above', (id) => {
    expect(Object.prototype.hasOwnProperty.call(EVIDENCE_SENTENCES, id)).toBe(true);
    expect(CASES.some(([caseId]) => caseId === id)).toBe(true);
    // Even with evidence a flag stored long ago might lack: something said, nothing raw.
    const said = evidenceSentences(id, {});
    expect(said.length).toBeGreaterThan(0);
    expect(said.join(' ')).not.toMatch(/[{}]|undefined|null|NaN/);
  });

  it.each(CASES)('%s (%s): no evidence key and no rule id in the sentences', (id, _name, evidence) => {
    const e = evidence();
    const text = evidenceSentences(id, e).join(' ');
    for (const key of Object.keys(e)) expect(text).not.toMatch(new RegExp(`\\b${key}\\b`));
    for (const ruleId of RULE_IDS) expect(text).not.toContain(ruleId);
    expect(text).not.toMatch(/\b(true|false)\b/);
  });

  it('says the raise a modifier made, from the severity before it', () => {
    const results = withModifiers(evaluatePupil(pupilFromDays('POOOPPP'), rules)); // unexplained-absence: medium
    expect(evidenceSentences('siblings', evidenceOf('siblings', results))).toEqual([
      'Ett syskon med samma vårdnadshavare är också flaggat i omgången.',
      'Det höjer flaggans allvarlighetsgrad från medel till hög.',
    ]);
  });

  it('never shows the id of a rule that no longer exists', () => {
    expect(evidenceSentences('a-removed-rule', { termStart: '2026-08-17' })).toEqual(['Flaggan kommer från en regel som inte längre finns.']);
  });

  it.each([
    ['2026-08-18', '18 augusti 2026'],
    ['2027-01-07', '7 januari 2027'],
  ])('fullDateText %s → %s', (iso, text) => {
    expect(fullDateText(iso)).toBe(text);
  });
});
