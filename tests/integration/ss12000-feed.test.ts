/**
 * The SS 12000 feed end to end against the project's own test server: feed → flags →
 * case for three schools, compared with uploading the same data as minutes summaries;
 * and every failure mode leaves the round as it was, with a Swedish message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../../src/bootstrap';
import { runCli } from '../../src/cli/run';
import ExcelJS from 'exceljs';
import { aRound, aUser } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { admin, loginAs, testEnv, type TestEnv } from '../helpers/test-env';
import { startSs12000Server, type Ss12000TestServer, type World, type WorldPupil } from '../helpers/ss12000-server';

jest.setTimeout(60_000);

// Skatteverket's test numbers (shared/testpersonnummer.txt), as SS 12000 sends them: 12 digits.
const N = {
  p0: '201001012382',
  p1: '201002182390',
  p2: '201004082382',
  p3: '201005262397',
  p4: '201007142381',
  p5: '201008312397',
  p6: '201010192381',
  p7: '201012062392',
  p8: '201101242392',
  p9: '201103142384',
  q0: '201201012380',
  q1: '201201192398',
  q2: '201202072383',
  g0: '198001022386',
  g1: '198001272395',
  g2: '197501079292',
  q3: '201203012388',
};

const FULL = 3000; // ten school days of 300 minutes
const pupil = (id: string, civicNo: string | null, unitId: string, minutes: Partial<WorldPupil> = {}): WorldPupil => ({
  id,
  civicNo,
  unitId,
  givenName: 'Elev',
  familyName: id.toUpperCase(),
  offered: FULL,
  attended: FULL,
  valid: 0,
  invalid: 0,
  ...minutes,
});

/** Three schools, a protected pupil, siblings in two schools, and an unmatched unit. */
function aWorld(): World {
  return {
    clientId: 'saknad',
    clientSecret: 'hemligt-test',
    units: [
      { id: 'unit-a', displayName: 'Alfaskolan', schoolUnitCode: '11111111' },
      { id: 'unit-b', displayName: 'Betaskolan', schoolUnitCode: '22222222' },
      { id: 'unit-c', displayName: 'Gammaskolan', schoolUnitCode: '33333333' },
      { id: 'unit-x', displayName: 'Friskolan utanför', schoolUnitCode: '99999999' },
    ],
    pupils: [
      pupil('p0', N.p0, 'unit-a'),
      pupil('p1', N.p1, 'unit-a', { attended: 0, invalid: FULL, guardianIds: ['g0'] }),
      pupil('p2', N.p2, 'unit-a', { attended: 0, valid: FULL }),
      pupil('p3', N.p3, 'unit-a', { protectedIdentity: true }),
      pupil('p4', N.p4, 'unit-b', { attended: 0, guardianIds: ['g0'] }),
      pupil('p5', N.p5, 'unit-b', { attended: 1500, invalid: 1500 }),
      pupil('p6', N.p6, 'unit-b'),
      pupil('p7', N.p7, 'unit-b', { attended: 2400, valid: 600 }),
      pupil('p8', N.p8, 'unit-c'),
      pupil('p9', N.p9, 'unit-c', { attended: 0, invalid: FULL }),
      pupil('q0', N.q0, 'unit-c'),
      pupil('q1', N.q1, 'unit-c', { guardianIds: ['g1'] }),
      pupil('q2', N.q2, 'unit-c', { attended: 2700, invalid: 300 }),
    ],
    guardians: [
      { id: 'g0', civicNo: N.g0, givenName: 'Vårdnadshavare', familyName: 'Noll' },
      { id: 'g1', civicNo: N.g1, givenName: 'Vårdnadshavare', familyName: 'Ett' },
    ],
  };
}

const CODES: Record<string, string> = { 'unit-a': '11111111', 'unit-b': '22222222', 'unit-c': '33333333' };

/** The minutes summary the school system would export for one unit: what a principal uploads. */
function summaryFile(world: World, unitId: string): Buffer {
  const guardian = (id: string | undefined) => world.guardians.find((g) => g.id === id)?.civicNo ?? '';
  return csv([
    [
      'Personnummer',
      'Förnamn',
      'Efternamn',
      'Schemalagd tid (min)',
      'Närvarande tid (min)',
      'Giltig frånvaro (min)',
      'Ogiltig frånvaro (min)',
      'Skyddad identitet',
      'Vårdnadshavare',
    ],
    ...world.pupils
      .filter((p) => p.unitId === unitId)
      .map((p) => [
        p.civicNo,
        p.givenName,
        p.familyName,
        p.offered,
        p.attended,
        p.valid,
        p.invalid,
        p.protectedIdentity ? 'Ja' : '',
        guardian(p.guardianIds?.[0]),
      ]),
  ]);
}

/** A fresh installation with the three schools, the round open and the clock after its window. */
async function roundEnv(): Promise<{ env: TestEnv; roundId: number }> {
  const env = testEnv();
  env.clock.now = new Date('2026-09-15T08:00:00Z');
  const round = await aRound().withSchools(3).open().build(env);
  return { env, roundId: round.id };
}

async function configureFeed(env: TestEnv, server: Ss12000TestServer, world: World, roundId: number): Promise<void> {
  env.services.feeds.save(admin, {
    baseUrl: server.baseUrl,
    authKind: 'client_credentials',
    tokenUrl: server.tokenUrl,
    clientId: world.clientId,
    clientSecret: world.clientSecret,
    requestsPerSecond: '100',
    enabled: true,
  });
  const test = await env.services.feeds.test(admin);
  if (!test.ok) throw new Error(test.message);
  env.services.feeds.setRound(admin, roundId, true);
}

/** "school:personal number:rules" for every flagged pupil, sorted. */
function flagSet(env: TestEnv, roundId: number): string[] {
  return env.services.rules
    .listFlags(admin, roundId)
    .map(
      (f) =>
        `${f.school.code}:${f.pupil.personalNumber}:${f.rules
          .map((r) => r.id)
          .sort()
          .join(',')}`,
    )
    .sort();
}

/** What the round holds: each school's current upload, the roster and the flags, to show a failure changed nothing. */
function roundState(env: TestEnv, roundId: number, schoolCode?: string) {
  return {
    uploads: env.db
      .prepare(
        'SELECT s.code, u.id FROM uploads u JOIN schools s ON s.id = u.school_id WHERE u.round_id = ? AND u.superseded_by IS NULL AND s.code LIKE ? ORDER BY 1',
      )
      .all(roundId, schoolCode ?? '%'),
    roster: env.db.prepare('SELECT school_id, pupil_id FROM roster WHERE round_id = ? ORDER BY 1, 2').all(roundId),
    flags: flagSet(env, roundId),
  };
}

describe('SS 12000 feed against the test server', () => {
  let server: Ss12000TestServer;
  let world: World;
  const envs: TestEnv[] = [];
  beforeEach(async () => {
    world = aWorld();
    server = await startSs12000Server(world);
  });
  afterEach(async () => {
    await server.close();
    for (const e of envs.splice(0)) e.close();
  });

  it('tests the feed: matches school units by code and lists what does not match', async () => {
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await configureFeed(env, server, world, roundId);
    const test = await env.services.feeds.test(admin);
    expect(test.ok && test.units.map((u) => [u.schoolUnitId, u.school?.code ?? null])).toEqual([
      ['unit-a', '11111111'],
      ['unit-b', '22222222'],
      ['unit-c', '33333333'],
      ['unit-x', null],
    ]);
    expect(env.services.feeds.units(admin).map((u) => u.school?.code)).toEqual(['11111111', '22222222', '33333333']);
    // The secret is stored but never shown back.
    expect(env.services.feeds.settings(admin)).toMatchObject({ hasSecret: true });
    expect(JSON.stringify(env.services.feeds.settings(admin))).not.toContain(world.clientSecret);
  });

  it('fills a round for three schools and flags the same pupils as uploading the equivalent minutes summaries; cases follow', async () => {
    const fed = await roundEnv();
    const uploaded = await roundEnv();
    envs.push(fed.env, uploaded.env);

    await configureFeed(fed.env, server, world, fed.roundId);
    const run = await fed.env.services.feeds.run(admin, fed.roundId);
    expect(run.schools.map((s) => [s.school.code, s.status, s.pupils])).toEqual([
      ['11111111', 'ok', 4],
      ['22222222', 'ok', 4],
      ['33333333', 'ok', 5],
    ]);
    // Pages of two rows: every list was fetched page by page.
    expect(server.requests.some((r) => r.includes('pageToken='))).toBe(true);

    for (const unitId of ['unit-a', 'unit-b', 'unit-c']) {
      const file = path.join(uploaded.env.dir, `${unitId}.csv`);
      fs.writeFileSync(file, summaryFile(world, unitId));
      const report = await uploaded.env.services.imports.importFile(admin, {
        roundId: uploaded.roundId,
        schoolCode: CODES[unitId]!,
        filePath: file,
        fileName: 'närvaro.csv',
      });
      expect(report.status).toBe('committed');
    }

    const flags = flagSet(fed.env, fed.roundId);
    expect(flags.length).toBeGreaterThanOrEqual(4);
    expect(flags).toEqual(flagSet(uploaded.env, uploaded.roundId));
    // The flagged pupils are those the world made absent (the protected pupil is kept out).
    const flaggedNumbers = new Set(flags.map((f) => f.split(':')[1]!.replace('-', '')));
    for (const pn of [N.p1, N.p9]) expect(flaggedNumbers).toContain(pn);
    for (const pn of [N.p0, N.p6, N.p8, N.p3]) expect(flaggedNumbers).not.toContain(pn);

    const cases = (e: TestEnv, r: number) => e.db.prepare('SELECT count(*) FROM cases WHERE round_id = ?').pluck().get(r) as number;
    expect(cases(fed.env, fed.roundId)).toBeGreaterThan(0);
    expect(cases(fed.env, fed.roundId)).toBe(cases(uploaded.env, uploaded.roundId));

    // Recorded as uploads with the source "SS 12000" in each school's history.
    const history = fed.env.services.imports.history(admin, fed.roundId, '11111111');
    expect(history[0]).toMatchObject({ uploadedByLabel: 'SS 12000', uploadedBy: null, shape: 'summary' });
    // Siblings link through the guardian SS 12000 gave for both.
    const guardians = fed.env.db
      .prepare("SELECT count(DISTINCT pupil_id) FROM school_guardians WHERE guardian_personal_number = '19800102-2386'")
      .pluck()
      .get() as number;
    expect(guardians).toBe(2);
  });

  it('`feed run --round ID --json` prints one document with a line per school', async () => {
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await configureFeed(env, server, world, roundId);
    let out = '';
    const code = await runCli(['feed', 'run', '--round', String(roundId), '--json'], {
      env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
      stdout: (s) => (out += s),
      stderr: () => undefined,
      readStdin: async () => '',
    });
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { round: number; schools: { school: { code: string }; status: string }[] };
    expect(doc.round).toBe(roundId);
    expect(doc.schools.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  });

  describe('every failure leaves the round as it was, with a Swedish message', () => {
    let env: TestEnv;
    let roundId: number;
    beforeEach(async () => {
      ({ env, roundId } = await roundEnv());
      envs.push(env);
      await configureFeed(env, server, world, roundId);
      // A first good run: the data a failure must keep.
      await env.services.feeds.run(admin, roundId);
    });

    it('the token is refused: every school fails and keeps its data', async () => {
      const before = roundState(env, roundId);
      server.failures.tokenRefused = true;
      const run = await env.services.feeds.run(admin, roundId);
      expect(run.schools.every((s) => s.status === 'failed')).toBe(true);
      expect(run.schools[0]!.message).toMatch(/^Tokentjänsten .* svarade 401\. Kontrollera klient-id och hemlighet\. Skolans tidigare data ligger kvar\.$/);
      expect(roundState(env, roundId)).toEqual(before);
    });

    it('a 500 for one school: that school keeps its last good data, shows the error on the board; the others are read', async () => {
      const before = roundState(env, roundId, '22222222');
      server.failures.serverErrorForUnits = ['unit-b'];
      const run = await env.services.feeds.run(admin, roundId);
      expect(run.schools.map((s) => s.status)).toEqual(['ok', 'failed', 'ok']);
      expect(run.schools[1]!.message).toContain('Skolsystemet svarade 500');
      expect(roundState(env, roundId, '22222222')).toEqual(before);
      const lines = env.services.feeds.boardLines(admin, roundId);
      expect(lines.get('22222222')).toMatch(/^Flödet misslyckades 15 sep 10:00: Skolsystemet svarade 500/);
      expect(lines.has('11111111')).toBe(false);
    });

    it('the failure line is in `round status` (text and JSON) and in the status CSV and Excel exports, in Stockholm time', async () => {
      server.failures.serverErrorForUnits = ['unit-b'];
      env.clock.advanceMinutes(90); // 09:30 UTC = 11:30 in Stockholm (summer time)
      await env.services.feeds.run(admin, roundId);
      const cli = async (...extra: string[]) => {
        let out = '';
        await runCli(['round', 'status', '--round', String(roundId), ...extra], {
          env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
          stdout: (s) => (out += s),
          stderr: () => undefined,
          readStdin: async () => '',
        });
        return out;
      };
      const doc = JSON.parse(await cli('--json')) as { schools: Record<string, unknown>[] };
      const beta = doc.schools.find((x) => (x.school as { code: string }).code === '22222222')!;
      // The fields it had stay; feedFailure is new.
      expect(Object.keys(beta)).toEqual(['school', 'status', 'uploadedAt', 'pupils', 'flaggedPupils', 'notLocated', 'confirmedAt', 'reset', 'feedFailure']);
      expect(beta.feedFailure).toEqual({
        at: '2026-09-15T09:30:00.000Z',
        atStockholm: '2026-09-15 11:30:00',
        message: expect.stringMatching(/^Skolsystemet svarade 500 på \/persons .* Skolans tidigare data ligger kvar\.$/) as unknown,
      });
      expect(doc.schools.filter((x) => x.feedFailure !== null)).toHaveLength(1);
      const text = await cli();
      expect(text).toMatch(/^22222222 .* Flödet misslyckades 2026-09-15 11:30:00: Skolsystemet svarade 500 på \/persons/m);
      expect(text).toMatch(/^11111111 (?!.*Flödet misslyckades).*$/m);

      await aUser('samordnare@test.invalid').withRole('coordinator').build(env);
      const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
      const csvText = (await coordinator.get(`/omgangar/${roundId}/status.csv`)).text;
      const lines = csvText.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('skolenhetskod;skola;status;inläst;elever;flaggade;ej lokaliserade;bekräftad;anmärkning;flödet misslyckades;flödets felmeddelande');
      const betaLine = lines.find((l) => l.startsWith('22222222;'))!;
      expect(betaLine).toMatch(/;2026-09-15 11:30:00;"?Skolsystemet svarade 500 på \/persons/);
      expect(lines.find((l) => l.startsWith('11111111;'))).toMatch(/;;$/);

      // responseType('blob'): supertest hands the binary answer over as one Buffer.
      const xlsx = await coordinator.get(`/omgangar/${roundId}/status.xlsx`).responseType('blob');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as ArrayBuffer);
      const rows = (wb.getWorksheet('Status')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(rows[0]!.slice(9)).toEqual(['flödet misslyckades', 'flödets felmeddelande']);
      const betaRow = rows.find((r) => r[0] === '22222222')!;
      expect(betaRow[9]).toBe('2026-09-15 11:30:00');
      expect(String(betaRow[10])).toMatch(/^Skolsystemet svarade 500 på \/persons/);
    });

    it.each([
      [
        'a temporary number',
        (w: World) => (w.pupils[5]!.civicNo = '20100831TF01'),
        /^Tillfälligt nummer \(bokstäver efter födelsedatumet\) för SS 12000-id ”p5”/,
      ],
      ['a person without civicNo', (w: World) => (w.pupils[5]!.civicNo = null), /^Skolsystemet skickade inget personnummer för SS 12000-id ”p5”\./],
      // The import's own check: minutes accounted for beyond what was offered.
      ['more minutes than offered', (w: World) => (w.pupils[5]!.attended = 5000), /^Inläsningen godtogs inte: .*mer än den schemalagda tiden/],
    ])('%s: the school is not read, and the message names no personal number', async (_name, change, message) => {
      const before = roundState(env, roundId, '22222222');
      change(world);
      const run = await env.services.feeds.run(admin, roundId);
      const b = run.schools.find((s) => s.school.code === '22222222')!;
      expect(b.status).toBe('failed');
      expect(b.message).toMatch(message);
      expect(b.message).not.toMatch(/\d{6}/);
      expect(roundState(env, roundId, '22222222')).toEqual(before);
    });

    it('a protected person: stored as protected without a name; with the setting on, kept out of the round as an upload keeps them out', async () => {
      const pupilRow = () => env.db.prepare("SELECT protected_identity AS p, first_name AS name FROM pupils WHERE personal_number = '20100526-2397'").get();
      expect(pupilRow()).toEqual({ p: 1, name: null });
      const before = roundState(env, roundId, '22222222');
      env.services.settings.updateGeneral(admin, { ...env.services.settings.generalForm(admin), excludeProtectedFromImport: true });
      const run = await env.services.feeds.run(admin, roundId);
      expect(run.schools[0]).toMatchObject({ status: 'ok', message: '1 elev med skyddad identitet lästes inte in.' });
      expect(
        env.db
          .prepare('SELECT count(*) FROM roster r JOIN pupils p ON p.id = r.pupil_id WHERE r.round_id = ? AND p.protected_identity = 1')
          .pluck()
          .get(roundId),
      ).toBe(0);
      expect(roundState(env, roundId, '22222222').flags).toEqual(before.flags);
    });
  });

  it('an emigrated pupil (personStatus Utvandrad) is flagged as left without a known destination', async () => {
    world.pupils[0]!.personStatus = 'Utvandrad';
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await configureFeed(env, server, world, roundId);
    const run = await env.services.feeds.run(admin, roundId);
    expect(run.schools[0]!.message).toContain('Utvandrade enligt skolsystemet: 1 elev.');
    expect(flagSet(env, roundId)).toContainEqual(expect.stringMatching(/^11111111:20100101-2382:.*left-without-destination/));
  });

  it('stores a change of emigrated pupils with the round’s evaluation-pending mark: stopped before its evaluation, the next start evaluates', async () => {
    world.pupils[0]!.personStatus = 'Utvandrad';
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await configureFeed(env, server, world, roundId);
    // The first school's import evaluates; the evaluation after its emigrations are stored never stores (as if killed there).
    env.db.exec(`CREATE TRIGGER killed BEFORE INSERT ON audit_log
      WHEN NEW.action = 'rules.evaluate' AND EXISTS (SELECT 1 FROM feed_emigrations)
      BEGIN SELECT RAISE(ABORT, 'killed'); END`);
    // Duck-typed: better-sqlite3's error may come from another realm (jest's vm), which toThrow does not always see as an Error.
    const thrown = await env.services.feeds.run(admin, roundId).then(
      () => null,
      (e: unknown) => (e as { message?: string }).message,
    );
    expect(thrown).toBe('killed');
    expect(env.db.prepare('SELECT count(*) FROM feed_emigrations WHERE round_id = ?').pluck().get(roundId)).toBe(1);
    expect(env.services.rules.isEvaluationPending(roundId)).toBe(true);
    env.db.exec('DROP TRIGGER killed');
    const next = bootstrap(env.config, env.clock.fn);
    next.services.close();
    expect(next.evaluated).toEqual([roundId]);
    expect(flagSet(env, roundId)).toContainEqual(expect.stringMatching(/^11111111:20100101-2382:.*left-without-destination/));
  });

  describe('guardians the roster names but the server did not send along', () => {
    /** Siblings p9 and q3 at Gammaskolan, both absent, whose one guardian only POST /persons/lookup gives. */
    const siblingsByLookup = (w: World) => {
      w.pupils.find((p) => p.id === 'p9')!.guardianIds = ['g2'];
      w.pupils.push(pupil('q3', N.q3, 'unit-c', { attended: 0, invalid: FULL, guardianIds: ['g2'] }));
      w.guardians.push({ id: 'g2', civicNo: N.g2, givenName: 'Vårdnadshavare', familyName: 'Två', lookupOnly: true });
    };
    const linkedTo = (env: TestEnv, civicNo: string) =>
      env.db
        .prepare('SELECT count(DISTINCT pupil_id) FROM school_guardians WHERE guardian_personal_number = ?')
        .pluck()
        .get(`${civicNo.slice(0, 8)}-${civicNo.slice(8)}`) as number;

    it('are looked up with POST /persons/lookup, so siblings link and the siblings modifier applies', async () => {
      siblingsByLookup(world);
      const { env, roundId } = await roundEnv();
      envs.push(env);
      await configureFeed(env, server, world, roundId);
      const run = await env.services.feeds.run(admin, roundId);
      expect(run.schools.map((s) => [s.school.code, s.status, s.message])).toEqual([
        ['11111111', 'ok', expect.not.stringContaining('Vårdnadshavare') as unknown],
        ['22222222', 'ok', null],
        ['33333333', 'ok', null],
      ]);
      // Only Gammaskolan's roster names a guardian that was not sent along: one lookup.
      expect(server.requests.filter((r) => r.startsWith('POST /persons/lookup'))).toHaveLength(1);
      expect(linkedTo(env, N.g2)).toBe(2);
      const flags = flagSet(env, roundId);
      for (const pn of [N.p9, N.q3]) {
        const line = flags.find((f) => f.split(':')[1]!.replace('-', '') === pn);
        expect(line?.split(':')[2]!.split(',')).toContain('siblings');
      }
    });

    it('a lookup that fails still commits the pupils; the message counts the guardians not linked and says why', async () => {
      siblingsByLookup(world);
      server.failures.lookupFails = true;
      const { env, roundId } = await roundEnv();
      envs.push(env);
      await configureFeed(env, server, world, roundId);
      const run = await env.services.feeds.run(admin, roundId);
      const gamma = run.schools[2]!;
      expect([gamma.status, gamma.pupils, gamma.uploadId !== null]).toEqual(['ok', 6, true]);
      expect(gamma.message).toBe(
        'Vårdnadshavare som inte kunde kopplas, utan användbart personnummer eller inte hämtade (syskon kopplas inte genom dem): 1. ' +
          'Vårdnadshavare kunde inte hämtas, eleverna lästes in ändå: Skolsystemet svarade 500 på /persons/lookup (efter 5 försök).',
      );
      expect(
        env.db.prepare("SELECT count(*) FROM roster r JOIN schools s ON s.id = r.school_id WHERE s.code = '33333333' AND r.round_id = ?").pluck().get(roundId),
      ).toBe(6);
      expect(linkedTo(env, N.g2)).toBe(0);
    });
  });

  it("renews the token when the app's clock passes expires_in in the middle of a run", async () => {
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await configureFeed(env, server, world, roundId);
    server.requests.length = 0;
    let moved = false;
    // The test server's tokens last 3600 s: move the frozen clock past that while the second school is read.
    server.failures.onRequest = (request) => {
      if (request === 'GET /persons' && server.requests.some((r) => r.includes('relationship.organisation=unit-b')) && !moved) {
        moved = true;
        env.clock.advanceMinutes(61);
      }
    };
    const run = await env.services.feeds.run(admin, roundId);
    expect(run.schools.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    expect(moved).toBe(true);
    expect(server.requests.filter((r) => r.startsWith('POST /token'))).toHaveLength(2);
  });

  it('the hourly run fills the open rounds the feed is on for, and does nothing while the feed is off', async () => {
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await configureFeed(env, server, world, roundId);
    const uploads = () => env.db.prepare('SELECT count(*) FROM uploads WHERE round_id = ?').pluck().get(roundId) as number;
    expect(await env.services.feeds.runScheduled(admin)).toEqual([]);
    expect(uploads()).toBe(3);
    env.services.feeds.save(admin, { ...env.services.feeds.settings(admin), clientSecret: '', requestsPerSecond: '100', enabled: false });
    expect(await env.services.feeds.runScheduled(admin)).toEqual([]);
    expect(uploads()).toBe(3);
  });

  it('refuses to run without a feed, for a round it is not on for, and says so in Swedish', async () => {
    const { env, roundId } = await roundEnv();
    envs.push(env);
    await expect(env.services.feeds.run(admin, roundId)).rejects.toThrow('Inget flöde är inställt.');
    await configureFeed(env, server, world, roundId);
    env.services.feeds.setRound(admin, roundId, false);
    await expect(env.services.feeds.run(admin, roundId)).rejects.toThrow('Flödet är inte påslaget för omgången.');
  });
});

describe('feed CLI', () => {
  it('feed add reads the secret from stdin and never prints it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-feed-cli-'));
    try {
      let out = '';
      const io = {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: dir },
        stdout: (s: string) => (out += s),
        stderr: () => undefined,
        readStdin: async () => 'topphemligt\n',
      };
      const args = ['feed', 'add', '--base-url', 'https://skola.example/o/rest/ss12000', '--token-url', 'https://skola.example/token', '--client-id', 'saknad'];
      expect(await runCli([...args, '--secret-stdin', '--json'], io)).toBe(0);
      expect(await runCli(['feed', 'list', '--json'], io)).toBe(0);
      expect(out).not.toContain('topphemligt');
      const list = JSON.parse(out.trim().split('\n')[1]!) as { feed: { hasSecret: boolean; clientId: string } };
      expect(list.feed).toMatchObject({ hasSecret: true, clientId: 'saknad' });
      out = '';
      expect(await runCli(['feed', 'add', '--base-url', 'ftp://skola.example', '--json'], { ...io, readStdin: async () => '' })).toBe(1);
      // Every problem at once; the secret stored before is kept, so it is not asked for.
      const refused = JSON.parse(out) as { error: { code: string; fields: { field: string }[] } };
      expect(refused.error.code).toBe('validation_failed');
      expect(refused.error.fields.map((f) => f.field)).toEqual(['baseUrl', 'tokenUrl', 'clientId']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
