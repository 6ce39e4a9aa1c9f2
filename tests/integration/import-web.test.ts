import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { aRound, anUpload } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { BAD_CHECKSUM, PUPILS } from '../helpers/personal-numbers';
import { admin, csrfFrom, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';
import { postStep, showPreview, uploadAndPreview } from '../helpers/web-upload';
import { bootstrap } from '../../src/bootstrap';
import { importRoutes } from '../../src/imports';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
const goodFile = () =>
  csv(
    [
      ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro', 'Skyddad identitet'],
      ...PUPILS.slice(0, 2).flatMap((pn, i) => DAYS.map((d) => [pn, 'Anna', 'Ek', d, 'N', i === 1 ? 'J' : ''])),
    ],
    { encoding: 'cp1252' },
  );

describe('web upload: preview, mapping, confirm (Post/Redirect/Get)', () => {
  let env: TestEnv;
  let roundId: number;
  let principal: Awaited<ReturnType<typeof loginAs>>;
  const base = () => `/omgangar/${roundId}/skolor/11111111/inlasning`;

  beforeEach(async () => {
    env = testEnv({}, { importWorkers: true });
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().build(env)).id;
    principal = await loginAs(env.app, 'rektor@test.invalid');
  });
  afterEach(() => env.close());

  const upload = (file: Buffer, name: string, agent = principal, path = base()) => uploadAndPreview(agent, path, file, name);

  it('previews a good file by GET without storing it, masks protected pupils, then commits and redirects to the school’s page', async () => {
    const { post, page: preview, previewPath } = await upload(goodFile(), 'närvaro.csv');
    expect(post.status).toBe(303);
    expect(previewPath).toMatch(new RegExp(`^${base()}/[A-Za-z0-9_-]{32}$`));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Filen kan läsas in');
    expect(preview.text).toContain('windows-1252');
    expect(preview.text).toContain('2 elever, 6 rader, 6 elevdagar');
    expect(preview.text).toContain(PUPILS[0]);
    expect(preview.text).not.toContain(PUPILS[1]);
    expect(preview.text).toContain(`${PUPILS[1].replace('-', '').slice(0, 8)}-****`); // the same mask as every list
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
    // Reloading the preview reads nothing again and uploads nothing: one waiting file, one row.
    const again = await principal.get(previewPath);
    expect(again.status).toBe(200);
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(1);
    expect(env.db.prepare('SELECT count(*) FROM pending_previews').pluck().get()).toBe(1);

    const done = await postStep(principal, previewPath, 'bekrafta', preview.text);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/omgangar/${roundId}/skolor/11111111`);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(1);
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(0);
    const after = await principal.get(base());
    expect(after.text).toContain('närvaro.csv');
    // The committed preview's page leads on to the school's page; the confirmation cannot be replayed.
    const later = await principal.get(previewPath);
    expect(later.status).toBe(303);
    expect(later.headers.location).toBe(`/omgangar/${roundId}/skolor/11111111`);
    expect((await postStep(principal, previewPath, 'bekrafta', preview.text)).status).toBe(404);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(1);
  });

  it('shows every error of a rejected file and offers no confirmation, only discarding', async () => {
    const bad = csv([
      ['Personnummer', 'Datum', 'Närvaro'],
      [BAD_CHECKSUM, DAYS[0], 'N'],
      [PUPILS[0], DAYS[0], 'Kanske'],
    ]);
    const { page: res, previewPath } = await upload(bad, 'fel.csv');
    expect(res.text).toContain('Filen kan inte läsas in. Inget har sparats.');
    expect(res.text).toContain('fel kontrollsiffra');
    expect(res.text).toContain('Okänd närvarostatus');
    expect(res.text).not.toContain('/bekrafta');
    const gone = await postStep(principal, previewPath, 'avbryt', res.text);
    expect(gone.status).toBe(303);
    expect(gone.headers.location).toBe(base());
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(0);
    const after = await principal.get(previewPath);
    expect(after.status).toBe(404);
    expect(after.text).toContain('Förhandsgranskningen finns inte längre');
  });

  it('lets the user map columns when headers are unknown, and remembers the mapping for the school', async () => {
    const odd = csv([['ID', 'Dag', 'Kod'], ...DAYS.map((d) => [PUPILS[0], d, 'N'])]);
    const { page: first, previewPath } = await upload(odd, 'udda.csv');
    expect(first.text).toContain('Hittar ingen rubrikrad i filen');
    const mapped = await postStep(principal, previewPath, 'kolumner', first.text, { map_personalNumber: 'ID', map_date: 'Dag', map_status: 'Kod' });
    expect(mapped.status).toBe(303);
    expect(mapped.headers.location).toBe(previewPath);
    const shown = await showPreview(principal, previewPath);
    expect(shown.text).toContain('1 elever, 3 rader, 3 elevdagar');
    const done = await postStep(principal, previewPath, 'bekrafta', shown.text);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/omgangar/${roundId}/skolor/11111111`);

    // Next time the same export is read with the saved mapping straight away.
    const next = await upload(odd, 'udda.csv');
    expect(next.page.text).toContain('Filen kan läsas in');
  });

  it("names two columns read as the pupil's personal number, and lets the user choose one", async () => {
    const two = csv([['Personnummer', 'Datum', 'Närvaro', 'Pers.nr'], ...DAYS.map((d) => [PUPILS[0], d, 'N', PUPILS[1]])]);
    const { page: first, previewPath } = await upload(two, 'två.csv');
    expect(first.text).toContain('Kolumnerna ”Personnummer” och ”Pers.nr” läses båda som personnummer.');
    await postStep(principal, previewPath, 'kolumner', first.text, { map_personalNumber: 'Personnummer' });
    const mapped = await showPreview(principal, previewPath);
    expect(mapped.text).toContain('1 elever, 3 rader, 3 elevdagar');
    expect(mapped.text).toContain('Kolumnen ”Pers.nr” används inte.');
  });

  it('refuses an upload without the CSRF token, or with it only in the URL, and writes nothing to disk', async () => {
    const res = await principal.post(base()).attach('file', goodFile(), 'närvaro.csv');
    expect(res.status).toBe(403);
    const page = await principal.get(base());
    const inUrl = await principal.post(`${base()}?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).attach('file', goodFile(), 'närvaro.csv');
    expect(inUrl.status).toBe(403);
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toEqual([]);
  });

  it('takes the token from the X-CSRF-Token header too (the page’s script sends it)', async () => {
    const page = await principal.get(base());
    const res = await principal.post(base()).set('X-CSRF-Token', csrfFrom(page.text)).attach('file', goodFile(), 'närvaro.csv');
    expect(res.status).toBe(303);
  });

  it('asks for a file when none was chosen', async () => {
    const page = await principal.get(base());
    const res = await principal.post(base()).field('_csrf', csrfFrom(page.text)).field('sheet', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Välj en fil att ladda upp.');
    expect(res.text).toContain('href="#file"');
  });

  it('keeps a principal out of another school’s upload page and history', async () => {
    const other = `/omgangar/${roundId}/skolor/22222222/inlasning`;
    expect((await principal.get(other)).status).toBe(404);
    const page = await principal.get(base());
    const res = await principal.post(other).field('_csrf', csrfFrom(page.text)).attach('file', goodFile(), 'a.csv');
    expect(res.status).toBe(404);
    expect(env.services.imports.history(admin, roundId, '22222222')).toHaveLength(0);
    // Refused before the file was read: nothing of it was written to disk.
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toEqual([]);
  });

  it('shows a pending preview only to the user who uploaded it: anyone else gets an audited 404', async () => {
    const { page, previewPath } = await upload(goodFile(), 'närvaro.csv');
    const id = previewPath.split('/').pop()!;
    const denied = () => env.services.audit.list(admin, { action: 'access.denied' }, 1, 50).rows.filter((e) => e.objectType === 'pending_preview');
    const a = await loginAs(env.app, 'admin@test.invalid');
    for (const url of [previewPath, `${previewPath}/status`]) {
      const res = await a.get(url);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('närvaro.csv');
    }
    expect((await postStep(a, previewPath, 'bekrafta', (await a.get(base())).text)).status).toBe(404);
    expect(denied().length).toBe(3);
    expect(denied()[0]).toMatchObject({ objectId: id, outcome: 'denied' });
    // Under another school's code the principal's own id is not found either.
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    expect((await coordinator.get(previewPath)).status).toBe(403);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
    // The owner still sees it.
    expect((await principal.get(previewPath)).text).toContain('Filen kan läsas in');
    expect(page.status).toBe(200);
  });

  it('says clearly that an expired preview is gone, and removes its file', async () => {
    const { previewPath } = await upload(goodFile(), 'närvaro.csv');
    env.clock.advanceMinutes(25 * 60);
    expect(env.services.pendingPreviews.sweep()).toBe(1);
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(0);
    const res = await (await loginAs(env.app, 'rektor@test.invalid')).get(previewPath);
    expect(res.status).toBe(404);
    expect(res.text).toContain(
      'Förhandsgranskningen finns inte längre. Den tas bort när filen har lästs in eller avbrutits, när fem nyare filer väntar, och senast efter ett dygn.',
    );
  });

  it('refuses a preview past its day before the hourly sweep comes by, and removes its file', async () => {
    const { previewPath } = await upload(goodFile(), 'närvaro.csv');
    env.clock.advanceMinutes(24 * 60 + 1);
    const res = await (await loginAs(env.app, 'rektor@test.invalid')).get(previewPath);
    expect(res.status).toBe(404);
    expect(res.text).toContain('Förhandsgranskningen finns inte längre.');
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(0);
  });

  it('keeps a waiting file through a restart of the server, so the preview can still be committed', async () => {
    const { page, previewPath } = await upload(goodFile(), 'närvaro.csv');
    // The server's start sweeps data/tmp (bootstrap with sweepFiles), on the same data folder.
    bootstrap(env.config, env.clock.fn, { sweepFiles: true }).services.close();
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(1);
    const res = await postStep(principal, previewPath, 'bekrafta', page.text);
    expect(res.headers.location).toBe(`/omgangar/${roundId}/skolor/11111111`);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(1);
  });

  it('does not sweep by age a file its preview still has (the hourly sweep of data/tmp)', async () => {
    const { page, previewPath } = await upload(goodFile(), 'närvaro.csv');
    const tmp = path.join(env.dir, 'tmp');
    const [file] = fs.readdirSync(tmp);
    // Written more than a day ago by the file's clock, while its preview (by the app's clock) is young.
    const old = new Date(Date.now() - 25 * 3600_000);
    fs.utimesSync(path.join(tmp, file!), old, old);
    fs.writeFileSync(path.join(tmp, 'left-behind'), 'x');
    fs.utimesSync(path.join(tmp, 'left-behind'), old, old);
    importRoutes(env.services); // sweeps at once, as every hour
    expect(fs.readdirSync(tmp)).toEqual([file]);
    const res = await postStep(principal, previewPath, 'bekrafta', page.text);
    expect(res.headers.location).toBe(`/omgangar/${roundId}/skolor/11111111`);
  });

  it('keeps at most five files waiting per user: a sixth upload removes the oldest preview and its file', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 6; i++) paths.push((await upload(goodFile(), `närvaro-${i}.csv`)).previewPath);
    expect(fs.readdirSync(path.join(env.dir, 'tmp'))).toHaveLength(5);
    expect((await principal.get(paths[0]!)).status).toBe(404);
    for (const p of paths.slice(1)) expect((await principal.get(p)).status).toBe(200);
  });

  it('says a commit that failed unexpectedly may have been stored, and where to look', async () => {
    const { page, previewPath } = await upload(goodFile(), 'närvaro.csv');
    env.db.exec(`CREATE TRIGGER broken BEFORE INSERT ON uploads BEGIN SELECT RAISE(ABORT, 'broken'); END`);
    const res = await postStep(principal, previewPath, 'bekrafta', page.text);
    expect(res.headers.location).toBe(previewPath);
    const shown = await showPreview(principal, previewPath);
    expect(shown.text).toContain('Inläsningen avbröts av ett fel i Saknad. Se historiken om filen hann sparas');
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
  });

  it('answers the status page’s poll with the state as JSON', async () => {
    const { previewPath } = await upload(goodFile(), 'närvaro.csv');
    const res = await principal.get(`${previewPath}/status`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: 'ready', done: true });
  });

  it('never puts the CSRF token in a URL: not in Location headers, form actions or links', async () => {
    const seen: string[] = [];
    const look = (res: request.Response) => {
      if (res.headers.location) seen.push(res.headers.location as string);
      for (const m of res.text.matchAll(/(?:action|href|src)="([^"]*)"/g)) seen.push(m[1]!);
    };
    const { post, page, previewPath } = await upload(goodFile(), 'närvaro.csv');
    look(await principal.get(base()));
    look(post);
    look(page);
    const mapped = await postStep(principal, previewPath, 'kolumner', page.text, {
      map_personalNumber: 'Personnummer',
      map_date: 'Datum',
      map_status: 'Närvaro',
    });
    look(mapped);
    const shown = await showPreview(principal, previewPath);
    look(shown);
    look(await postStep(principal, previewPath, 'bekrafta', shown.text));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((u) => u.includes('_csrf'))).toEqual([]);
    expect(seen).toContain(`${previewPath}/bekrafta`);
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

describe('API upload (on an import worker, as the server runs it)', () => {
  let env: TestEnv;
  let token: string;
  let roundId: number;
  beforeAll(async () => {
    env = testEnv({}, { importWorkers: true });
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
    const env = testEnv({}, { importWorkers: true });
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    const roundId = (await aRound().named('HT2026').open().build(env)).id;
    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const base = `/omgangar/${roundId}/skolor/11111111/inlasning`;
    const { page: preview, previewPath } = await uploadAndPreview(agent, base, goodFile(), 'närvaro.csv');
    expect(preview.text).toContain('/bekrafta');
    env.services.rounds.close(admin, roundId);
    // The page says so at once and offers no confirmation.
    const closed = await agent.get(previewPath);
    expect(closed.text).toContain('Omgången är stängd. Inga filer kan läsas in.');
    expect(closed.text).not.toContain('/bekrafta');
    // A confirmation sent from the page shown before: refused, audited once, nothing stored.
    const before = env.services.audit.list(admin, { action: 'import.rejected' }, 1, 50).total;
    const res = await postStep(agent, previewPath, 'bekrafta', preview.text);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(previewPath);
    const shown = await agent.get(previewPath);
    expect(shown.text).toContain('Omgången är stängd');
    expect(env.services.audit.list(admin, { action: 'import.rejected' }, 1, 50).total).toBe(before + 1);
    expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);
    env.close();
  });
});
