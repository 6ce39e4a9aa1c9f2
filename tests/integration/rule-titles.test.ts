/**
 * Issue 15, item 5: rule titles, never ids. The main pages, rendered with flags of many
 * rules present (not returned, unexplained absence, long absence, watch list, siblings),
 * show no rule id and no evidence key as text.
 */
import { aRound, anUpload, SUMMER_DAYS } from '../helpers/builders';
import { CODE_IDENTIFIERS, codeIdentifiersIn, visibleText } from '../helpers/page-text';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';
import { RULE_IDS } from '../../src/rules';

const DAYS = SUMMER_DAYS.slice(0, 8);

let env: TestEnv;
let roundId: number;
let pupilId: number;
let caseId: number;

beforeAll(async () => {
  env = testEnv();
  env.clock.now = new Date('2026-08-27T08:00:00Z');
  await seedBasic(env.services);
  roundId = (await aRound().named('HT2026 efter sommarlovet').windowDays(10).open().build(env)).id;
  await anUpload(roundId, '11111111')
    .onDays(DAYS)
    .withPupils([
      { pn: PUPILS[0], name: 'Amal Ek', statuses: DAYS.map(() => 'O'), guardian: GUARDIANS[0] },
      { pn: PUPILS[1], name: 'Bo Ek', statuses: ['N', 'O', 'O', 'O', 'N', 'N', 'N', 'N'], guardian: GUARDIANS[0] },
      { pn: PUPILS[2], name: 'Cleo Dal', statuses: ['N', 'G', 'G', 'G', 'G', 'G', 'N', 'N'] },
      { pn: PUPILS[3], name: 'Dan Berg' },
    ])
    .commit(env);
  const flagged = env.services.rules.listFlags(admin, roundId);
  expect(new Set(flagged.flatMap((f) => f.rules.map((r) => r.id)))).toEqual(new Set(['not-returned', 'unexplained-absence', 'long-absence', 'siblings']));
  pupilId = flagged.find((f) => f.pupil.personalNumber === PUPILS[0])!.pupil.id;
  caseId = env.services.cases.queue(admin, {}).cases.find((c) => c.pupil.id === pupilId)!.id;
});
afterAll(() => env.close());

const evidenceKeys = () => env.services.rules.listFlags(admin, roundId).flatMap((f) => f.rules.flatMap((r) => Object.keys(r.evidence)));

describe.each<[string, () => string[]]>([
  ['samordnare@test.invalid', () => ['/samordnare', '/arenden', `/arenden/${caseId}`, `/omgangar/${roundId}`, `/omgangar/${roundId}/aterkontroll`]],
  ['rektor@test.invalid', () => ['/rektor', `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/11111111/elever/${pupilId}`, `/arenden/${caseId}`]],
  ['admin@test.invalid', () => ['/admin', `/omgangar/${roundId}`, `/statistik/omgangar/${roundId}`, '/arenden']],
])('%s', (email, paths) => {
  it('sees rule titles and sentences, never a rule id or an evidence key', async () => {
    const agent = await loginAs(env.app, email);
    for (const path of paths()) {
      const res = await agent.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, codeIdentifiersIn(res.text, evidenceKeys())]).toEqual([path, []]);
    }
  });
});

it('the coordinator’s queue names each case’s rules by title', async () => {
  const agent = await loginAs(env.app, 'samordnare@test.invalid');
  const text = visibleText((await agent.get('/arenden').expect(200)).text);
  expect(text).toContain('Har inte kommit tillbaka, Syskon är också flaggat');
  expect(text).toMatch(/Bo Ek [^]*?(Ogiltig frånvaro, Syskon är också flaggat|Syskon är också flaggat, Ogiltig frånvaro)/);
});

it('the school’s follow-up page names the pupil’s rules by title', async () => {
  const agent = await loginAs(env.app, 'rektor@test.invalid');
  const text = visibleText((await agent.get(`/omgangar/${roundId}/skolor/11111111/elever/${pupilId}`).expect(200)).text);
  expect(text).toContain('Har inte kommit tillbaka: Har inte varit närvarande');
  expect(text).toContain('Syskon är också flaggat: Ett syskon');
});

it('the admin’s rules page shows titles, not ids', async () => {
  const agent = await loginAs(env.app, 'admin@test.invalid');
  const text = visibleText((await agent.get('/admin/regler').expect(200)).text);
  expect(text).toContain('Har inte kommit tillbaka');
  // The page lets the admin edit sentence templates, whose {placeholders} are evidence
  // keys by design; rule ids are not needed anywhere on it.
  expect(RULE_IDS.filter((id) => text.includes(id))).toEqual([]);
});

it('checks every rule id and the evidence keys the engine wrote here', () => {
  expect(CODE_IDENTIFIERS).toEqual(expect.arrayContaining([...RULE_IDS]));
  expect(evidenceKeys().filter((k) => !CODE_IDENTIFIERS.includes(k))).toEqual([]);
});
