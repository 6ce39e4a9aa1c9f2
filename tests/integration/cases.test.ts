import request from 'supertest';
import { aRound, aUser } from '../helpers/builders';
import { importThreeDays, unitNorr } from '../helpers/case-world';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';
import { pdfText } from '../helpers/pdf-text';
import { REFERRAL_FIELDS } from '../helpers/referral-fields';
import { startSmtp } from '../helpers/smtp';
import { PASSWORD, admin, csrfFrom, decodeQuotedPrintable, loginAs, postForm, seedBasic, testEnv } from '../helpers/test-env';

// PUPILS[0]: never present (not-returned, high). PUPILS[1]: present. PUPILS[2]: protected, never present.
// PUPILS[3] at Betaskolan: away all three days with valid absence (not-returned, medium).
const NAMES = ['Amal Ek', 'Bo Berg', 'Dold Person', 'Cleo Dal'];

const importSchool = importThreeDays;

async function setUp(smtpPort?: number) {
  const env = testEnv(smtpPort ? { SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } : {});
  env.clock.now = new Date('2026-08-21T08:00:00Z');
  await seedBasic(env.services);
  await aUser('samordnare2@test.invalid').named('Andra Samordnaren').withRole('coordinator').build(env);
  await aUser('soc2@test.invalid').named('Soc Annan').withRole('social_services').build(env);
  const soc2 = env.services.auth.actorForEmail('soc2@test.invalid')!;
  const unitId = unitNorr(env);
  const otherUnit = env.services.referrals.saveUnit(admin, null, {
    name: 'Mottagningen Söder',
    email: 'mottagning-soder@test.invalid',
    onCallPhone: '08-200 200',
    members: [String(soc2.userId)],
  });
  const roundId = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
  await importSchool(env, roundId, '11111111', [
    { pn: PUPILS[0], name: NAMES[0]!, statuses: ['O', 'O', 'O'], guardian: GUARDIANS[0] },
    { pn: PUPILS[1], name: NAMES[1]!, statuses: ['N', 'N', 'N'] },
    { pn: PUPILS[2], name: NAMES[2]!, statuses: ['O', 'O', 'O'], protectedId: true },
  ]);
  await importSchool(env, roundId, '22222222', [{ pn: PUPILS[3], name: NAMES[3]!, statuses: ['G', 'G', 'G'] }]);
  const caseOf = (pn: string) => {
    const page = env.services.cases.queue(admin, { state: 'all' });
    return page.cases.find((c) => c.pupil.personalNumber.slice(0, 8) === pn.slice(0, 8))!;
  };
  return { env, roundId, unitId, otherUnit, caseOf, coordinator: env.services.auth.actorForEmail('samordnare@test.invalid')! };
}

const SEND = { unitId: '', ...REFERRAL_FIELDS };

describe('cases follow the flags', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  afterEach(() => s.env.close());

  it('opens one case per flagged pupil, with the flag on the timeline, and never a case for a pupil who came back', () => {
    const page = s.env.services.cases.queue(admin, {});
    expect(page.total).toBe(3);
    const amal = s.caseOf(PUPILS[0]);
    expect(amal).toMatchObject({ state: 'new', severity: 'high', rules: ['not-returned'], school: { code: '11111111' } });
    expect(page.cases.some((c) => c.pupil.personalNumber === PUPILS[1])).toBe(false);
    const events = s.env.services.cases.events(amal.id);
    expect(events[0]).toMatchObject({ kind: 'created', toState: 'new', details: { origin: 'flag', rules: ['not-returned'] } });
  });

  it('keeps a case whose flags cleared after a re-upload, with the reason on its timeline', async () => {
    const before = s.caseOf(PUPILS[3]);
    await importSchool(s.env, s.roundId, '22222222', [{ pn: PUPILS[3], name: NAMES[3]!, statuses: ['N', 'N', 'N'] }]);
    const after = s.caseOf(PUPILS[3]);
    expect(after.id).toBe(before.id);
    expect(after.rules).toEqual([]);
    const last = s.env.services.cases.events(after.id).at(-1)!;
    expect(last).toMatchObject({ kind: 'flags', details: { removed: before.rules } });
    expect(last.text).toMatch(/Villkoren uppfylls inte längre/);
  });

  // Until issue 13 the sync marked such a case transferred (and located) on its own. Now
  // the case's school is told and a person decides; the case itself does not change.
  it('notes a flagged pupil found on another municipal school’s roster on the case, and marks nothing', async () => {
    await importSchool(s.env, s.roundId, '22222222', [
      { pn: PUPILS[3], name: NAMES[3]!, statuses: ['G', 'G', 'G'] },
      { pn: PUPILS[0], name: NAMES[0]!, statuses: ['N', 'N', 'N'] },
    ]);
    const amal = s.caseOf(PUPILS[0]);
    expect(amal.transferredTo).toBeNull();
    expect(amal.seenIn).toBe('Betaskolan');
    expect(amal.state).toBe('new');
    expect(s.env.services.cases.events(amal.id).at(-1)).toMatchObject({
      kind: 'seen_elsewhere',
      actorLabel: 'Saknad (automatiskt)',
      text: expect.stringContaining('Finns i Betaskolans fil'),
    });
    // Once per school: the next upload does not repeat it.
    await importSchool(s.env, s.roundId, '22222222', [{ pn: PUPILS[0], name: NAMES[0]!, statuses: ['N', 'N', 'N'] }]);
    expect(s.env.services.cases.events(amal.id).filter((e) => e.kind === 'seen_elsewhere')).toHaveLength(1);
    // A newer file without the pupil: the case no longer says so; the timeline keeps what was.
    await importSchool(s.env, s.roundId, '22222222', [{ pn: PUPILS[3], name: NAMES[3]!, statuses: ['G', 'G', 'G'] }]);
    expect(s.caseOf(PUPILS[0]).seenIn).toBeNull();
    expect(s.env.services.cases.events(amal.id).filter((e) => e.kind === 'seen_elsewhere')).toHaveLength(1);
  });

  it('keeps a protected pupil’s other school off the old school’s view and the timeline', async () => {
    await importSchool(s.env, s.roundId, '22222222', [
      { pn: PUPILS[3], name: NAMES[3]!, statuses: ['G', 'G', 'G'] },
      { pn: PUPILS[2], name: NAMES[2]!, statuses: ['N', 'N', 'N'], protectedId: true },
    ]);
    const c = s.caseOf(PUPILS[2]);
    expect(c.seenIn).toBe('En annan skola i kommunen');
    expect(JSON.stringify(s.env.services.cases.events(c.id))).not.toContain('Betaskolan');
    expect(s.env.services.cases.events(c.id).at(-1)).toMatchObject({
      kind: 'seen_elsewhere',
      text: expect.stringContaining('Finns i en annan skolas fil'),
      details: null,
    });
    const principal = await loginAs(s.env.app, 'rektor@test.invalid');
    expect((await principal.get(`/arenden/${c.id}`)).text).not.toContain('Betaskolan');
    expect(s.env.services.cases.get(s.coordinator, c.id, true).case.seenIn).toBe('Betaskolan');
  });

  it('opens cases for watch-list entries and hand-added pupils, watch-listed first in the queue', () => {
    const principal = s.env.services.auth.actorForEmail('rektor@test.invalid')!;
    s.env.services.watchList.add(principal, s.roundId, '11111111', { personalNumber: PUPILS[1], reasons: ['pupil_worry'] });
    s.env.services.followUps.addManual(principal, s.roundId, '11111111', { personalNumber: PUPILS[4], reason: 'Syster berättade om en resa' });
    const page = s.env.services.cases.queue(admin, {});
    expect(page.total).toBe(5);
    expect(page.cases[0]!.pupil.personalNumber).toBe(PUPILS[1]);
    expect(page.cases[0]!.watchListed).toBe(true);
    expect(page.cases.map((c) => c.severity)).toEqual(['medium', 'high', 'high', 'medium', 'medium']);
    expect(s.caseOf(PUPILS[4]).origin).toBe('manual');
  });

  it('leads from a watch-list entry to its case, where the referral is filed', async () => {
    const principal = s.env.services.auth.actorForEmail('rektor@test.invalid')!;
    const entry = s.env.services.watchList.add(principal, s.roundId, '11111111', {
      personalNumber: PUPILS[1],
      reasons: ['leave_request'],
      leaveFrom: '2026-06-10',
      leaveTo: '2026-08-30',
      leaveDestination: 'Utlandet',
      leaveDecision: 'refused',
    });
    // What the school recorded reaches the draft with dates a social worker reads (issue 15).
    s.env.services.followUps.save(principal, s.roundId, '11111111', entry.pupilId, { abroadCountry: 'Norge', expectedReturn: '2026-09-07', transfer: 'none' });
    s.env.services.followUps.addAttempt(principal, s.roundId, '11111111', entry.pupilId, { method: 'phone', date: '2026-08-20', result: 'Inget svar' });
    const agent = await loginAs(s.env.app, 'rektor@test.invalid');
    const res = await agent.get(`/omgangar/${s.roundId}/bevakning/${entry.pupilId}/arende`);
    expect(res.status).toBe(303);
    const caseId = s.caseOf(PUPILS[1]).id;
    expect(res.headers.location).toBe(`/arenden/${caseId}`);
    const form = await agent.get(`/arenden/${caseId}/orosanmalan`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ledighet 10 juni 2026 – 30 augusti 2026, resmål Utlandet (avslagen).');
    expect(form.text).toContain('väntad återkomst 7 september 2026');
    expect(form.text).toContain('20 augusti 2026 Telefon (skolan): Inget svar');
    expect(form.text).not.toMatch(/2026-0[6-9]-\d\d/);
    const soc = await loginAs(s.env.app, 'soc@test.invalid');
    expect((await soc.get(`/omgangar/${s.roundId}/bevakning/${entry.pupilId}/arende`)).status).toBe(403); // round pages are not theirs
  });
});

describe('the review queue over HTTP', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  afterEach(() => s.env.close());

  it('filters by school, rule and state, assigns in bulk with CSRF, and lists what is due today', async () => {
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const all = await agent.get('/arenden');
    expect(all.status).toBe(200);
    expect(all.text).toContain('3 ärenden');
    expect((await agent.get('/arenden?school=22222222')).text).toContain('1 ärenden');
    expect((await agent.get('/arenden?rule=not-returned&school=11111111')).text).toContain('2 ärenden');
    expect((await agent.get('/arenden?rule=watch-listed')).text).toContain('0 ärenden');
    expect((await agent.get('/arenden?state=closed')).text).toContain('0 ärenden');
    const bad = await agent.get('/arenden?page=abc');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('ogiltigt värde');

    const ids = s.env.services.cases.queue(admin, {}).cases.map((c) => String(c.id));
    expect(
      (
        await agent
          .post('/arenden/tilldela')
          .type('form')
          .send({ ids, assignee: String(s.coordinator.userId) })
      ).status,
    ).toBe(403);
    const assigned = await postForm(agent, '/arenden', '/arenden/tilldela', { ids, assignee: String(s.coordinator.userId) });
    expect(assigned.status).toBe(303);
    expect((await agent.get('/arenden?assignee=me')).text).toContain('3 ärenden');
    expect((await agent.get('/arenden?assignee=none')).text).toContain('0 ärenden');

    s.env.services.cases.setRecheck(s.coordinator, Number(ids[0]), { date: '2026-08-21' });
    s.env.services.cases.setRecheck(s.coordinator, Number(ids[1]), { date: '2026-09-30' });
    expect((await agent.get('/arenden?due=today')).text).toContain('1 ärenden');
    const audit = s.env.services.audit.list(admin, { action: 'case.queue' }, 1);
    expect(audit.total).toBeGreaterThanOrEqual(7);
  });

  it('is for coordinators and admins only', async () => {
    const principal = await loginAs(s.env.app, 'rektor@test.invalid');
    expect((await principal.get('/arenden')).status).toBe(403);
    const soc = await loginAs(s.env.app, 'soc@test.invalid');
    expect((await soc.get('/arenden')).status).toBe(403);
  });
});

describe('case scope', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  afterEach(() => s.env.close());

  it('a principal sees their own school’s case and gets 404 on another school’s', async () => {
    const principal = await loginAs(s.env.app, 'rektor@test.invalid');
    expect((await principal.get(`/arenden/${s.caseOf(PUPILS[0]).id}`)).status).toBe(200);
    const other = s.caseOf(PUPILS[3]).id;
    expect((await principal.get(`/arenden/${other}`)).status).toBe(404);
    expect((await principal.get(`/arenden/${other}/orosanmalan`)).status).toBe(404);
    const denied = s.env.services.audit.list(admin, { action: 'access.denied' }, 1).rows;
    expect(denied.some((r) => r.objectType === 'case' && r.objectId === String(other))).toBe(true);
  });

  it('social services get 404 on cases, on the page and in the API', async () => {
    const soc = await loginAs(s.env.app, 'soc@test.invalid');
    const id = s.caseOf(PUPILS[0]).id;
    expect((await soc.get(`/arenden/${id}`)).status).toBe(404);
    const token = s.env.services.tokens.create(s.env.services.auth.actorForEmail('soc@test.invalid')!, { name: 't' }).token;
    expect((await request(s.env.app).get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
    expect((await request(s.env.app).get('/api/v1/cases').set('Authorization', `Bearer ${token}`)).status).toBe(403);
  });
});

describe('decisions', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  afterEach(() => s.env.close());

  it('closing needs an outcome and a comment; a high-severity case without referral also a reason', async () => {
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const id = s.caseOf(PUPILS[0]).id;
    const page = `/arenden/${id}`;
    expect((await postForm(agent, page, `${page}/atgard`, { action: 'close', outcome: 'returned', comment: 'Tillbaka' })).status).toBe(400);
    // A new case is closed directly: no "Påbörja utredning" first (issue 15).
    const bad = await postForm(agent, page, `${page}/atgard`, { action: 'close', outcome: '', comment: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Välj hur ärendet avslutas.');
    expect(bad.text).toContain('Skriv en kommentar');
    expect(bad.text).toContain('Skriv varför ingen orosanmälan görs.');
    expect(bad.text).toContain('href="#outcome"');
    const ok = await postForm(agent, page, `${page}/atgard`, {
      action: 'close',
      outcome: 'returned',
      comment: 'Kom tillbaka i dag.',
      noReferralReason: 'Eleven var sjuk, styrkt av vården.',
    });
    expect(ok.status).toBe(303);
    const c = s.caseOf(PUPILS[0]);
    expect(c).toMatchObject({ state: 'closed', outcome: 'returned', noReferralReason: 'Eleven var sjuk, styrkt av vården.' });
    const events = s.env.services.cases.events(id).filter((e) => e.kind === 'transition');
    expect(events.map((e) => [e.fromState, e.toState])).toEqual([['new', 'closed']]);
    expect((await postForm(agent, page, `${page}/anteckning`, { text: 'Efteråt' })).status).toBe(400);
  });

  it('with the setting on, a second coordinator must approve closing a high-severity case without referral', async () => {
    s.env.services.referrals.saveRoutine(admin, {
      referralRoutine: 'Ring socialjouren vid akut fara. Anmäl genast.',
      secondApprovalRequired: 'on',
      acknowledgeWorkingDays: '2',
    });
    const id = s.caseOf(PUPILS[0]).id;
    const first = s.coordinator;
    const second = s.env.services.auth.actorForEmail('samordnare2@test.invalid')!;
    s.env.services.cases.transition(first, id, { action: 'start' });
    const r = s.env.services.cases.transition(first, id, {
      action: 'close',
      outcome: 'settled_abroad',
      comment: 'Flyttat till Norge.',
      noReferralReason: 'Styrkt av Skatteverket.',
    });
    expect(r).toEqual({ state: 'investigating', pending: true });
    expect(() => s.env.services.cases.decidePending(first, id, true, '')).toThrow('En annan samordnare');
    expect(() => s.env.services.cases.transition(second, id, { action: 'close', outcome: 'returned', comment: 'x x x' })).toThrow('väntar på granskning');
    s.env.services.cases.decidePending(second, id, true, 'Instämmer.');
    expect(s.caseOf(PUPILS[0])).toMatchObject({ state: 'closed', outcome: 'settled_abroad', pendingApproval: null });
    expect(s.env.services.cases.events(id).map((e) => e.kind)).toEqual(['created', 'transition', 'approval_requested', 'approval_given', 'transition']);
  });

  it('the API takes notes, contacts, re-check dates and transitions as events', async () => {
    const token = s.env.services.tokens.create(s.coordinator, { name: 't' }).token;
    const id = s.caseOf(PUPILS[3]).id;
    const post = (body: object) => request(s.env.app).post(`/api/v1/cases/${id}/events`).set('Authorization', `Bearer ${token}`).send(body);
    expect((await post({ type: 'note', text: 'Ringt mentor.' })).status).toBe(201);
    expect((await post({ type: 'contact', party: 'skatteverket', date: '2026-08-21', result: 'Ingen flyttanmälan.' })).status).toBe(201);
    expect((await post({ type: 'recheck', date: '2026-09-01' })).body).toEqual({ state: 'new' });
    expect((await post({ type: 'transition', action: 'start' })).body).toEqual({ state: 'investigating', pending: false });
    const refused = await post({ type: 'transition', action: 'acknowledge' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    const recheckArray = await post({ type: 'recheck', date: ['2026-09-01'] });
    expect(recheckArray.status).toBe(400);
    expect(recheckArray.body.error.message).toContain('Ange datum för återkontroll');
    const arrayBody = await request(s.env.app).post(`/api/v1/cases/${id}/referral`).set('Authorization', `Bearer ${token}`).send([1, 2]);
    expect(arrayBody.status).toBe(400);
    expect(arrayBody.body.error.message).toBe('Skicka anmälans fält som ett objekt.');
    const badUnit = await request(s.env.app).post(`/api/v1/cases/${id}/referral`).set('Authorization', `Bearer ${token}`).send({ unitId: 'abc' });
    expect(badUnit.body.error.message).toBe('Välj en av kommunens socialtjänstenheter.');
    expect((await post({ type: 'contact', party: 'ufo', date: 'igår', result: '' })).body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'date',
      'party',
      'result',
    ]);
    const got = await request(s.env.app).get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${token}`);
    expect(got.body).toMatchObject({ id, state: 'investigating', recheckDate: '2026-09-01' });
    expect(got.body.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'note', 'contact', 'recheck', 'transition']);
    const list = await request(s.env.app).get('/api/v1/cases?state=investigating').set('Authorization', `Bearer ${token}`);
    expect(list.body.total).toBe(1);
  });
});

describe('referrals, the social services inbox and protected identity', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeEach(async () => {
    smtp = await startSmtp();
    s = await setUp(smtp.port);
  });
  afterEach(async () => {
    s.env.close();
    await smtp.close();
  });
  const mailsTo = (address: string) => smtp.inbox.filter((m) => m.to.includes(address)).map((m) => decodeQuotedPrintable(m.raw));

  it('sends a referral: read-only after, unit told without personal data, social services confirm, coordinator told', async () => {
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const id = s.caseOf(PUPILS[0]).id;
    const form = await agent.get(`/arenden/${id}/orosanmalan?bradska=akut`);
    expect(form.status).toBe(200);
    expect(form.text.indexOf('Akut – gör detta först')).toBeLessThan(form.text.indexOf('name="unitId"'));
    expect(form.text).toContain('utreseförbud');
    expect(form.text).toContain('112');
    expect(form.text).toContain('Har inte varit närvarande');

    const missing = await postForm(agent, `/arenden/${id}/orosanmalan`, `/arenden/${id}/orosanmalan`, { action: 'send', concernSeen: 'Kvar' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Välj vilken socialtjänstenhet');
    expect(missing.text).toContain('Kvar');

    const sent = await postForm(agent, `/arenden/${id}/orosanmalan`, `/arenden/${id}/orosanmalan`, { ...SEND, unitId: String(s.unitId), action: 'send' });
    expect(sent.status).toBe(303);
    const referralId = Number(/\/orosanmalningar\/(\d+)/.exec(sent.headers.location as string)![1]);
    expect(s.caseOf(PUPILS[0]).state).toBe('referred');

    const again = await postForm(agent, `/arenden/${id}`, `/arenden/${id}/orosanmalan`, {
      ...SEND,
      unitId: String(s.unitId),
      concernSeen: 'Ändrat',
      action: 'send',
    });
    expect(again.status).toBe(303);
    expect(s.env.services.referrals.get(admin, referralId).fields.find((f) => f.key === 'concernSeen')!.value).toBe(SEND.concernSeen);
    const token = s.env.services.tokens.create(s.coordinator, { name: 't' }).token;
    const apiAgain = await request(s.env.app)
      .post(`/api/v1/cases/${id}/referral`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...SEND, unitId: s.unitId });
    expect(apiAgain.status).toBe(400);
    expect(apiAgain.body.error.message).toContain('kan inte ändras');

    await waitFor(() => mailsTo('mottagning-norr@test.invalid').length >= 1);
    const notice = mailsTo('mottagning-norr@test.invalid')[0]!;
    expect(notice).toContain(`/orosanmalningar/${referralId}`);
    for (const secret of [...NAMES, PUPILS[0], PUPILS[0].slice(2), 'giftas']) expect(notice).not.toContain(secret);

    const other = await loginAs(s.env.app, 'soc2@test.invalid');
    expect((await other.get(`/orosanmalningar/${referralId}`)).status).toBe(404);
    expect((await other.get('/socialtjanst')).text).toContain('Inga orosanmälningar');

    const soc = await loginAs(s.env.app, 'soc@test.invalid');
    const inbox = await soc.get('/socialtjanst');
    expect(inbox.text).toContain(`/orosanmalningar/${referralId}`);
    const page = await soc.get(`/orosanmalningar/${referralId}`);
    expect(page.text).toContain(NAMES[0]);
    expect(page.text).toContain('En klasskamrat säger');
    const noRef = await soc
      .post(`/orosanmalningar/${referralId}/bekrafta`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), reference: '' });
    expect(noRef.status).toBe(400);
    expect(noRef.text).toContain('Ange ert diarienummer');
    expect((await postForm(soc, `/orosanmalningar/${referralId}`, `/orosanmalningar/${referralId}/bekrafta`, { reference: 'SN 2026/4711' })).status).toBe(303);
    expect(s.caseOf(PUPILS[0]).state).toBe('acknowledged');
    expect(
      s.env.services.audit.list(admin, { action: 'referral.read' }, 1).rows.some((r) => r.actor === 'soc@test.invalid' && r.objectId === String(referralId)),
    ).toBe(true);

    await waitFor(() => mailsTo('samordnare@test.invalid').length >= 1);
    const ack = mailsTo('samordnare@test.invalid')[0]!;
    for (const secret of [...NAMES, PUPILS[0], 'SN 2026/4711']) expect(ack).not.toContain(secret);

    const casePage = await agent.get(`/arenden/${id}`);
    expect(casePage.text).toContain('Mottagen av socialtjänsten');
    expect(casePage.text).toContain('SN 2026/4711');
  });

  it('social services get their unit’s referrals in the API, never drafts or other units', async () => {
    const draft = await s.env.services.referrals.save(s.coordinator, s.caseOf(PUPILS[3]).id, { ...SEND, unitId: s.unitId }, false);
    const sent = await s.env.services.referrals.save(s.coordinator, s.caseOf(PUPILS[0]).id, { ...SEND, unitId: s.unitId }, true);
    const toOther = await s.env.services.referrals.save(s.coordinator, s.caseOf(PUPILS[2]).id, { ...SEND, unitId: s.otherUnit }, true);
    const token = s.env.services.tokens.create(s.env.services.auth.actorForEmail('soc@test.invalid')!, { name: 't' }).token;
    const get = (p: string) => request(s.env.app).get(`/api/v1${p}`).set('Authorization', `Bearer ${token}`);
    expect((await get('/referrals')).body.referrals.map((r: { id: number }) => r.id)).toEqual([sent.id]);
    expect((await get(`/referrals/${draft.id}`)).status).toBe(404);
    expect((await get(`/referrals/${toOther.id}`)).status).toBe(404);
    const ack = await request(s.env.app).post(`/api/v1/referrals/${sent.id}/acknowledge`).set('Authorization', `Bearer ${token}`).send({ reference: 'SN-1' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', reference: 'SN-1' });
    expect(
      (await request(s.env.app).post(`/api/v1/referrals/${sent.id}/acknowledge`).set('Authorization', `Bearer ${token}`).send({ reference: 'SN-2' })).status,
    ).toBe(400);
  });

  it('a coordinator who also has the social services role cannot confirm another unit’s referral', async () => {
    await s.env.services.users.create(
      admin,
      { email: 'dubbel@test.invalid', name: 'Dubbel Roll', roles: ['coordinator', 'social_services'], schoolCodes: [] },
      PASSWORD,
    );
    const both = s.env.services.auth.actorForEmail('dubbel@test.invalid')!;
    const sent = await s.env.services.referrals.save(s.coordinator, s.caseOf(PUPILS[2]).id, { ...SEND, unitId: s.unitId }, true);
    await expect(s.env.services.referrals.acknowledge(both, sent.id, { reference: 'SN-9' })).rejects.toThrow('mottagande socialtjänstenheten');
    expect(s.caseOf(PUPILS[2]).state).toBe('referred');
    expect(s.env.services.referrals.get(both, sent.id, true).revealed).toBe(true); // as coordinator
  });

  it('reminds the unit once when a referral is not confirmed within the working days', async () => {
    await s.env.services.referrals.save(s.coordinator, s.caseOf(PUPILS[0]).id, { ...SEND, unitId: s.unitId }, true);
    await waitFor(() => mailsTo('mottagning-norr@test.invalid').length >= 1);
    s.env.clock.now = new Date('2026-08-25T08:00:00Z'); // Tue: 2 working days after Fri 21 Aug
    expect(await s.env.services.referrals.remindOverdue(admin)).toEqual({ sent: 0, failed: 0 });
    s.env.clock.now = new Date('2026-08-26T08:00:00Z');
    expect(await s.env.services.referrals.remindOverdue(admin)).toEqual({ sent: 1, failed: 0 });
    expect(await s.env.services.referrals.remindOverdue(admin)).toEqual({ sent: 0, failed: 0 });
    await waitFor(() => mailsTo('mottagning-norr@test.invalid').length >= 2);
    const mails = mailsTo('mottagning-norr@test.invalid');
    expect(mails.filter((m) => m.includes('mer än 2 arbetsdagar'))).toHaveLength(1);
    expect(mails.filter((m) => m.includes('har skickats till er enhet'))).toHaveLength(1);
    const soc = s.env.services.auth.actorForEmail('soc@test.invalid')!;
    expect(s.env.services.referrals.inbox(soc)[0]!.overdue).toBe(true);
  });

  it('protected identity is masked in the queue, case page, API, e-mail and PDF until a coordinator reveals it, and each reveal is audited', async () => {
    const name = NAMES[2]!;
    const pn = PUPILS[2];
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const queue = await agent.get('/arenden');
    expect(queue.text).toContain(`${pn.slice(0, 8)}-****`);
    for (const secret of [name, pn]) expect(queue.text).not.toContain(secret);
    const id = s.caseOf(pn).id;
    const page = await agent.get(`/arenden/${id}`);
    for (const secret of [name, pn]) expect(page.text).not.toContain(secret);
    const token = s.env.services.tokens.create(s.coordinator, { name: 't' }).token;
    const api =
      JSON.stringify((await request(s.env.app).get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${token}`)).body) +
      JSON.stringify((await request(s.env.app).get('/api/v1/cases').set('Authorization', `Bearer ${token}`)).body);
    for (const secret of [name, pn, 'Dold']) expect(api).not.toContain(secret);

    const form = await agent.get(`/arenden/${id}/orosanmalan`);
    for (const secret of [name, pn]) expect(form.text).not.toContain(secret);
    const sent = await s.env.services.referrals.save(s.coordinator, id, { ...SEND, unitId: s.unitId }, true);
    const pdf = await agent
      .get(`/orosanmalningar/${sent.id}/pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Orosanmälan');
    expect(text).toContain('Skyddad identitet');
    expect(text).toContain(`${pn.slice(0, 8)}-****`);
    for (const secret of [name, pn]) expect(text).not.toContain(secret);
    await waitFor(() => mailsTo('mottagning-norr@test.invalid').length >= 1);
    for (const m of smtp.inbox) for (const secret of [name, pn, 'Dold']) expect(decodeQuotedPrintable(m.raw)).not.toContain(secret);

    const revealed = await postForm(agent, `/arenden/${id}`, `/arenden/${id}/visa-identitet`, {});
    expect(revealed.status).toBe(200);
    expect(revealed.text).toContain(name);
    expect(revealed.text).toContain(pn);
    const refRevealed = await postForm(agent, `/orosanmalningar/${sent.id}`, `/orosanmalningar/${sent.id}/visa-identitet`, {});
    expect(refRevealed.text).toContain(pn);
    const reveals = s.env.services.audit.list(admin, {}, 1).rows.filter((r) => /reveal_identity/.test(r.action));
    expect(reveals.map((r) => [r.action, r.objectId])).toEqual(
      expect.arrayContaining([
        ['case.reveal_identity', String(id)],
        ['referral.reveal_identity', String(sent.id)],
      ]),
    );

    const principal = await loginAs(s.env.app, 'rektor@test.invalid');
    const cannot = await postForm(principal, `/arenden/${id}`, `/arenden/${id}/visa-identitet`, {});
    expect(cannot.status).toBe(403);
  });
});

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
