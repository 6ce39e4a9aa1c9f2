import ExcelJS from 'exceljs';
import { aRound, anUpload } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * Issue 15: the status CSV mixed UTC ISO times with the local times the pages show. Every
 * export now writes Stockholm local time, "YYYY-MM-DD HH:mm:ss", like the pages.
 */
describe('exports show Europe/Stockholm local time, like the pages', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().windowDays(3).build(env)).id;
    await env.services.rounds.open(admin, roundId);
    // Uploaded 23:40 UTC on the 24th: already 01:40 on 25 August in Stockholm (summer time, +2).
    env.clock.now = new Date('2026-08-24T23:40:00Z');
    await anUpload(roundId, '11111111')
      .onDays(['2026-08-18', '2026-08-19', '2026-08-20'])
      .withPupils(PUPILS.slice(0, 2).map((pn) => ({ pn, name: 'Anna Ek' })))
      .send(env);
    // Confirmed just after the clocks went back: 01:30 UTC on 25 October is 02:30 winter time.
    env.clock.now = new Date('2026-10-25T01:30:00Z');
    env.services.schoolReports.confirm(env.services.auth.actorForEmail('rektor@test.invalid')!, roundId, '11111111', { statement: 'Klart.' });
  });
  afterEach(() => env.close());

  it('status.csv: uploaded and confirmed in local time, no UTC ISO strings', async () => {
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    const csv = (await agent.get(`/omgangar/${roundId}/status.csv`)).text;
    const line = csv.split('\r\n').find((l) => l.startsWith('11111111;'))!;
    expect(line).toContain(';2026-08-25 01:40:00;');
    expect(line).toContain(';2026-10-25 02:30:00;');
    expect(csv).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    // The page shows the same time.
    expect((await agent.get(`/omgangar/${roundId}`)).text).toContain('2026-08-25 01:40:00');
  });

  it('status.xlsx: the same local times as text cells', async () => {
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    const res = await agent
      .get(`/omgangar/${roundId}/status.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
    const row = wb.getWorksheet('Status')!.getRow(2);
    expect([row.getCell(1).value, row.getCell(4).value, row.getCell(8).value]).toEqual(['11111111', '2026-08-25 01:40:00', '2026-10-25 02:30:00']);
  });

  it('logg.csv: each event’s time in local time', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const csv = (await agent.get('/admin/logg.csv')).text;
    expect(csv).toMatch(/\r\n\d+;2026-10-25 02:30:00;rektor@test\.invalid;/);
    expect(csv).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });
});
