import request from 'supertest';
import { startTestIdp, throughIdp, type TestIdp } from '../helpers/oidc-idp';
import { PASSWORD, admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const BASE = 'http://saknad.test';

describe('login through the municipality’s identity provider (oidc-provider on loopback)', () => {
  let idp: TestIdp;
  let env: TestEnv;
  beforeAll(async () => {
    idp = await startTestIdp(BASE, {
      'sam-1': 'samordnare@test.invalid',
      'soc-1': 'soc@test.invalid',
      'x-1': 'okand@test.invalid',
      'unv-1': { email: 'rektor@test.invalid', verified: false },
    });
  }, 30_000);
  afterAll(() => idp.stop());
  beforeEach(async () => {
    env = testEnv({ SAKNAD_BASE_URL: BASE, ...idp.env });
    await seedBasic(env.services);
  });
  afterEach(() => env.close());

  const auditActions = () => env.services.audit.list(admin, {}, 1, 500).rows.map((r) => r.action);
  const relative = (u: URL) => `${u.pathname}${u.search}`;

  /** Saknad → provider (log in there as `login`) → back at Saknad's callback; returns the callback URL. */
  async function toCallback(agent: ReturnType<typeof request.agent>, login: string): Promise<URL> {
    const start = await agent.get('/login/oidc');
    expect(start.status).toBe(303);
    return throughIdp(start.headers.location!, login);
  }

  it('logs a coordinator in with code + PKCE, state and nonce, without Saknad’s TOTP, and out at the provider too', async () => {
    const agent = request.agent(env.app);
    expect((await agent.get('/login')).text).toContain('Logga in med ditt konto i kommunen');
    const start = await agent.get('/login/oidc');
    const auth = new URL(start.headers.location!);
    expect(auth.origin).toBe(idp.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(auth.searchParams.get(p)).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toBe(`${BASE}/login/oidc/callback`);

    const back = await throughIdp(start.headers.location!, 'samordnare@test.invalid');
    expect(back.origin).toBe(BASE);
    const res = await agent.get(relative(back));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/samordnare');
    expect((await agent.get('/samordnare')).status).toBe(200);
    expect(auditActions()).toContain('login.success');

    const page = await agent.get('/samordnare');
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(out.status).toBe(200);
    const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(out.text)![1]!.replaceAll('&amp;', '&');
    const end = new URL(refresh);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/login`);
    expect((await agent.get('/samordnare')).status).toBe(303);
  });

  it('refuses a return with the wrong state', async () => {
    const agent = request.agent(env.app);
    const back = await toCallback(agent, 'samordnare@test.invalid');
    back.searchParams.set('state', 'en-annan-state');
    const res = await agent.get(relative(back));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Inloggningen kunde inte slutföras');
    expect((await agent.get('/samordnare')).status).toBe(303);
    expect(auditActions()).toContain('login.oidc_failed');
  });

  it('refuses a replayed code, in the same browser and in another one', async () => {
    const agent = request.agent(env.app);
    const back = await toCallback(agent, 'samordnare@test.invalid');
    expect((await agent.get(relative(back))).status).toBe(303);

    const again = await agent.get(relative(back));
    expect(again.status).toBe(400);

    // Another browser with a fresh state of its own, handing in the used code.
    const other = request.agent(env.app);
    const start = new URL((await other.get('/login/oidc')).headers.location!);
    back.searchParams.set('state', start.searchParams.get('state')!);
    const replay = await other.get(relative(back));
    expect(replay.status).toBe(400);
    expect((await other.get('/samordnare')).status).toBe(303);
  });

  it('refuses a person without a Saknad account with a clear page, audited', async () => {
    const agent = request.agent(env.app);
    const res = await agent.get(relative(await toCallback(agent, 'okand@test.invalid')));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Du har inget konto i Saknad');
    expect(auditActions()).toContain('login.oidc_unknown');
  });

  it('refuses an e-mail address the provider has not verified, even when it names an account', async () => {
    const agent = request.agent(env.app);
    const res = await agent.get(relative(await toCallback(agent, 'rektor@test.invalid')));
    expect(res.status).toBe(403);
    expect(auditActions()).toContain('login.oidc_unknown');
    expect(auditActions()).not.toContain('login.success');
  });

  it('refuses a deactivated account', async () => {
    const id = env.services.auth.actorForEmail('soc@test.invalid')!.userId!;
    env.services.users.update(admin, id, { name: 'Soc Testsson', roles: ['social_services'], schoolCodes: [], active: false });
    const agent = request.agent(env.app);
    const res = await agent.get(relative(await toCallback(agent, 'soc@test.invalid')));
    expect(res.status).toBe(403);
    expect(res.text).toContain('avstängt');
    expect(auditActions()).toContain('login.oidc_inactive');
  });

  it('lets the admin turn password login off; then only the provider logs in', async () => {
    const agent = request.agent(env.app);
    const before = await agent.get('/login'); // a form opened while passwords still worked
    const adminAgent = await loginAs(env.app, 'admin@test.invalid');
    const saved = await postForm(adminAgent, '/admin/inloggning', '/admin/inloggning', { passwordLoginOff: 'on' });
    expect(saved.status).toBe(303);
    expect(auditActions()).toContain('settings.update');
    expect((await agent.get('/login')).text).not.toContain('name="password"');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(before.text), email: 'rektor@test.invalid', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Inloggning med lösenord är avstängd');
    expect((await agent.get(relative(await toCallback(agent, 'samordnare@test.invalid')))).status).toBe(303);
  });
});

describe('login settings without OIDC', () => {
  it('will not turn password login off when there is no identity provider', async () => {
    const env = testEnv();
    await seedBasic(env.services);
    const adminAgent = await loginAs(env.app, 'admin@test.invalid');
    const res = await postForm(adminAgent, '/admin/inloggning', '/admin/inloggning', { passwordLoginOff: 'on' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('kan bara stängas av');
    expect(env.services.auth.passwordLoginAllowed()).toBe(true);
    expect((await request(env.app).get('/login/oidc')).headers.location).toBe('/login');
    env.close();
  });
});
