import request from 'supertest';
import { csrfFrom, loginAs, postForm, readOutbox, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

describe('admin pages: schools, users, audit', () => {
  let env: TestEnv;
  let agent: Awaited<ReturnType<typeof loginAs>>;
  beforeEach(async () => {
    env = testEnv();
    await seedBasic(env.services);
    agent = await loginAs(env.app, 'admin@test.invalid');
  });
  afterEach(() => env.close());

  it('adds a school and lists it', async () => {
    const res = await postForm(agent, '/admin/skolor', '/admin/skolor', { code: '33333333', name: 'Gammaskolan', type: 'gymnasieskola' });
    expect(res.status).toBe(303);
    const list = await agent.get('/admin/skolor');
    expect(list.text).toContain('Gammaskolan');
    expect(list.text).toContain('Skolan är tillagd.');
  });

  it.each([
    [{ code: '1234', name: 'Gammaskolan', type: 'grundskola' }, 'code', 'Skolenhetskoden ska vara åtta siffror'],
    [{ code: '11111111', name: 'Dubblett', type: 'grundskola' }, 'code', 'Det finns redan en skola med skolenhetskod 11111111'],
    [{ code: '33333333', name: '', type: 'grundskola' }, 'name', 'Ange skolans namn.'],
    [{ code: '33333333', name: 'Gammaskolan', type: 'förskola' }, 'type', 'Välj skolform'],
  ])('re-renders %j with 400, input kept and the error linked to %s', async (fields, field, message) => {
    const res = await postForm(agent, '/admin/skolor', '/admin/skolor', fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`href="#${field}"`);
    if (fields.name) expect(res.text).toContain(`value="${fields.name}"`);
    expect((await agent.get('/admin/skolor')).text).not.toContain('Gammaskolan');
  });

  it('edits and deactivates a school', async () => {
    const id = env.services.schools.findByCode('22222222')!.id;
    const res = await postForm(agent, `/admin/skolor/${id}`, `/admin/skolor/${id}`, { name: 'Betaskolan Norra', type: 'grundskola' });
    expect(res.status).toBe(303);
    expect(env.services.schools.findByCode('22222222')).toMatchObject({ name: 'Betaskolan Norra', active: false });
  });

  it('answers 404 for a school id that does not exist', async () => {
    expect((await agent.get('/admin/skolor/999')).status).toBe(404);
    expect((await agent.get('/admin/skolor/abc')).status).toBe(404);
  });

  it('creates a principal for a school, e-mails a link without personal data, and the link sets a password once', async () => {
    const res = await postForm(agent, '/admin/anvandare/ny', '/admin/anvandare', {
      email: 'Ny.Rektor@Test.invalid',
      name: 'Nora Nyrektor',
      roles: 'principal',
      schoolCodes: '22222222',
    });
    expect(res.status).toBe(303);
    const userPath = res.headers.location as string;
    const sent = await postForm(agent, userPath, `${userPath}/lank`, {});
    expect(sent.status).toBe(303);

    const outbox = readOutbox(env);
    expect(outbox).toHaveLength(1);
    const mail = outbox[0]!;
    expect(mail).toContain('To: ny.rektor@test.invalid');
    expect(mail).not.toContain('Nora');
    expect(mail).not.toContain('Nyrektor');
    const link = /\/losenord\?token=[A-Za-z0-9_-]+/.exec(mail)![0];

    const stranger = request.agent(env.app);
    const form = await stranger.get(link);
    expect(form.status).toBe(200);
    const token = link.split('=')[1]!;
    const short = await stranger
      .post('/losenord')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), token, password: 'kort', confirm: 'kort' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('minst 12 tecken');
    const ok = await stranger
      .post('/losenord')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), token, password: 'ett-nytt-fint-losenord', confirm: 'ett-nytt-fint-losenord' });
    expect(ok.status).toBe(303);
    const again = await stranger.get(link);
    expect(again.status).toBe(400);
    expect(again.text).toContain('för gammal eller redan använd');

    const principal = await loginAs(env.app, 'ny.rektor@test.invalid', 'ett-nytt-fint-losenord');
    const start = await principal.get('/rektor');
    expect(start.text).toContain('Betaskolan');
    expect(start.text).not.toContain('Alfaskolan');
  });

  it.each([
    [{ email: 'inte-en-adress', name: 'X Y', roles: 'coordinator' }, 'email', 'Ange en giltig e-postadress'],
    [{ email: 'rektor@test.invalid', name: 'X Y', roles: 'coordinator' }, 'email', 'Det finns redan en användare'],
    [{ email: 'ny@test.invalid', name: 'X Y' }, 'roles', 'Välj minst en roll.'],
    [{ email: 'ny@test.invalid', name: 'X Y', roles: 'principal' }, 'schoolCodes', 'En rektor måste kopplas till minst en skola.'],
  ])('refuses user %j with 400 and an error on %s', async (fields, field, message) => {
    const before = env.services.users.list(env.services.auth.actorForEmail('admin@test.invalid')!).length;
    const res = await postForm(agent, '/admin/anvandare/ny', '/admin/anvandare', fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`href="#${field}"`);
    expect(res.text).toContain('value="X Y"');
    expect(env.services.users.list(env.services.auth.actorForEmail('admin@test.invalid')!)).toHaveLength(before);
  });

  it('audits admin changes and shows, filters and exports the log', async () => {
    await postForm(agent, '/admin/skolor', '/admin/skolor', { code: '33333333', name: 'Gammaskolan', type: 'grundskola' });
    const log = await agent.get('/admin/logg?action=school.create');
    expect(log.status).toBe(200);
    expect(log.text).toContain('school.create');
    expect(log.text).not.toContain('login.success');
    const csv = await agent.get('/admin/logg.csv?action=school');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('tid;användare;händelse');
    expect(csv.text).toContain('school.create');
    const actions = env.services.audit.list(env.services.auth.actorForEmail('admin@test.invalid')!, {}, 1, 500).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['school.create', 'audit.export', 'login.success']));
  });

  it('creates an API token once, and revokes it', async () => {
    const created = await postForm(agent, '/konto/api-nycklar', '/konto/api-nycklar', { name: 'Nattlig import' });
    expect(created.status).toBe(201);
    const token = /id="new-token">(skn_[^<]+)</.exec(created.text)![1]!;
    expect((await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const list = await agent.get('/konto/api-nycklar');
    expect(list.text).not.toContain(token);
    const id = env.services.tokens.list(env.services.auth.actorForEmail('admin@test.invalid')!)[0]!.id;
    await postForm(agent, '/konto/api-nycklar', `/konto/api-nycklar/${id}/aterkalla`, {});
    expect((await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });
});
