import fs from 'node:fs';
import request from 'supertest';
import { aRound, aUser } from '../helpers/builders';
import { importThreeDays, unitNorr } from '../helpers/case-world';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';
import { REFERRAL_FIELDS } from '../helpers/referral-fields';
import { admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * Issue 15: the start pages, the school's page in a round and the guardrails, through the
 * real app (CSRF on, real SQLite file).
 */
// PUPILS[0]: never present (not-returned, high). PUPILS[1]: present. PUPILS[3] at Betaskolan: valid absence (medium).
const importSchool = importThreeDays;

async function setUp() {
  const env = testEnv();
  env.clock.now = new Date('2026-08-21T08:00:00Z');
  await seedBasic(env.services);
  await aUser('samordnare2@test.invalid').named('Andra Samordnaren').withRole('coordinator').build(env);
  await aUser('rektor2@test.invalid').named('Rektor Betasson').withRole('principal', '22222222').build(env);
  const unitId = unitNorr(env);
  const roundId = (await aRound().named('HT2026').windowDays(3).deadline('2026-08-28').open().build(env)).id;
  await importSchool(env, roundId, '11111111', [
    { pn: PUPILS[0], name: 'Amal Ek', statuses: ['O', 'O', 'O'], guardian: GUARDIANS[0] },
    { pn: PUPILS[1], name: 'Bo Berg', statuses: ['N', 'N', 'N'] },
  ]);
  await importSchool(env, roundId, '22222222', [{ pn: PUPILS[3], name: 'Cleo Dal', statuses: ['G', 'G', 'G'] }]);
  const caseOf = (pn: string) => env.services.cases.queue(admin, { state: 'all' }).cases.find((c) => c.pupil.personalNumber.slice(0, 8) === pn.slice(0, 8))!;
  const actor = (email: string) => env.services.auth.actorForEmail(email)!;
  return { env, roundId, unitId, caseOf, actor };
}

type World = Awaited<ReturnType<typeof setUp>>;
let w: World;
beforeEach(async () => (w = await setUp()));
afterEach(() => w.env.close());
const approvals = (env: TestEnv, caseId: number) =>
  env.db.prepare('SELECT reason, outcome, requested_by_label, decision, decided_by_label FROM case_close_approvals WHERE case_id = ?').all(caseId);

describe('guardrails: closing with an outcome that says the child may be abroad against their will', () => {
  it('waits for a different coordinator even with the setting off; the proposer cannot approve; the approval is stored and audited', async () => {
    expect(w.env.services.settings.get('secondApprovalRequired')).toBe(false);
    const id = w.caseOf(PUPILS[3]).id; // medium severity, state new
    const first = await loginAs(w.env.app, 'samordnare@test.invalid');
    const page = `/arenden/${id}`;
    const proposed = await postForm(first, page, `${page}/atgard`, {
      action: 'close',
      outcome: 'suspected_taken_abroad',
      comment: 'Grannar säger att familjen rest.',
    });
    expect(proposed.status).toBe(303);
    expect(w.caseOf(PUPILS[3])).toMatchObject({ state: 'new', pendingApproval: { outcome: 'suspected_taken_abroad', reason: 'concern_outcome' } });
    const shown = (await first.get(page)).text;
    expect(shown).toContain('En annan samordnare måste godkänna det');
    expect(shown).toContain('Du föreslog beslutet och kan inte själv godkänna det.');
    expect(shown).toContain('Föreslås avslutas: Misstänkt förd utomlands mot sin vilja. Grannar säger att familjen rest.');
    expect(shown).not.toContain('null');
    expect(shown).not.toContain(`action="/arenden/${id}/granskning"`);

    // The proposer's own approval is refused and changes nothing.
    const own = await postForm(first, page, `${page}/granskning`, { decision: 'approve', comment: 'Själv.' });
    expect(own.status).toBe(400);
    expect(own.text).toContain('En annan samordnare än den som föreslog beslutet måste granska det.');
    expect(w.caseOf(PUPILS[3]).state).toBe('new');
    expect(approvals(w.env, id)).toEqual([]);

    const second = await loginAs(w.env.app, 'samordnare2@test.invalid');
    expect((await second.get(page)).text).toContain(`action="/arenden/${id}/granskning"`);
    expect((await postForm(second, page, `${page}/granskning`, { decision: 'approve', comment: 'Instämmer efter samtal med polisen.' })).status).toBe(303);
    expect(w.caseOf(PUPILS[3])).toMatchObject({ state: 'closed', outcome: 'suspected_taken_abroad', pendingApproval: null });
    expect(approvals(w.env, id)).toEqual([
      {
        reason: 'concern_outcome',
        outcome: 'suspected_taken_abroad',
        requested_by_label: 'samordnare@test.invalid',
        decision: 'approved',
        decided_by_label: 'samordnare2@test.invalid',
      },
    ]);
    const audit = w.env.services.audit.list(admin, { action: 'case.approval_given' }, 1, 10).rows;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain('concern_outcome');
  });

  it.each(['whereabouts_unknown', 'abroad_without_leave'])('%s also waits; a refusal is stored and the case stays open', (outcome) => {
    const id = w.caseOf(PUPILS[3]).id;
    const r = w.env.services.cases.transition(w.actor('samordnare@test.invalid'), id, { action: 'close', outcome, comment: 'Ingen vet var eleven är.' });
    expect(r).toEqual({ state: 'new', pending: true });
    w.env.services.cases.decidePending(w.actor('samordnare2@test.invalid'), id, false, 'Gör en orosanmälan först.');
    expect(w.caseOf(PUPILS[3])).toMatchObject({ state: 'new', pendingApproval: null });
    expect(approvals(w.env, id)).toMatchObject([{ reason: 'concern_outcome', decision: 'refused' }]);
  });

  it('the JSON API answers a concern close with pending, and nothing closes', async () => {
    const id = w.caseOf(PUPILS[3]).id;
    const token = w.env.services.tokens.create(w.actor('samordnare@test.invalid'), { name: 'api' }).token;
    const res = await request(w.env.app)
      .post(`/api/v1/cases/${id}/events`)
      .set('Authorization', `Bearer ${token}`)
      .send({ type: 'transition', action: 'close', outcome: 'whereabouts_unknown', comment: 'Ingen vet var familjen är.' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ state: 'new', pending: true });
    expect(w.caseOf(PUPILS[3]).state).toBe('new');
  });

  it('an outcome that says where the child is closes a new case at once (no "Påbörja utredning" first)', () => {
    const id = w.caseOf(PUPILS[3]).id;
    expect(
      w.env.services.cases.transition(w.actor('samordnare@test.invalid'), id, { action: 'close', outcome: 'returned', comment: 'Tillbaka i dag.' }),
    ).toEqual({
      state: 'closed',
      pending: false,
    });
  });

  it('after a sent and acknowledged referral the same outcome closes without a second coordinator', async () => {
    const id = w.caseOf(PUPILS[0]).id;
    const coordinator = w.actor('samordnare@test.invalid');
    const sent = await w.env.services.referrals.save(coordinator, id, { ...REFERRAL_FIELDS, unitId: String(w.unitId) }, true);
    await w.env.services.referrals.acknowledge(w.actor('soc@test.invalid'), sent.id, { reference: 'SN 2026/77' });
    expect(
      w.env.services.cases.transition(coordinator, id, { action: 'close', outcome: 'suspected_taken_abroad', comment: 'Socialtjänsten utreder.' }),
    ).toEqual({
      state: 'closed',
      pending: false,
    });
  });
});

describe("the principal's way to a referral", () => {
  it('the school page and the case page link to the referral form while the principal may file one', async () => {
    const id = w.caseOf(PUPILS[0]).id;
    const principal = await loginAs(w.env.app, 'rektor@test.invalid');
    const school = (await principal.get(`/omgangar/${w.roundId}/skolor/11111111`)).text;
    expect(school).toContain(`href="/arenden/${id}"`);
    expect(school).toContain(`href="/arenden/${id}/orosanmalan"`);
    const casePage = await principal.get(`/arenden/${id}`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain(`href="/arenden/${id}/orosanmalan"`);
    expect((await principal.get(`/arenden/${id}/orosanmalan`)).status).toBe(200);
    // A coordinator reads the school page but files referrals from the case page, not there.
    const coordinator = await loginAs(w.env.app, 'samordnare@test.invalid');
    expect((await coordinator.get(`/omgangar/${w.roundId}/skolor/11111111`)).text).not.toContain(`href="/arenden/${id}/orosanmalan"`);
  });
});

describe('closing a round', () => {
  it('asks for confirmation, saying what freezes and which schools have not confirmed; without the box ticked nothing closes', async () => {
    const agent = await loginAs(w.env.app, 'admin@test.invalid');
    const show = (await agent.get(`/omgangar/${w.roundId}`)).text;
    expect(show).toContain(`href="/omgangar/${w.roundId}/stang"`);
    expect(show).not.toContain(`action="/omgangar/${w.roundId}/stang"`);
    const confirm = await agent.get(`/omgangar/${w.roundId}/stang`);
    expect(confirm.text).toContain('Inga fler filer kan läsas in.');
    expect(confirm.text).toContain('2 av 2 skolor har inte bekräftat:');
    expect(confirm.text).toContain('Alfaskolan, Betaskolan');
    const refused = await postForm(agent, `/omgangar/${w.roundId}/stang`, `/omgangar/${w.roundId}/stang`, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Kryssa i rutan');
    expect(w.env.services.rounds.get(admin, w.roundId).state).toBe('open');
    const closed = await postForm(agent, `/omgangar/${w.roundId}/stang`, `/omgangar/${w.roundId}/stang`, { confirm: 'on' });
    expect(closed.status).toBe(303);
    expect(w.env.services.rounds.get(admin, w.roundId).state).toBe('closed');
    expect((await agent.get(`/omgangar/${w.roundId}/stang`)).text).toContain('Omgången är stängd.');
  });

  it('a closed round shows no upload form on the school page or the upload page, and refuses a POST upload with a clear message', async () => {
    w.env.services.rounds.close(admin, w.roundId);
    const principal = await loginAs(w.env.app, 'rektor@test.invalid');
    const school = (await principal.get(`/omgangar/${w.roundId}/skolor/11111111`)).text;
    expect(school).toContain('Omgången är stängd.');
    expect(school).not.toContain('/inlasning"');
    expect(school).not.toContain('/bekrafta"');
    expect((await principal.get(`/omgangar/${w.roundId}`)).text).not.toContain('/inlasning"');
    const base = `/omgangar/${w.roundId}/skolor/11111111/inlasning`;
    const page = await principal.get(base);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Omgången är stängd. Inga nya filer kan läsas in.');
    expect(page.text).not.toContain('multipart/form-data');
    expect(page.text).not.toContain('Rätta felen');
    const before = w.env.services.imports.history(admin, w.roundId, '11111111').length;
    const res = await principal.post(base).field('_csrf', csrfFrom(page.text)).attach('file', Buffer.from('Personnummer;Datum;Närvaro\n'), 'närvaro.csv');
    expect(res.status).toBe(409);
    expect(res.text).toContain('Omgången är stängd. Inga nya filer kan läsas in.');
    expect(w.env.services.imports.history(admin, w.roundId, '11111111')).toHaveLength(before);
  });
});

describe('start pages', () => {
  it("the principal's start page shows each open round with the school's state, deadline and one button to the school's page", async () => {
    const principal = await loginAs(w.env.app, 'rektor@test.invalid');
    const start = (await principal.get('/rektor')).text;
    expect(start).toContain('Alfaskolan – HT2026');
    expect(start).toContain('Inläst, ej bekräftad');
    expect(start).toContain('Flaggade elever: 1.');
    expect(start).toContain('28 augusti 2026');
    expect(start).toContain(`href="/omgangar/${w.roundId}/skolor/11111111"`);
    expect(start).toContain('Följ upp de flaggade eleverna');
    expect(start).not.toContain('Betaskolan');
    // Followed up (not located: the school knows only that the family is away): the next step is the confirmation.
    const pupilId = w.caseOf(PUPILS[0]).pupil.id;
    w.env.services.followUps.save(w.actor('rektor@test.invalid'), w.roundId, '11111111', pupilId, { knownReason: 'Familjen är utomlands.' });
    expect((await principal.get('/rektor')).text).toContain('Bekräfta rapporten');
    w.env.services.schoolReports.confirm(w.actor('rektor@test.invalid'), w.roundId, '11111111', { statement: 'Uppföljningen är gjord.' });
    expect((await principal.get('/rektor')).text).toContain('Visa skolans rapport');
  });

  it("the admin's start page shows each round's progress as a bar and the schools past the deadline, and no stale text", async () => {
    const agent = await loginAs(w.env.app, 'admin@test.invalid');
    let start = (await agent.get('/admin')).text;
    expect(start).not.toContain('kommer i nästa steg');
    expect(start).toContain('0 av 2 skolor bekräftade');
    expect(start).toMatch(/<progress[^>]*max="2" value="0"/);
    w.env.services.schoolReports.confirm(w.actor('rektor@test.invalid'), w.roundId, '11111111', { statement: 'Uppföljningen är gjord.' });
    w.env.clock.now = new Date('2026-08-31T08:00:00Z'); // after the deadline (the session has ended: log in again)
    start = (await (await loginAs(w.env.app, 'admin@test.invalid')).get('/admin')).text;
    expect(start).toContain('1 av 2 skolor bekräftade');
    expect(start).toMatch(/<progress[^>]*max="2" value="1"/);
    expect(start).toContain('Försenade: 1');
    expect(start).toMatch(/Försenade: 1<\/span> Betaskolan/);
  });

  it("the coordinator's start page lists today's re-checks, new high-severity cases and referrals waiting for acknowledgement", async () => {
    const coordinator = w.actor('samordnare@test.invalid');
    const high = w.caseOf(PUPILS[0]).id;
    const medium = w.caseOf(PUPILS[3]).id;
    w.env.services.cases.setRecheck(coordinator, medium, { date: '2026-08-21' });
    const agent = await loginAs(w.env.app, 'samordnare@test.invalid');
    let start = (await agent.get('/samordnare')).text;
    expect(start).toContain('Återkontroll i dag (1)');
    expect(start).toContain(`href="/arenden/${medium}"`);
    expect(start).toContain('Nya ärenden med hög allvarlighetsgrad (1)');
    expect(start).toContain(`href="/arenden/${high}"`);
    expect(start).not.toContain('not-returned');
    expect(start).toContain('Orosanmälningar som väntar på socialtjänstens bekräftelse (0)');
    const sent = await w.env.services.referrals.save(coordinator, high, { ...REFERRAL_FIELDS, unitId: String(w.unitId) }, true);
    start = (await agent.get('/samordnare')).text;
    expect(start).toContain('Orosanmälningar som väntar på socialtjänstens bekräftelse (1)');
    expect(start).toContain(`href="/orosanmalningar/${sent.id}"`);
    expect(start).toContain('Nya ärenden med hög allvarlighetsgrad (0)');
  });

  it("social services' start page puts the referrals they have not acknowledged first", async () => {
    const sent = await w.env.services.referrals.save(
      w.actor('samordnare@test.invalid'),
      w.caseOf(PUPILS[0]).id,
      { ...REFERRAL_FIELDS, unitId: String(w.unitId) },
      true,
    );
    const soc = await loginAs(w.env.app, 'soc@test.invalid');
    let start = (await soc.get('/socialtjanst')).text;
    expect(start).toContain('Väntar på er bekräftelse (1)');
    expect(start).toContain(`href="/orosanmalningar/${sent.id}"`);
    await w.env.services.referrals.acknowledge(w.actor('soc@test.invalid'), sent.id, { reference: 'SN 2026/1' });
    start = (await soc.get('/socialtjanst')).text;
    expect(start).toContain('Väntar på er bekräftelse (0)');
    expect(start).toContain('Bekräftade (1)');
  });
});

describe("the school's page in a round", () => {
  it('shows state, deadline, coverage and the flagged pupils with rule titles (never ids), severity in words and follow-up state', async () => {
    const principal = await loginAs(w.env.app, 'rektor@test.invalid');
    const url = `/omgangar/${w.roundId}/skolor/11111111`;
    let page = (await principal.get(url)).text;
    expect(page).toContain('Inläst, ej bekräftad');
    expect(page).toContain('28 augusti 2026');
    expect(page).toContain('3 skoldagar, 18–20 augusti 2026');
    expect(page).toContain('Filen har närvaro för 3 av fönstrets 3 skoldagar.');
    expect(page).toContain('Flaggade elever (1)');
    expect(page).toContain('Amal Ek');
    expect(page).not.toContain('Bo Berg');
    expect(page).toContain('Allvarlighetsgrad: hög');
    const title = w.env.services.rules.ruleTitles()['not-returned']!;
    expect(page).toContain(title);
    expect(page).not.toContain('not-returned');
    expect(page).toContain('Inte uppföljd än');
    expect(page).toContain(`${url}/inlasning"`);
    expect(page).toContain(`action="${url}/bekrafta"`);

    // "Spara och gå tillbaka": the follow-up is saved and the school's list is next; plain "Spara" stays on the pupil.
    const pupilId = w.caseOf(PUPILS[0]).pupil.id;
    const followUp = `${url}/elever/${pupilId}`;
    const stay = await postForm(principal, followUp, followUp, { knownReason: 'Familjen är kvar i hemlandet.' });
    expect(stay.headers.location).toBe(followUp);
    const back = await postForm(principal, followUp, followUp, { knownReason: 'Familjen är kvar i hemlandet.', next: 'school' });
    expect(back.headers.location).toBe(`${url}#flaggade`);
    page = (await principal.get(url)).text;
    expect(page).toContain('Uppföljd, senast 21 augusti 2026');
    expect(page).toContain(`href="${url}/elever/${pupilId}"`);

    // Confirming from the page leads back to it, confirmed.
    const confirmed = await postForm(principal, url, `${url}/bekrafta`, { statement: 'Vi har följt upp eleven.' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(url);
    expect((await principal.get(url)).text).toContain('Bekräftad');
  });

  it("another school's principal gets an audited 404; a coordinator reads it without upload or confirm", async () => {
    const other = await loginAs(w.env.app, 'rektor2@test.invalid');
    const before = w.env.services.audit.list(admin, { action: 'access.denied' }, 1, 50).total;
    const res = await other.get(`/omgangar/${w.roundId}/skolor/11111111`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Amal Ek');
    expect(w.env.services.audit.list(admin, { action: 'access.denied' }, 1, 50).total).toBeGreaterThan(before);
    const coordinator = await loginAs(w.env.app, 'samordnare@test.invalid');
    const read = (await coordinator.get(`/omgangar/${w.roundId}/skolor/11111111`)).text;
    expect(read).toContain('Amal Ek');
    expect(read).not.toContain('/inlasning"');
    expect(read).not.toContain('/bekrafta"');
  });

  it('pages the flagged pupils 50 at a time, most severe first', async () => {
    // School-age numbers from Skatteverket's test list (read at run time, never invented).
    const numbers = fs
      .readFileSync('/work/shared/testpersonnummer.txt', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^20(09|10|11|12)\d{8}$/.test(l))
      .slice(0, 52)
      .map((n) => `${n.slice(0, 8)}-${n.slice(8)}`);
    expect(numbers).toHaveLength(52);
    await importSchool(
      w.env,
      w.roundId,
      '11111111',
      numbers.map((pn, i) => ({ pn, name: `Elev Nummer${String(i).padStart(2, '0')}`, statuses: ['O', 'O', 'O'] })),
    );
    const principal = await loginAs(w.env.app, 'rektor@test.invalid');
    const url = `/omgangar/${w.roundId}/skolor/11111111`;
    const first = (await principal.get(url)).text;
    expect(first).toContain('Flaggade elever (52)');
    expect(first.match(/class="ds-card app-step"/g)).toHaveLength(50);
    expect(first).toContain(`href="${url}?sida=2#flaggade"`);
    expect(first).toContain('Sida 1 av 2');
    const second = (await principal.get(`${url}?sida=2`)).text;
    expect(second.match(/class="ds-card app-step"/g)).toHaveLength(2);
    expect(second).toContain('Sida 2 av 2');
  });
});
