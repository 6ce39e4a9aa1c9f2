import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { aRound, anUpload } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { BAD_CHECKSUM, PUPILS } from '../helpers/personal-numbers';
import { admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
const goodFile = () =>
  csv(
    [
      ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro', 'Skyddad identitet'],
      ...PUPILS.slice(0, 2).flatMap((pn, i) => DAYS.map((d) => [pn, 'Anna', 'Ek', d, 'N', i === 1 ? 'J' : ''])),
    ],
    { encoding: 'cp1252' },
  );

describe('web upload: preview, mapping, confirm', () => {
  let env: TestEnv;
  let roundId: number;
  let principal: Awaited<ReturnType<typeof loginAs>>;
  const base = () => `/omgangar/${roundId}/skolor/11111111/inlasning`;

  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().build(env)).id;
    principal = await loginAs(env.app, 'rektor@test.invalid');
  });
  afterEach(() => env.close());

  async function upload(file: Buffer, name: string, agent = principal, path = base()) {
    const page = await agent.get(path);
    return agent.post(`${path}?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).attach('file', file, name);
  }

  it('previews a good file without storing it, masks protected pupils, then commits on confirmation', async () => {
    const preview = await upload(goodFile(), 'närvaro.csv');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Filen kan läsas in');
    expect(preview.text).toContain('windows-1252');
    expect(preview.text).toContain('2 elever, 6 rader, 6 elevdagar');
    expect(preview.text).toContain(PUPILS[0]);
    expect(preview.text).not.toContain(PUPILS[1]);
    expect(preview.text).toContain(`${PUPILS[1].replace('-', '').slice(0, 8)}-****`); // the same mask as every list
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);

    const key = /name="pendingKey" value="([^"]+)"/.exec(preview.text)![1]!;
    const done = await principal
      .post(`${base()}/bekrafta`)
      .type('form')
      .send({ _csrf: csrfFrom(preview.text), pendingKey: key });
    expect(done.status).toBe(303);
    const after = await principal.get(base());
    expect(after.text).toContain('Filen är inläst: 2 elever, 6 rader, 6 elevdagar.');
    expect(after.text).toContain('närvaro.csv');
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(1);
    // The confirmation cannot be replayed.
    const again = await principal
      .post(`${base()}/bekrafta`)
      .type('form')
      .send({ _csrf: csrfFrom(preview.text), pendingKey: key });
    expect(again.status).toBe(404);
  });

  it('shows every error of a rejected file with status 400 and offers no confirmation', async () => {
    const bad = csv([
      ['Personnummer', 'Datum', 'Närvaro'],
      [BAD_CHECKSUM, DAYS[0], 'N'],
      [PUPILS[0], DAYS[0], 'Kanske'],
    ]);
    const res = await upload(bad, 'fel.csv');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Filen kan inte läsas in. Inget har sparats.');
    expect(res.text).toContain('fel kontrollsiffra');
    expect(res.text).toContain('Okänd närvarostatus');
    expect(res.text).not.toContain('/bekrafta');
  });

  it('lets the user map columns when headers are unknown, and remembers the mapping for the school', async () => {
    const odd = csv([['ID', 'Dag', 'Kod'], ...DAYS.map((d) => [PUPILS[0], d, 'N'])]);
    const first = await upload(odd, 'udda.csv');
    expect(first.status).toBe(400);
    expect(first.text).toContain('Hittar ingen rubrikrad i filen');
    const key = /name="pendingKey" value="([^"]+)"/.exec(first.text)![1]!;
    const mapped = await principal
      .post(`${base()}/kolumner`)
      .type('form')
      .send({ _csrf: csrfFrom(first.text), pendingKey: key, map_personalNumber: 'ID', map_date: 'Dag', map_status: 'Kod' });
    expect(mapped.status).toBe(200);
    expect(mapped.text).toContain('1 elever, 3 rader, 3 elevdagar');
    const done = await principal
      .post(`${base()}/bekrafta`)
      .type('form')
      .send({ _csrf: csrfFrom(mapped.text), pendingKey: key });
    expect(done.status).toBe(303);

    // Next time the same export is read with the saved mapping straight away.
    const next = await upload(odd, 'udda.csv');
    expect(next.status).toBe(200);
    expect(next.text).toContain('Filen kan läsas in');
  });

  it("names two columns read as the pupil's personal number, and lets the user choose one", async () => {
    const two = csv([['Personnummer', 'Datum', 'Närvaro', 'Pers.nr'], ...DAYS.map((d) => [PUPILS[0], d, 'N', PUPILS[1]])]);
    const first = await upload(two, 'två.csv');
    expect(first.status).toBe(400);
    expect(first.text).toContain('Kolumnerna ”Personnummer” och ”Pers.nr” läses båda som personnummer.');
    const key = /name="pendingKey" value="([^"]+)"/.exec(first.text)![1]!;
    const mapped = await principal
      .post(`${base()}/kolumner`)
      .type('form')
      .send({ _csrf: csrfFrom(first.text), pendingKey: key, map_personalNumber: 'Personnummer' });
    expect(mapped.status).toBe(200);
    expect(mapped.text).toContain('1 elever, 3 rader, 3 elevdagar');
    expect(mapped.text).toContain('Kolumnen ”Pers.nr” används inte.');
  });

  it('refuses an upload without the CSRF token', async () => {
    const res = await principal.post(base()).attach('file', goodFile(), 'närvaro.csv');
    expect(res.status).toBe(403);
  });

  it('asks for a file when none was chosen', async () => {
    const page = await principal.get(base());
    const res = await principal.post(`${base()}?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).field('sheet', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Välj en fil att ladda upp.');
    expect(res.text).toContain('href="#file"');
  });

  it('keeps a principal out of another school’s upload page and history', async () => {
    const other = `/omgangar/${roundId}/skolor/22222222/inlasning`;
    expect((await principal.get(other)).status).toBe(404);
    const page = await principal.get(base());
    const res = await principal.post(`${other}?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).attach('file', goodFile(), 'a.csv');
    expect(res.status).toBe(404);
    expect(env.services.imports.history(admin, roundId, '22222222')).toHaveLength(0);
    // Refused before the file was read: nothing of it was written to disk.
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toEqual([]);
  });

  it('shows the round page with the school’s status; coordinators see but cannot upload', async () => {
    await anUpload(roundId, '11111111').file(goodFile()).named('a.csv').commit(env);
    const page = await principal.get(`/omgangar/${roundId}`);
    expect(page.text).toContain('Alfaskolan');
    expect(page.text).not.toContain('Betaskolan');
    expect(page.text).toContain('2 elever');
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    const cpage = await coordinator.get(`/omgangar/${roundId}`);
    expect(cpage.text).toContain('Betaskolan');
    expect(cpage.text).not.toContain('/inlasning');
    expect((await coordinator.get(base())).status).toBe(403);
  });

  it('lets the admin create a round, re-rendering errors with 400', async () => {
    const a = await loginAs(env.app, 'admin@test.invalid');
    const bad = await postForm(a, '/omgangar/ny', '/omgangar', {
      name: 'VT2027 efter jullovet',
      breakType: 'christmas',
      termStart: '2027-02-30',
      deadline: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Ange terminsstart som ett datum');
    expect(bad.text).toContain('value="VT2027 efter jullovet"');
    const ok = await postForm(a, '/omgangar/ny', '/omgangar', {
      name: 'VT2027 efter jullovet',
      breakType: 'christmas',
      termStart: '2027-01-11',
      deadline: '2027-01-22',
    });
    expect(ok.status).toBe(303);
    const round = await a.get(ok.headers.location as string);
    expect(round.text).toContain('5 skoldagar, 2027-01-11 – 2027-01-15');
  });
});

describe('API upload', () => {
  let env: TestEnv;
  let token: string;
  let roundId: number;
  beforeAll(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026').build(env)).id;
    token = env.services.tokens.create(env.services.auth.actorForEmail('rektor@test.invalid')!, { name: 'import' }).token;
  });
  afterAll(() => env.close());

  const post = (path: string, file?: Buffer, auth = `Bearer ${token}`) => {
    const req = request(env.app).post(path).set('Authorization', auth);
    return file ? req.attach('file', file, 'närvaro.csv') : req;
  };

  it('commits a good file and answers 201 with the report', async () => {
    const res = await post(`/api/v1/rounds/${roundId}/schools/11111111/uploads`, goodFile());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'committed', pupils: 2, rows: 6, days: 6, round: roundId, school: '11111111' });
    expect(JSON.stringify(res.body)).not.toContain(PUPILS[0]);
  });

  it('answers 422 with every error for a bad file', async () => {
    const res = await post(
      `/api/v1/rounds/${roundId}/schools/11111111/uploads`,
      csv([
        ['Personnummer', 'Datum', 'Närvaro'],
        [BAD_CHECKSUM, DAYS[0], 'N'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 'rejected', errors: [{ row: 2, column: 'Personnummer' }] });
  });

  it.each([
    ['another school', `/schools/22222222/uploads`, 404],
    ['an unknown round', `/schools/11111111/uploads`, 404],
  ])('scopes to the token’s schools: %s → %s', async (what, suffix, status) => {
    const round = what === 'an unknown round' ? 999 : roundId;
    const res = await post(`/api/v1/rounds/${round}${suffix}`, goodFile());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe('not_found');
  });

  it('needs a token and a file', async () => {
    expect((await post(`/api/v1/rounds/${roundId}/schools/11111111/uploads`, goodFile(), 'Bearer nope')).status).toBe(401);
    const none = await post(`/api/v1/rounds/${roundId}/schools/11111111/uploads`);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('file_missing');
  });
});

describe('web upload: the round closes between preview and confirmation', () => {
  it('shows why nothing was stored, once', async () => {
    const env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    const roundId = (await aRound().named('HT2026').open().build(env)).id;
    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const path = `/omgangar/${roundId}/skolor/11111111/inlasning`;
    const page = await agent.get(path);
    const preview = await agent.post(`${path}?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).attach('file', goodFile(), 'närvaro.csv');
    env.services.rounds.close(admin, roundId);
    const key = /name="pendingKey" value="([^"]+)"/.exec(preview.text)![1]!;
    const before = env.services.audit.list(admin, { action: 'import.rejected' }, 1, 50).total;
    const res = await agent
      .post(`${path}/bekrafta`)
      .type('form')
      .send({ _csrf: csrfFrom(preview.text), pendingKey: key });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Omgången är stängd');
    expect(env.services.audit.list(admin, { action: 'import.rejected' }, 1, 50).total).toBe(before + 1);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
    env.close();
  });
});
