import request from 'supertest';
import { aRound, anUpload } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { BAD_CHECKSUM, PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24'];

describe('watch list before the break', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-06-10T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().windowDays(5).build(env)).id;
  });
  afterEach(() => env.close());

  it('lets a principal add a pupil of their school with reasons, re-rendering mistakes with 400', async () => {
    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const page = `/omgangar/${roundId}/bevakning`;
    const bad = await postForm(agent, page, page, { schoolCode: '11111111', personalNumber: BAD_CHECKSUM, reasons: 'leave_request', leaveFrom: '2026-06-15' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('fel kontrollsiffra');
    expect(bad.text).toContain('20100101-**** har fel kontrollsiffra'); // the message masks; the field keeps what was typed
    expect(bad.text).toContain('Ange ledighetens sista dag');
    expect(bad.text).toContain('Ange resmålet');
    expect(bad.text).toContain('href="#leaveDecision"');
    const ok = await postForm(agent, page, page, {
      schoolCode: '11111111',
      personalNumber: PUPILS[0],
      firstName: 'Amal',
      lastName: 'Ek',
      reasons: ['sibling_worry', 'leave_request'],
      leaveFrom: '2026-06-15',
      leaveTo: '2026-08-21',
      leaveDestination: 'Okänt land',
      leaveDecision: 'refused',
    });
    expect(ok.status).toBe(303);
    const list = await agent.get(page);
    expect(list.text).toContain('Amal Ek');
    expect(list.text).toContain('Ett syskon har uttryckt oro');
    const again = await postForm(agent, page, page, { schoolCode: '11111111', personalNumber: PUPILS[0], reasons: 'pupil_worry' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('finns redan på skolans bevakningslista');
  });

  it('keeps principals to their own school, in the page and the API; the coordinator sees all', async () => {
    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const page = `/omgangar/${roundId}/bevakning`;
    expect((await postForm(agent, page, page, { schoolCode: '22222222', personalNumber: PUPILS[1], reasons: 'pupil_worry' })).status).toBe(404);
    env.services.watchList.add(admin, roundId, '22222222', {
      personalNumber: PUPILS[1],
      reasons: ['recent_report'],
      protectedIdentity: true,
      firstName: 'Hemlig',
    });
    expect((await agent.get(page)).text).not.toContain(PUPILS[1].slice(0, 8));

    const token = env.services.tokens.create(env.services.auth.actorForEmail('rektor@test.invalid')!, { name: 'api' }).token;
    const post = await request(env.app)
      .post(`/api/v1/rounds/${roundId}/watchlist`)
      .set('Authorization', `Bearer ${token}`)
      .send({ school: '22222222', personalNumber: PUPILS[2], reasons: ['pupil_worry'] });
    expect(post.status).toBe(404);
    const own = await request(env.app)
      .post(`/api/v1/rounds/${roundId}/watchlist`)
      .set('Authorization', `Bearer ${token}`)
      .send({ school: '11111111', personalNumber: PUPILS[2], reasons: ['pupil_worry'] });
    expect(own.status).toBe(201);
    expect((await request(env.app).get(`/api/v1/rounds/${roundId}/watchlist`).set('Authorization', `Bearer ${token}`)).body.entries).toHaveLength(1);

    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    const all = await coordinator.get(page);
    expect(all.text).toContain(`${PUPILS[1].slice(0, 8)}-****`);
    expect(all.text).not.toContain('Hemlig');
    expect(all.text).toContain(PUPILS[2]);
    const denied = env.services.audit.list(admin, { action: 'watchlist.read' }, 1, 50).total;
    expect(denied).toBeGreaterThan(0);
  });

  it('feeds the rules: a watch-listed pupil absent on day one, and a leave that ran over', async () => {
    env.services.watchList.add(admin, roundId, '11111111', { personalNumber: PUPILS[0], reasons: ['pupil_worry'] });
    env.services.watchList.add(admin, roundId, '11111111', {
      personalNumber: PUPILS[1],
      reasons: ['leave_request'],
      leaveFrom: '2026-06-15',
      leaveTo: '2026-08-19',
      leaveDestination: 'Utlandet',
      leaveDecision: 'granted',
    });
    env.clock.now = new Date('2026-08-25T08:00:00Z');
    const rows = [
      ['Personnummer', 'Datum', 'Närvaro'],
      ...DAYS.map((d, i) => [PUPILS[0], d, i === 0 ? 'G' : 'N']),
      ...DAYS.map((d, i) => [PUPILS[1], d, i < 2 ? 'G' : 'O']),
      ...DAYS.map((d) => [PUPILS[2], d, 'N']),
    ];
    await anUpload(roundId, '11111111').file(csv(rows)).send(env);
    const byPn = new Map(env.services.rules.listFlags(admin, roundId).map((f) => [f.pupil.personalNumber, f]));
    expect(byPn.get(PUPILS[0])!.rules.map((r) => r.id)).toEqual(['watch-listed']);
    expect(byPn.get(PUPILS[0])!.severity).toBe('high');
    expect(byPn.get(PUPILS[1])!.rules.map((r) => r.id)).toContain('leave-overrun');
    expect(byPn.has(PUPILS[2])).toBe(false);
  });
});
