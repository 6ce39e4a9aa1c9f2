/** The admin page of the SS 12000 feed (/admin/flode) and its line on the round's board, through the real app with CSRF on. */
import { admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';
import { startSs12000Server, type Ss12000TestServer, type World } from '../helpers/ss12000-server';

jest.setTimeout(60_000);

const world: World = {
  clientId: 'saknad',
  clientSecret: 'sidans-hemlighet',
  units: [
    { id: 'unit-a', displayName: 'Alfaskolan (SS 12000)', schoolUnitCode: '11111111' },
    { id: 'unit-z', displayName: 'Okänd skolenhet', schoolUnitCode: '77777777' },
  ],
  // Skatteverket's test number (shared/testpersonnummer.txt).
  pupils: [{ id: 'p0', civicNo: '201001012382', unitId: 'unit-a', givenName: 'Elev', familyName: 'Noll', offered: 3000, attended: 3000, valid: 0, invalid: 0 }],
  guardians: [],
};

describe('/admin/flode', () => {
  let env: TestEnv;
  let server: Ss12000TestServer;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = env.services.rounds.create(admin, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18' }).id;
    server = await startSs12000Server(world);
  });
  afterEach(async () => {
    await server.close();
    env.close();
  });

  const settings = () => ({
    baseUrl: server.baseUrl,
    authKind: 'client_credentials',
    tokenUrl: server.tokenUrl,
    clientId: world.clientId,
    clientSecret: world.clientSecret,
    requestsPerSecond: '50',
    enabled: 'on',
  });

  it('bad settings re-render with 400, every error linked to its field, and nothing saved', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const page = await agent.get('/admin/flode');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Inget flöde är inställt ännu');
    const res = await postForm(agent, '/admin/flode', '/admin/flode', { ...settings(), baseUrl: 'ftp://skola.example', clientId: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<a class="ds-link" href="#baseUrl">Ange skolsystemets adress; den ska börja med https://.</a>');
    expect(res.text).toContain('href="#clientId"');
    // The typed secret is not sent back, not even with the errors.
    expect(res.text).not.toContain(world.clientSecret);
    expect(env.services.feeds.settings(admin)).toBeNull();
  });

  it('refuses a user name or password in the addresses (they would show on the page, in the log and the CLI), and says why', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const withLogin = (url: string) => url.replace('://', '://saknad:hemligt-i-adressen@');
    const res = await postForm(agent, '/admin/flode', '/admin/flode', {
      ...settings(),
      baseUrl: withLogin(server.baseUrl),
      tokenUrl: withLogin(server.tokenUrl),
    });
    expect(res.status).toBe(400);
    const message = 'Adressen får inte innehålla användarnamn eller lösenord';
    expect(res.text).toContain(`<a class="ds-link" href="#baseUrl">${message}`);
    expect(res.text).toContain(`<a class="ds-link" href="#tokenUrl">${message}`);
    expect(env.services.feeds.settings(admin)).toBeNull();
    expect(JSON.stringify(env.services.audit.list(admin, { action: 'feed.' }, 1, 50).rows)).not.toContain('hemligt-i-adressen');
  });

  it('saves the feed, never shows the secret, tests it against the school system and turns it on for a round', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const saved = await postForm(agent, '/admin/flode', '/admin/flode', settings());
    expect(saved.status).toBe(303);
    const page = await agent.get('/admin/flode');
    expect(page.text).toContain('En hemlighet är sparad. Den visas aldrig');
    expect(page.text).not.toContain(world.clientSecret);

    const test = await postForm(agent, '/admin/flode', '/admin/flode/test', {});
    expect(test.status).toBe(200);
    expect(test.text).toContain('Skolsystemet svarade: 2 skolenheter, 1 kopplade till skolor i Saknad.');
    expect(test.text).toContain('Betaskolan (22222222)'); // a school no unit maps to
    expect(test.text).toContain('Ingen skola med koden');

    const on = await postForm(agent, '/admin/flode', `/admin/flode/omgangar/${roundId}`, { enabled: 'on' });
    expect(on.status).toBe(303);
    expect(env.services.feeds.rounds(admin).find((r) => r.round.id === roundId)?.enabled).toBe(true);
    const ran = await postForm(agent, '/admin/flode', `/admin/flode/omgangar/${roundId}/hamta`, {});
    expect(ran.status).toBe(303);
    expect((await agent.get('/admin/flode')).text).toContain('Hämtningen är klar: 1 skola inläst, 0 misslyckades.');
    expect(env.services.imports.latestUpload(admin, roundId, '11111111')).toMatchObject({ uploadedByLabel: 'SS 12000' });
  });

  it('a failed fetch shows on the round board for the coordinator, in Stockholm time', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    await postForm(agent, '/admin/flode', '/admin/flode', settings());
    await postForm(agent, '/admin/flode', '/admin/flode/test', {});
    await postForm(agent, '/admin/flode', `/admin/flode/omgangar/${roundId}`, { enabled: 'on' });
    server.failures.tokenRefused = true;
    await postForm(agent, '/admin/flode', `/admin/flode/omgangar/${roundId}/hamta`, {});
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    const board = await coordinator.get(`/omgangar/${roundId}`);
    expect(board.status).toBe(200);
    // 08:00 UTC is 10:00 in Stockholm in September (the clock moved on for the logins' codes).
    expect(board.text).toMatch(/Flödet misslyckades 15 sep 10:0\d: Tokentjänsten .* svarade 401/);
  });

  it('refuses a form without the CSRF token, and every role but admin', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const res = await agent.post('/admin/flode').type('form').send(settings());
    expect(res.status).toBe(403);
    expect(env.services.feeds.settings(admin)).toBeNull();
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    expect((await coordinator.get('/admin/flode')).status).toBe(403);
    const page = await coordinator.get('/samordnare');
    const denied = await coordinator
      .post('/admin/flode')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...settings() });
    expect(denied.status).toBe(403);
  });
});
