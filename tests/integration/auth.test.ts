import request from 'supertest';
import { createApp } from '../../src/app';
import { PASSWORD, csrfFrom, loginAs, passSecondFactor, postForm, readOutbox, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

describe('login, lockout, sessions and CSRF', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = testEnv();
    await seedBasic(env.services);
  });
  afterEach(() => env.close());

  const auditActions = () => env.services.audit.list(env.services.auth.actorForEmail('admin@test.invalid')!, {}, 1, 500).rows.map((r) => r.action);

  async function attempt(agent: ReturnType<typeof request.agent>, email: string, password: string) {
    const page = await agent.get('/login');
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password });
  }

  it('shows a Swedish login page with security headers and no caching', async () => {
    const res = await request(env.app).get('/login');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="sv"');
    expect(res.text).toContain('Logga in');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['admin@test.invalid', '/admin', 'Utbildningskontoret'],
    ['rektor@test.invalid', '/rektor', 'Alfaskolan'],
    ['samordnare@test.invalid', '/samordnare', 'Samordnare'],
    ['soc@test.invalid', '/socialtjanst', 'Socialtjänsten'],
  ])('%s lands on %s', async (email, start, text) => {
    const agent = request.agent(env.app);
    const first = await attempt(agent, email, PASSWORD);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/login/tvafaktor');
    // The half-done login opens nothing but the second-factor page.
    expect((await agent.get(start)).status).toBe(303);
    const res = await passSecondFactor(env.app, agent, email);
    expect(res.headers.location).toBe(start);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const page = await agent.get(start);
    expect(page.status).toBe(200);
    expect(page.text).toContain(text);
  });

  it('rejects a wrong password with a message, keeping the e-mail', async () => {
    const res = await attempt(request.agent(env.app), 'rektor@test.invalid', 'fel-losenord-123');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Fel e-postadress eller lösenord.');
    expect(res.text).toContain('value="rektor@test.invalid"');
    expect(res.text).toContain('href="#email"');
    expect(auditActions()).toContain('login.failed');
  });

  it('gives an unknown e-mail the same answer as a wrong password', async () => {
    const res = await attempt(request.agent(env.app), 'ingen@test.invalid', 'fel-losenord-123');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Fel e-postadress eller lösenord.');
  });

  it('asks for missing fields with status 400', async () => {
    const res = await attempt(request.agent(env.app), '', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Ange din e-postadress.');
    expect(res.text).toContain('Ange ditt lösenord.');
  });

  it('locks the account after 5 failures without saying so, e-mails the holder, audits it, and opens after the lockout', async () => {
    const agent = request.agent(env.app);
    for (let i = 0; i < 5; i++) expect((await attempt(agent, 'rektor@test.invalid', 'fel-losenord-123')).status).toBe(401);
    const right = await attempt(agent, 'rektor@test.invalid', PASSWORD);
    expect(right.status).toBe(401);
    expect(right.text).toContain('Fel e-postadress eller lösenord.');
    expect(right.text).not.toMatch(/låst/i);
    expect(auditActions()).toEqual(expect.arrayContaining(['login.lockout', 'login.refused_locked']));
    await env.services.settle();
    const mail = readOutbox(env).find((m) => m.includes('kontot är låst till'));
    expect(mail).toMatch(/To: rektor@test.invalid/);

    env.clock.advanceMinutes(16);
    expect((await attempt(agent, 'rektor@test.invalid', PASSWORD)).status).toBe(303);
  });

  it('enumeration probe: an unknown address and a known, locked one get the same status and page', async () => {
    const stranger = request.agent(env.app);
    for (let i = 0; i < 5; i++) await attempt(stranger, 'rektor@test.invalid', 'fel-losenord-123');
    expect(
      env.services.users.get(env.services.auth.actorForEmail('admin@test.invalid')!, env.services.auth.actorForEmail('rektor@test.invalid')!.userId!)
        .lockedUntil,
    ).not.toBeNull();
    const normalise = (html: string, email: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'ADDRESS');
    const known = await attempt(stranger, 'rektor@test.invalid', PASSWORD);
    const unknown = await attempt(stranger, 'okand@test.invalid', PASSWORD);
    expect(known.status).toBe(unknown.status);
    expect(normalise(known.text, 'rektor@test.invalid')).toBe(normalise(unknown.text, 'okand@test.invalid'));
  });

  it('lock-out probe: a stranger’s wrong passwords do not keep the holder out of a browser they used before', async () => {
    const holder = await loginAs(env.app, 'rektor@test.invalid');
    const holderCookies = (await holder.get('/rektor')).request.cookies;
    const page = await holder.get('/rektor');
    await holder
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    const stranger = request.agent(env.app);
    for (let i = 0; i < 8; i++) expect((await attempt(stranger, 'rektor@test.invalid', `gissning-nummer-${i}`)).status).toBe(401);
    expect((await attempt(stranger, 'rektor@test.invalid', PASSWORD)).status).toBe(401);
    expect(holderCookies).toContain('saknad.device=');
    const back = await attempt(holder, 'rektor@test.invalid', PASSWORD);
    expect(back.status).toBe(303);
    expect(await anotherBrowserRefused()).toBe(true);

    async function anotherBrowserRefused() {
      return (await attempt(request.agent(env.app), 'rektor@test.invalid', PASSWORD)).status === 401;
    }
  });

  it('slows a guessing client with growing delays, whatever addresses it tries', async () => {
    const agent = request.agent(env.app);
    for (let i = 0; i < 10; i++) await attempt(agent, `person${i}@test.invalid`, 'fel-losenord-123');
    const slowed = await attempt(agent, 'admin@test.invalid', PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.text).toContain('Vänta 2 sekunder');
    env.clock.now = new Date(env.clock.now.getTime() + 2000);
    await attempt(agent, 'person-x@test.invalid', 'fel-losenord-123');
    expect((await attempt(agent, 'admin@test.invalid', PASSWORD)).text).toContain('Vänta 4 sekunder');
    env.clock.now = new Date(env.clock.now.getTime() + 4000);
    expect((await attempt(agent, 'admin@test.invalid', PASSWORD)).status).toBe(303);
  });

  it('shows the admin "Låst till …" and lets them unlock, audited', async () => {
    for (let i = 0; i < 5; i++) await attempt(request.agent(env.app), 'samordnare@test.invalid', 'fel-losenord-123');
    const adminAgent = await loginAs(env.app, 'admin@test.invalid');
    const list = await adminAgent.get('/admin/anvandare');
    expect(list.text).toContain('Låst till 2026-08-18 10:15');
    const id = env.services.auth.actorForEmail('samordnare@test.invalid')!.userId!;
    const res = await postForm(adminAgent, `/admin/anvandare/${id}`, `/admin/anvandare/${id}/las-upp`, {});
    expect(res.status).toBe(303);
    expect((await adminAgent.get('/admin/anvandare')).text).not.toContain('Låst till');
    expect(auditActions()).toContain('user.unlock');
    expect((await attempt(request.agent(env.app), 'samordnare@test.invalid', PASSWORD)).status).toBe(303);
  });

  it('refuses a POST without or with a wrong CSRF token (403)', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const none = await agent.post('/admin/skolor').type('form').send({ code: '33333333', name: 'Gammaskolan', type: 'grundskola' });
    expect(none.status).toBe(403);
    expect(none.text).toContain('Formuläret har gått ut');
    const wrong = await agent
      .post('/admin/skolor')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), code: '33333333', name: 'Gammaskolan', type: 'grundskola' });
    expect(wrong.status).toBe(403);
    const loginWithout = await request(env.app).post('/login').type('form').send({ email: 'admin@test.invalid', password: PASSWORD });
    expect(loginWithout.status).toBe(403);
    expect(env.services.schools.list(env.services.auth.actorForEmail('admin@test.invalid')!)).toHaveLength(2);
  });

  it('forbids a principal the admin pages (403) and sends strangers to the login page', async () => {
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    for (const path of ['/admin', '/admin/skolor', '/admin/anvandare', '/admin/logg', '/samordnare', '/socialtjanst']) {
      const res = await principal.get(path);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Du har inte behörighet');
    }
    const stranger = await request(env.app).get('/admin/skolor');
    expect(stranger.status).toBe(303);
    expect(stranger.headers.location).toBe('/login?next=%2Fadmin%2Fskolor');
  });

  it('keeps sessions in SQLite across a restart, and ends them at logout', async () => {
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    const restarted = createApp(env.services);
    const cookie = (await agent.get('/samordnare')).request.cookies;
    const res = await request(restarted).get('/samordnare').set('Cookie', cookie);
    expect(res.status).toBe(200);

    const page = await agent.get('/samordnare');
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(out.headers.location).toBe('/login?utloggad=1');
    expect((await agent.get('/samordnare')).status).toBe(303);
  });

  it('ends an idle session', async () => {
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    env.clock.advanceMinutes(31);
    const res = await agent.get('/samordnare');
    expect(res.status).toBe(303);
  });

  it('stops a deactivated user at once', async () => {
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    const adminActor = env.services.auth.actorForEmail('admin@test.invalid')!;
    const id = env.services.auth.actorForEmail('samordnare@test.invalid')!.userId!;
    env.services.users.update(adminActor, id, { name: 'Samordnare Testsson', roles: ['coordinator'], schoolCodes: [], active: false });
    expect((await agent.get('/samordnare')).status).toBe(303);
  });

  it('only follows same-site paths after login', async () => {
    const agent = request.agent(env.app);
    const page = await agent.get('/login?next=//evil.example/x');
    expect(page.text).not.toContain('evil.example');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'admin@test.invalid', password: PASSWORD, next: '//evil.example/x' });
    const res = await passSecondFactor(env.app, agent, 'admin@test.invalid');
    expect(res.headers.location).toBe('/admin');
  });
});

describe('login under parallel guessing', () => {
  it('does not let a right password through once the limit is reached in a burst', async () => {
    const env = testEnv();
    await seedBasic(env.services);
    const guesses = Array.from({ length: 12 }, (_, i) => (i === 9 ? PASSWORD : `fel-losenord-${i}`));
    const results = await Promise.all(guesses.map((g) => env.services.auth.login('rektor@test.invalid', g)));
    expect(results[9]).toMatchObject({ ok: false, reason: 'locked' });
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    env.close();
  });

  it('ends the user’s sessions when a new password is set', async () => {
    const env = testEnv();
    await seedBasic(env.services);
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    const id = env.services.auth.actorForEmail('samordnare@test.invalid')!.userId!;
    const link = env.services.users.createPasswordLink(id);
    await env.services.users.setPasswordWithToken(link.split('=')[1]!, 'ett-helt-nytt-losenord', 'ett-helt-nytt-losenord');
    expect((await agent.get('/samordnare')).status).toBe(303);
    env.close();
  });
});
