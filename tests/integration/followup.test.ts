import { FollowUpRepository } from '../../src/followup/followup-repository';
import { aRound, anUpload } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
const AMAL = { pn: PUPILS[0], name: 'Amal Ek' };
const BO = { pn: PUPILS[1], name: 'Bo Berg' };

describe('school follow-up of flagged pupils', () => {
  let env: TestEnv;
  let roundId: number;
  let pupilId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-21T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
    await anUpload(roundId, '11111111').onDays(DAYS).withPupils([AMAL, BO]).absentFrom(PUPILS[0]).commit(env);
    pupilId = env.services.rules.listFlags(admin, roundId)[0]!.pupil.id;
  });
  afterEach(() => env.close());

  it('records contact attempts and what the school knows, from the flagged pupil’s page', async () => {
    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const page = `/omgangar/${roundId}/skolor/11111111/elever/${pupilId}`;
    const show = await agent.get(page);
    expect(show.status).toBe(200);
    expect(show.text).toContain('Har inte varit närvarande någon av de 3 skoldagarna');
    const bad = await agent
      .post(`${page}/kontakt`)
      .type('form')
      .send({ _csrf: csrfFrom(show.text), method: 'phone', date: '21/8', result: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Ange datum som ÅÅÅÅ-MM-DD.');
    expect((await postForm(agent, page, `${page}/kontakt`, { method: 'phone', date: '2026-08-20', result: 'Inget svar' })).status).toBe(303);
    const saved = await postForm(agent, page, page, {
      guardiansNotContacted: 'on',
      knownReason: 'Resa',
      abroadCountry: 'Okänt',
      informationSource: 'Klasskamrat',
      transfer: 'none',
    });
    expect(saved.status).toBe(303);
    const after = await agent.get(page);
    expect(after.text).toContain('Inget svar');
    expect(after.text).toMatch(/name="guardiansNotContacted" id="guardiansNotContacted" checked/);
    expect(after.text).toContain('value="Klasskamrat"');
  });

  it('keeps other schools out and needs a receiving school for a transfer', async () => {
    const other = await loginAs(env.app, 'rektor@test.invalid');
    expect((await other.get(`/omgangar/${roundId}/skolor/22222222/elever/${pupilId}`)).status).toBe(404);
    await env.services.users.create(
      admin,
      { email: 'r2@test.invalid', name: 'R Två', roles: ['principal'], schoolCodes: ['22222222'] },
      'ett-testlosenord-2026',
    );
    const foreign = await loginAs(env.app, 'r2@test.invalid');
    expect((await foreign.get(`/omgangar/${roundId}/skolor/11111111/elever/${pupilId}`)).status).toBe(404);
    const principal = env.services.auth.actorForEmail('rektor@test.invalid')!;
    expect(() => env.services.followUps.save(principal, roundId, '11111111', pupilId, { transfer: 'municipal_school' })).toThrow('Ange vilken skola');
  });

  it('feeds the rules: leaving the roll abroad without a known school flags left-without-destination', async () => {
    const principal = env.services.auth.actorForEmail('rektor@test.invalid')!;
    const bo = env.services.rules.listFlags(admin, roundId).length;
    expect(bo).toBe(1);
    const alfa = env.services.schools.findByCode('11111111')!.id;
    const boId = new FollowUpRepository(env.db).upsertPupil(alfa, {
      personalNumber: PUPILS[1],
      coordination: false,
      firstName: null,
      lastName: null,
      protectedIdentity: false,
      at: 'x',
    });
    env.services.followUps.save(principal, roundId, '11111111', boId, { transfer: 'abroad' });
    const flagged = env.services.rules.listFlags(admin, roundId).find((f) => f.pupil.personalNumber === PUPILS[1])!;
    expect(flagged.rules.map((r) => r.id)).toEqual(['left-without-destination']);
  });

  it('adds a pupil of concern who is not in the file, masked when protected', async () => {
    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const res = await postForm(agent, `/omgangar/${roundId}/skolor/11111111/elever/ny`, `/omgangar/${roundId}/skolor/11111111/elever/ny`, {
      personalNumber: PUPILS[3],
      firstName: 'Dold',
      protectedIdentity: 'on',
      reason: 'Hanteras på papper',
    });
    expect(res.status).toBe(303);
    const page = await agent.get(res.headers.location as string);
    expect(page.text).toContain(`${PUPILS[3].slice(0, 8)}-****`);
    expect(page.text).not.toContain('Dold');
    expect(page.text).toContain('Hanteras på papper');
  });
});

describe('re-check: pupils still not located', () => {
  it('lists flagged pupils until their school records a move to a named school', async () => {
    const env = testEnv();
    env.clock.now = new Date('2026-09-25T08:00:00Z');
    await seedBasic(env.services);
    const roundId = (await aRound().named('HT2026').windowDays(3).recheck('2026-09-22').open().build(env)).id;
    await anUpload(roundId, '11111111').onDays(DAYS).withPupils([AMAL, BO]).absentFrom(PUPILS[0], PUPILS[1]).commit(env);
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    let page = await coordinator.get(`/omgangar/${roundId}/aterkontroll`);
    expect(page.text).toContain('Återkontrollen gäller från 22 september 2026');
    expect(page.text).toContain('Amal Ek');
    expect(page.text).toContain('Bo Berg');
    const amal = env.services.rules.listFlags(admin, roundId).find((f) => f.pupil.name === 'Amal Ek')!;
    env.services.followUps.save(admin, roundId, '11111111', amal.pupil.id, { transfer: 'other_municipality', receivingSchool: 'Skola i Grannkommunen' });
    page = await coordinator.get(`/omgangar/${roundId}/aterkontroll`);
    expect(page.text).not.toContain('Amal Ek');
    expect(page.text).toContain('Bo Berg');
    expect(env.services.schoolReports.board(admin, roundId)[0]).toMatchObject({ flaggedPupils: 2, notLocated: 1 });
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    expect((await principal.get(`/omgangar/${roundId}/aterkontroll`)).status).toBe(403);
    env.close();
  });
});
