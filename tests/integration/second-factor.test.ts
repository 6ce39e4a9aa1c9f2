import Database from 'better-sqlite3';
import request from 'supertest';
import { PASSWORD, TOTP_SECRET, admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, totpAt, type TestEnv } from '../helpers/test-env';

describe('second factor (TOTP) for password accounts', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = testEnv();
    await seedBasic(env.services);
  });
  afterEach(() => env.close());

  const userId = (email: string) => env.services.auth.actorForEmail(email)!.userId!;
  const auditActions = () => env.services.audit.list(admin, {}, 1, 500).rows.map((r) => r.action);

  async function password(email: string) {
    const agent = request.agent(env.app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password: PASSWORD });
    expect(res.headers.location).toBe('/login/tvafaktor');
    return agent;
  }
  async function code(agent: ReturnType<typeof request.agent>, value: string) {
    const page = await agent.get('/login/tvafaktor');
    return agent
      .post('/login/tvafaktor')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: value });
  }

  it('counts wrong codes per account: logging in again does not buy more guesses, and five in a row hold every code for 15 minutes', async () => {
    const email = 'rektor@test.invalid';
    const first = await password(email);
    for (let i = 0; i < 3; i++) expect((await code(first, '000000')).status).toBe(401);
    // A new half-done login (the password again) must not start the count afresh.
    const second = await password(email);
    for (let i = 0; i < 2; i++) expect((await code(second, '000000')).status).toBe(401);
    // Held: even the right code is refused now, and it is not used up by the refusal.
    expect((await code(second, totpAt(TOTP_SECRET, env.clock.now))).status).toBe(401);
    expect((await second.get('/rektor')).status).toBe(303);
    expect(auditActions()).toContain('second_factor.held');
    env.clock.advanceMinutes(16);
    const third = await password(email);
    expect((await code(third, totpAt(TOTP_SECRET, env.clock.now))).status).toBe(303);
    expect((await third.get('/rektor')).status).toBe(200);
  });

  it('enrols at first login: QR code and secret, a first code, then ten recovery codes stored only hashed', async () => {
    const created = await env.services.users.create(
      admin,
      { email: 'ny@test.invalid', name: 'Ny Rektor', roles: ['principal'], schoolCodes: ['11111111'] },
      PASSWORD,
    );
    const agent = await password('ny@test.invalid');
    const page = await agent.get('/login/tvafaktor');
    expect(page.text).toContain('<svg');
    const secret = /data-secret>([A-Z2-7]+)</.exec(page.text)![1]!;
    expect((await agent.get('/rektor')).status).toBe(303);
    expect((await code(agent, '000000')).status).toBe(401);
    const done = await code(agent, totpAt(secret, env.clock.now));
    expect(done.status).toBe(200);
    const codes = [...done.text.matchAll(/<li><code>([a-z2-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await agent.get('/rektor')).status).toBe(200);
    expect(auditActions()).toContain('second_factor.enrol');

    const db = new Database(env.config.databaseFile, { readonly: true });
    const stored = db.prepare('SELECT code_hash FROM recovery_codes WHERE user_id = ?').pluck().all(created.id) as string[];
    db.close();
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.join(' ')).not.toContain(c);
  });

  it.each([
    ['the current code', 0, 303],
    ['the code of 30 s ago (clock drift)', -30, 303],
    ['the next code (clock drift)', 30, 303],
    ['a code 90 s old', -90, 401],
    ['a code 90 s ahead', 90, 401],
  ])('takes %s: %s s → %s', async (_name, offsetSeconds, status) => {
    const agent = await password('rektor@test.invalid');
    const res = await code(agent, totpAt(TOTP_SECRET, new Date(env.clock.now.getTime() + offsetSeconds * 1000)));
    expect(res.status).toBe(status);
  });

  it('takes a code once: the same code again is refused, the next one works', async () => {
    const now = totpAt(TOTP_SECRET, env.clock.now);
    expect((await code(await password('samordnare@test.invalid'), now)).status).toBe(303);
    const again = await code(await password('samordnare@test.invalid'), now);
    expect(again.status).toBe(401);
    expect(again.text).toContain('Koden stämmer inte eller är redan använd');
    env.clock.now = new Date(env.clock.now.getTime() + 30_000);
    expect((await code(await password('samordnare@test.invalid'), totpAt(TOTP_SECRET, env.clock.now))).status).toBe(303);
  });

  it('takes a recovery code once instead of the app', async () => {
    const id = userId('soc@test.invalid');
    const [first] = env.services.secondFactor.enrolKnownSecret(admin, id, TOTP_SECRET);
    expect((await code(await password('soc@test.invalid'), first!.toUpperCase())).status).toBe(303);
    expect((await code(await password('soc@test.invalid'), first!)).status).toBe(401);
  });

  it('throws the half-done login away after 5 wrong codes and after 10 minutes', async () => {
    const agent = await password('rektor@test.invalid');
    for (let i = 0; i < 4; i++) expect((await code(agent, '123456')).status).toBe(401);
    const fifth = await code(agent, '123456');
    expect(fifth.headers.location).toBe('/login');
    expect((await agent.get('/login/tvafaktor')).headers.location).toBe('/login');

    const slow = await password('rektor@test.invalid');
    const form = await slow.get('/login/tvafaktor');
    env.clock.advanceMinutes(11);
    const late = await slow
      .post('/login/tvafaktor')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), code: totpAt(TOTP_SECRET, env.clock.now) });
    expect(late.headers.location).toBe('/login');
    expect((await slow.get('/rektor')).status).toBe(303);
  });

  it('lets the admin reset a second factor, audited; the user enrols again at the next login', async () => {
    const adminAgent = await loginAs(env.app, 'admin@test.invalid');
    const id = userId('rektor@test.invalid');
    const res = await postForm(adminAgent, `/admin/anvandare/${id}`, `/admin/anvandare/${id}/tvafaktor`, {});
    expect(res.status).toBe(303);
    expect(auditActions()).toContain('second_factor.reset');
    const page = await (await password('rektor@test.invalid')).get('/login/tvafaktor');
    expect(page.text).toContain('Lägg till inloggning med kodapp');
  });

  it('refuses the reset to anyone but an admin', async () => {
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    const id = userId('samordnare@test.invalid');
    const res = await postForm(principal, '/rektor', `/admin/anvandare/${id}/tvafaktor`, {});
    expect(res.status).toBe(403);
    expect(env.services.secondFactor.enrolled(id)).toBe(true);
  });

  // Every role sees personal data today, and an account always has a role, so the setting
  // "also for accounts without a role" has no account to act on yet.
  it.each([['admin'], ['principal'], ['coordinator'], ['social_services']])('requires it for the role %s', async (role) => {
    const u = await env.services.users.create(
      admin,
      { email: 'x@test.invalid', name: 'Xavier Test', roles: [role], schoolCodes: role === 'principal' ? ['11111111'] : [] },
      PASSWORD,
    );
    expect(env.services.secondFactor.required(u.id)).toBe(true);
  });
});
