/**
 * Issue 15, item 3: a case a person can read. The case page shows the evidence as an
 * attendance strip and sentences, everything the school recorded, and a timeline in plain
 * Swedish — and no code identifier (evidence key, rule id, status code) anywhere in its text.
 */
import { aRound, anUpload, SUMMER_DAYS } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { codeIdentifiersIn, visibleText } from '../helpers/page-text';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

// Thursday 27 August 2026: 8 of the round's 10 school days (from Tuesday 18 August) have been.
const NOW = new Date('2026-08-27T08:00:00Z');
const DAYS = SUMMER_DAYS.slice(0, 8);

async function setUp(): Promise<{ env: TestEnv; roundId: number; caseOf: (pn: string) => number }> {
  const env = testEnv();
  env.clock.now = NOW;
  await seedBasic(env.services);
  const roundId = (await aRound().named('HT2026 efter sommarlovet').windowDays(10).open().build(env)).id;
  await anUpload(roundId, '11111111')
    .onDays(DAYS)
    .withPupils([
      { pn: PUPILS[0], name: 'Amal Ek', statuses: DAYS.map(() => 'O') },
      { pn: PUPILS[1], name: 'Bo Berg', statuses: ['N', 'O', 'O', 'F', 'Ej rapporterad', 'G', 'N', 'N'] },
      { pn: PUPILS[2], name: 'Dold Person', statuses: DAYS.map(() => 'O'), protectedId: true },
    ])
    .commit(env);
  const caseOf = (pn: string) => env.services.cases.queue(admin, { state: 'all' }).cases.find((c) => c.pupil.personalNumber.slice(0, 8) === pn.slice(0, 8))!.id;
  return { env, roundId, caseOf };
}

describe('the case page, as a coordinator reads it', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  afterEach(() => s.env.close());

  it('says why in sentences under the rule’s title, with the term start’s year', async () => {
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const html = (await agent.get(`/arenden/${s.caseOf(PUPILS[0])}`).expect(200)).text;
    const text = visibleText(html);
    expect(text).toContain('Har inte kommit tillbaka');
    expect(text).toContain('Eleven har inte varit närvarande någon av de 8 skoldagarna sedan terminsstart 18 augusti 2026.');
    expect(text).toContain('Frånvaron: 8 dagar ogiltig frånvaro.');
  });

  it('shows the window as a strip of school days, lettered, with a legend and a table', async () => {
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const html = (await agent.get(`/arenden/${s.caseOf(PUPILS[1])}`).expect(200)).text;
    const cells = [
      ...html.matchAll(
        /<li class="app-strip-day" data-mark="([a-z_]+)">.*?<span class="app-strip-letter" aria-hidden="true">(.)<\/span><span class="ds-sr-only">([^<]+)<\/span>/g,
      ),
    ];
    // One cell per school day of the window: 8 that have been, 2 still to come.
    expect(cells.map((c) => [c[1], c[2]])).toEqual([
      ['present', 'N'],
      ['unexplained', 'O'],
      ['unexplained', 'O'],
      ['unknown', 'F'],
      ['not_reported', 'E'],
      ['valid', 'G'],
      ['present', 'N'],
      ['present', 'N'],
      ['upcoming', '–'],
      ['upcoming', '–'],
    ]);
    expect(cells[0]![3]).toBe('tisdag 18 augusti 2026: närvarande');
    expect(cells[4]![3]).toBe('måndag 24 augusti 2026: ej rapporterad');
    const text = visibleText(html);
    expect(text).toContain('Eleven har varit närvarande 3 av 8 skoldagar sedan terminsstart 18 augusti 2026.');
    expect(text).toContain('Frånvaron: 1 dag giltig frånvaro, 2 dagar ogiltig frånvaro, 1 dag frånvaro utan angiven orsak, 1 dag utan rapporterad närvaro.');
    expect(text).toContain('2 skoldagar av kartläggningen har inte varit än.');
    expect(text).toMatch(
      /Teckenförklaring N närvarande G giltig frånvaro O ogiltig frånvaro F frånvarande, orsak inte angiven E ej rapporterad – skoldag som inte har varit än/,
    );
    // The same days as a table with headers, for anyone who does not read the strip.
    expect(html).toMatch(/<th scope="col">Skoldag<\/th><th scope="col">Närvaro<\/th>/);
    expect(text).toContain('måndag 24 augusti 2026 E – ej rapporterad');
  });

  it('shows everything the school recorded: a transfer in the municipality, the expected return without a country, contacts', async () => {
    const principal = s.env.services.auth.actorForEmail('rektor@test.invalid')!;
    const pupilId = s.env.services.cases.get(admin, s.caseOf(PUPILS[0])).case.pupil.id;
    s.env.services.followUps.save(principal, s.roundId, '11111111', pupilId, {
      transfer: 'municipal_school',
      receivingSchool: 'Betaskolan',
      expectedReturn: '2026-09-07',
      knownReason: 'Familjen har flyttat inom kommunen',
      informationSource: 'Mamman, i telefon',
    });
    s.env.services.followUps.addAttempt(principal, s.roundId, '11111111', pupilId, { method: 'phone', date: '2026-08-20', result: 'Mamman svarade' });
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const text = visibleText((await agent.get(`/arenden/${s.caseOf(PUPILS[0])}`).expect(200)).text);
    expect(text).toContain('Flytt Ny skola i kommunen');
    expect(text).toContain('Mottagande skola Betaskolan');
    expect(text).toContain('Väntad återkomst 7 september 2026');
    expect(text).not.toContain('Land, om eleven är utomlands');
    expect(text).toContain('Känd orsak till frånvaron Familjen har flyttat inom kommunen');
    expect(text).toContain('Vem som lämnat uppgifterna Mamman, i telefon');
    expect(text).toContain('20 augusti 2026 Telefon Mamman svarade rektor@test.invalid');
  });

  it('keeps a protected pupil’s receiving school off the page until the identity is revealed', async () => {
    const principal = s.env.services.auth.actorForEmail('rektor@test.invalid')!;
    const pupilId = s.env.services.cases.get(admin, s.caseOf(PUPILS[2])).case.pupil.id;
    s.env.services.followUps.save(principal, s.roundId, '11111111', pupilId, { transfer: 'municipal_school', receivingSchool: 'Betaskolan' });
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const text = visibleText((await agent.get(`/arenden/${s.caseOf(PUPILS[2])}`).expect(200)).text);
    expect(text).toContain('Mottagande skola Visas inte – eleven har skyddad identitet');
    expect(text).not.toContain('Betaskolan');
    const api = s.env.services.cases.get(s.env.services.auth.actorForEmail('samordnare@test.invalid')!, s.caseOf(PUPILS[2]));
    expect(JSON.stringify(api)).not.toContain('Betaskolan');
    const revealed = await postForm(agent, `/arenden/${s.caseOf(PUPILS[2])}`, `/arenden/${s.caseOf(PUPILS[2])}/visa-identitet`, {});
    expect(visibleText(revealed.text)).toContain('Mottagande skola Betaskolan');
  });

  it('tells the timeline in sentences, with who and when in Swedish time', async () => {
    const coordinator = s.env.services.auth.actorForEmail('samordnare@test.invalid')!;
    const id = s.caseOf(PUPILS[0]);
    s.env.clock.now = new Date('2026-08-27T10:15:00Z');
    s.env.services.cases.transition(coordinator, id, { action: 'start' });
    s.env.services.cases.addContact(coordinator, id, { party: 'guardian', date: '2026-08-26', result: 'Pappan säger att eleven är hos släkt.' });
    s.env.services.cases.setRecheck(coordinator, id, { date: '2026-09-14' });
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const text = visibleText((await agent.get(`/arenden/${id}`).expect(200)).text);
    expect(text).toContain('27 augusti 2026 kl. 12:15 · samordnare@test.invalid Satte datum för återkontroll till 14 september 2026.');
    expect(text).toContain('Registrerade en kontakt med vårdnadshavare den 26 augusti 2026. Pappan säger att eleven är hos släkt.');
    expect(text).toContain('Ärendets status ändrades från ”Ny” till ”Utreds”.');
    expect(text).toContain('27 augusti 2026 kl. 10:00 · test Ärendet skapades efter flaggan Har inte kommit tillbaka.');
  });

  it.each([PUPILS[0], PUPILS[1]])('has no code identifier anywhere in its text (%s)', async (pn) => {
    const coordinator = s.env.services.auth.actorForEmail('samordnare@test.invalid')!;
    const id = s.caseOf(pn);
    s.env.services.cases.addNote(coordinator, id, { text: 'Ringt mentor.' });
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const html = (await agent.get(`/arenden/${id}`).expect(200)).text;
    const evidenceKeys = s.env.services.cases.get(admin, id).flags!.rules.flatMap((r) => Object.keys(r.evidence));
    expect(evidenceKeys.length).toBeGreaterThan(3);
    expect(codeIdentifiersIn(html, evidenceKeys)).toEqual([]);
  });

  it('the scan finds an identifier when one is there (it is not blind)', () => {
    expect(codeIdentifiersIn('<p>termStart: 2026-08-18 (not-returned)</p><p data-x="valid">ok</p>')).toEqual(['not-returned', 'termStart']);
  });
});

describe('the case page for a summary in minutes', () => {
  let env: TestEnv;
  afterEach(() => env.close());

  it('says the minutes in a sentence instead of a strip', async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    const roundId = (await aRound().named('HT2026').open().build(env)).id;
    await anUpload(roundId, '11111111')
      .file(
        csv([
          ['Elevens personnummer', 'Namn', 'Schemalagd tid (min)', 'Närvarande tid (min)', 'Giltig frånvaro (min)', 'Ogiltig frånvaro (min)'],
          [PUPILS[0], 'Elev Ett', 2400, 0, 0, 2400],
          [PUPILS[1], 'Elev Två', 2400, 2400, 0, 0],
        ]),
      )
      .commit(env);
    const id = env.services.cases.queue(admin, {}).cases[0]!.id;
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    const html = (await agent.get(`/arenden/${id}`).expect(200)).text;
    expect(html).not.toContain('app-strip-day');
    const text = visibleText(html);
    expect(text).toContain(
      'Skolans fil har summor i minuter, inte skoldag för skoldag: 0 av 2\u00a0400 schemalagda minuter närvarande, 2\u00a0400 minuter ogiltig frånvaro, under 10 skoldagar sedan terminsstart 18 augusti 2026.',
    );
    expect(text).toContain('Enligt skolans summering i minuter: 0 av 2\u00a0400 schemalagda minuter närvarande, 2\u00a0400 minuter ogiltig frånvaro.');
    const evidenceKeys = env.services.cases.get(admin, id).flags!.rules.flatMap((r) => Object.keys(r.evidence));
    expect(codeIdentifiersIn(html, evidenceKeys)).toEqual([]);
  });
});
