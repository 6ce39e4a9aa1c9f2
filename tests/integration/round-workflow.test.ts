import ExcelJS from 'exceljs';
import request from 'supertest';
import { runCli } from '../../src/cli/run';
import { aRound, anUpload, aUser } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { startSmtp } from '../helpers/smtp';
import { decodeQuotedPrintable, admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
const PAIR = PUPILS.slice(0, 2).map((pn) => ({ pn, name: 'Anna Ek' }));

describe('round workflow: open, confirm, board, close', () => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let roundId: number;
  beforeEach(async () => {
    smtp = await startSmtp();
    env = testEnv({ SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    env.clock.now = new Date('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    await aUser('rektor2@test.invalid').named('Rektor Två').withRole('principal', '22222222').build(env);
    roundId = (await aRound().windowDays(3).deadline('2026-08-28').build(env)).id;
  });
  afterEach(async () => {
    env.close();
    await smtp.close();
  });
  const upload = (school: string, absentFirst: boolean) =>
    anUpload(roundId, school)
      .onDays(DAYS)
      .withPupils(PAIR)
      .absentFrom(...(absentFirst ? [PUPILS[0]!] : []))
      .send(env);

  it('opens the round from the page and invites each school’s principals by e-mail, with no personal data, once', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const res = await postForm(agent, `/omgangar/${roundId}`, `/omgangar/${roundId}/oppna`, {});
    expect(res.status).toBe(303);
    expect((await agent.get(`/omgangar/${roundId}`)).text).toContain('2 inbjudningar skickades');
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(['rektor2@test.invalid', 'rektor@test.invalid']);
    for (const m of smtp.inbox) {
      const body = decodeQuotedPrintable(m.raw.slice(m.raw.indexOf('\r\n\r\n')));
      expect(body).toContain(`/omgangar/${roundId}`);
      expect(body).not.toMatch(/\d{6,8}-?\d{4}/);
      expect(body).not.toContain('Rektor');
    }
    expect(env.services.rounds.mailLog(admin, roundId).map((e) => e.step)).toEqual(['invitation', 'invitation']);
    await expect(env.services.rounds.open(admin, roundId)).rejects.toThrow('redan öppen');
    expect(smtp.inbox).toHaveLength(2);
  });

  it('lets a principal confirm their school (a nil report when nothing is flagged) and shows it on the board', async () => {
    await env.services.rounds.open(admin, roundId);
    await upload('11111111', true);
    await upload('22222222', false);
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    expect(
      (await postForm(principal, `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/11111111/bekrafta`, { statement: 'Uppföljningen är registrerad.' }))
        .status,
    ).toBe(303);
    // Another school's report: not found, and nothing confirmed.
    const foreign = await postForm(principal, `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/22222222/bekrafta`, { statement: 'Försök.' });
    expect(foreign.status).toBe(404);

    const token = env.services.tokens.create(env.services.auth.actorForEmail('rektor2@test.invalid')!, { name: 'api' }).token;
    const api = await request(env.app)
      .post(`/api/v1/rounds/${roundId}/schools/22222222/confirm`)
      .set('Authorization', `Bearer ${token}`)
      .send({ statement: 'Ingen elev saknas.' });
    expect(api.status).toBe(201);
    expect(api.body).toMatchObject({ nilReport: true, flaggedPupils: 0 });
    const foreignApi = await request(env.app)
      .post(`/api/v1/rounds/${roundId}/schools/11111111/confirm`)
      .set('Authorization', `Bearer ${token}`)
      .send({ statement: 'Försök igen.' });
    expect(foreignApi.status).toBe(404);
    // Both attempts on another school are in the audit log.
    const denied = env.services.audit.list(admin, { action: 'access.denied' }, 1, 50).rows;
    expect(denied.map((d) => [d.actor, d.objectId])).toEqual(
      expect.arrayContaining([
        ['rektor@test.invalid', '22222222'],
        ['rektor2@test.invalid', '11111111'],
      ]),
    );

    const board = env.services.schoolReports.board(admin, roundId);
    expect(board.map((b) => [b.school.code, b.status, b.flaggedPupils])).toEqual([
      ['11111111', 'confirmed', 1],
      ['22222222', 'nil_report', 0],
    ]);
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    const csvRes = await coordinator.get(`/omgangar/${roundId}/status.csv`);
    expect(csvRes.text).toContain('11111111;Alfaskolan;Bekräftad');
    expect(csvRes.text).toContain('Nollrapport');
    expect(csvRes.text).not.toContain(PUPILS[0]);
    const apiBoard = await request(env.app).get(`/api/v1/rounds/${roundId}/schools`).set('Authorization', `Bearer ${token}`);
    expect(apiBoard.status).toBe(403);

    // Filter and Excel export of the board.
    const filtered = await coordinator.get(`/omgangar/${roundId}?status=nil_report`);
    expect(filtered.text).toMatch(/<td>Betaskolan<\/td><td><span class="ds-tag"[^>]*>Nollrapport/);
    expect(filtered.text).not.toMatch(/<td>Alfaskolan<\/td><td><span class="ds-tag"/);
    const xlsxRes = await coordinator
      .get(`/omgangar/${roundId}/status.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsxRes.body as Buffer as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Status')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'skolenhetskod',
      'skola',
      'status',
      'inläst',
      'elever',
      'flaggade',
      'ej lokaliserade',
      'bekräftad',
      'anmärkning',
      'flödet misslyckades',
      'flödets felmeddelande',
    ]);
    expect(sheet.getRow(2).getCell(3).value).toBe('Bekräftad');
    expect(sheet.getRow(3).getCell(3).value).toBe('Nollrapport');
  });

  it('refuses confirmation without an upload or with an empty statement, and marks late schools overdue', async () => {
    await env.services.rounds.open(admin, roundId);
    const principal = env.services.auth.actorForEmail('rektor@test.invalid')!;
    expect(() => env.services.schoolReports.confirm(principal, roundId, '11111111', { statement: 'Klart här.' })).toThrow('Läs in skolans närvaro');
    await upload('11111111', false);
    expect(() => env.services.schoolReports.confirm(principal, roundId, '11111111', { statement: '' })).toThrow('Skriv en kort bekräftelse');
    env.clock.now = new Date('2026-08-31T08:00:00Z');
    expect(env.services.schoolReports.board(admin, roundId).map((b) => b.status)).toEqual(['overdue', 'overdue']);
  });

  it('freezes uploads and reports when the round is closed', async () => {
    await env.services.rounds.open(admin, roundId);
    await upload('11111111', false);
    env.services.rounds.close(admin, roundId);
    const report = await upload('11111111', true);
    expect(report.status).toBe('rejected');
    expect(report.errors[0]!.message).toContain('Omgången är stängd');
    expect(() => env.services.schoolReports.confirm(admin, roundId, '11111111', { statement: 'För sent.' })).toThrow('stängd');
  });

  it('offers round open, close and status on the command line', async () => {
    const cli = async (argv: string[]) => {
      let out = '';
      const code = await runCli([...argv, '--json'], {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir, SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
        stdout: (s) => (out += s),
        stderr: () => {},
        readStdin: async () => '',
      });
      return { code, json: JSON.parse(out) };
    };
    expect(await cli(['round', 'open', '--round', String(roundId)])).toMatchObject({ code: 0, json: { state: 'open', invitations: 2 } });
    expect(await cli(['round', 'status', '--round', String(roundId)])).toMatchObject({
      code: 0,
      json: { round: roundId, schools: [{ status: 'overdue' }, { status: 'overdue' }] },
    }); // the CLI runs on today's date, past the deadline
    expect(await cli(['round', 'close', '--round', String(roundId)])).toMatchObject({ code: 0, json: { state: 'closed' } });
    expect(await cli(['round', 'close', '--round', String(roundId)])).toMatchObject({ code: 1, json: { error: { code: 'validation_failed' } } });
  });

  it('lists rounds through the API, scoped to the caller', async () => {
    const other = await aRound().named('Bara Beta').after('autumn', '2026-11-02').forSchools('22222222').build(env);
    const token = env.services.tokens.create(env.services.auth.actorForEmail('rektor@test.invalid')!, { name: 'api' }).token;
    const list = await request(env.app).get('/api/v1/rounds').set('Authorization', `Bearer ${token}`);
    expect(list.body.rounds.map((r: { id: number }) => r.id)).toEqual([roundId]);
    expect((await request(env.app).get(`/api/v1/rounds/${other.id}`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
    const one = await request(env.app).get(`/api/v1/rounds/${roundId}`).set('Authorization', `Bearer ${token}`);
    expect(one.body).toMatchObject({ id: roundId, schools: ['11111111'], window: DAYS });
  });
});

describe('editing a round', () => {
  it('is possible while the round is a draft, and refused once it is open', async () => {
    const env = testEnv();
    await seedBasic(env.services);
    const roundId = (await aRound().named('HT2026').build(env)).id;
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const form = await agent.get(`/omgangar/${roundId}/andra`);
    expect(form.text).toContain('value="HT2026"');
    const bad = await postForm(agent, `/omgangar/${roundId}/andra`, `/omgangar/${roundId}/andra`, {
      name: 'HT2026 ändrad',
      breakType: 'summer',
      termStart: 'i augusti',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="HT2026 ändrad"');
    const ok = await postForm(agent, `/omgangar/${roundId}/andra`, `/omgangar/${roundId}/andra`, {
      name: 'HT2026 ändrad',
      breakType: 'summer',
      termStart: '2026-08-17',
      schoolCodes: '22222222',
    });
    expect(ok.status).toBe(303);
    expect(env.services.rounds.get(admin, roundId)).toMatchObject({
      name: 'HT2026 ändrad',
      termStart: '2026-08-17',
      schoolIds: [env.services.schools.findByCode('22222222')!.id],
    });
    await env.services.rounds.open(admin, roundId);
    expect(() => env.services.rounds.update(admin, roundId, { name: 'Sent', breakType: 'summer', termStart: '2026-08-17' })).toThrow(
      'Bara en omgång som inte har öppnats',
    );
    env.close();
  });
});
