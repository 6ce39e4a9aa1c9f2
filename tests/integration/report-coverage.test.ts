import request from 'supertest';
import { runCli } from '../../src/cli/run';
import { aRound, anUpload } from '../helpers/builders';
import { csv, tempFile } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { uploadAndPreview } from '../helpers/web-upload';
import { admin, decodeQuotedPrintable, loginAs, postForm, readOutbox, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

// Issue 13, items 1 and 2: a school's report is confirmed for the round's window and for
// what was read; a new upload or changed flags undo the confirmation.

/** Mon 12 – Fri 16 January 2026: the window of a round after the Christmas break. */
const WINDOW = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'];
const AUGUST = ['2025-08-11', '2025-08-12', '2025-08-13', '2025-08-14', '2025-08-15', '2025-08-18', '2025-08-19', '2025-08-20', '2025-08-21', '2025-08-22'];

/** Five pupils on the given days; the first `absent` pupils have unexplained absence every day. */
const file = (days: string[], absent = 0) =>
  csv([['Personnummer', 'Namn', 'Datum', 'Närvaro'], ...PUPILS.slice(0, 5).flatMap((pn, i) => days.map((d) => [pn, 'Anna Ek', d, i < absent ? 'O' : 'N']))]);

describe('window coverage and what a confirmation means', () => {
  let env: TestEnv;
  let roundId: number;
  const statement = { statement: 'Skolans uppgifter är kontrollerade.' };

  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-01-16T15:00:00Z');
    // No deadline: the CLI runs on the real clock, and a passed deadline would say "overdue".
    await seedBasic(env.services);
    roundId = (await aRound().named('VT2026 efter jullovet').after('christmas', '2026-01-12').windowDays(5).open().build(env)).id;
  });
  afterEach(() => env.close());

  const upload = (content: Buffer, school = '11111111') => anUpload(roundId, school).file(content).send(env);
  const principalActor = () => env.services.auth.actorForEmail('rektor@test.invalid')!;
  const apiConfirm = (token: string, body: object, school = '11111111') =>
    request(env.app).post(`/api/v1/rounds/${roundId}/schools/${school}/confirm`).set('Authorization', `Bearer ${token}`).send(body);
  const board = () => env.services.schoolReports.board(admin, roundId).find((b) => b.school.code === '11111111')!;

  describe('coverage', () => {
    it('refuses an August file in a January round: the preview names both periods, nothing is stored, and the school cannot confirm', async () => {
      env.clock.now = new Date('2025-12-15T10:00:00Z'); // before the term
      const principal = await loginAs(env.app, 'rektor@test.invalid');
      const base = `/omgangar/${roundId}/skolor/11111111/inlasning`;
      const { post, page: preview } = await uploadAndPreview(principal, base, file(AUGUST), 'augusti.csv');
      expect(post.status).toBe(303);
      expect(preview.text).toContain('Filen har datum 11–22 augusti 2025, men omgångens observationsfönster är 12–16 januari 2026');
      expect(preview.text).not.toContain('Bekräfta och läs in');
      // The strip of the round's school days, in text: date, weekday, in the file or not.
      expect(preview.text).toMatch(/<td>2026-01-12<\/td><td>måndag<\/td><td><span[^>]*>Har inte varit ännu/);

      const report = await upload(file(AUGUST));
      expect(report.status).toBe('rejected');
      expect(report.coverage).toMatchObject({ covered: [], fileDates: { first: '2025-08-11', last: '2025-08-22' } });
      expect(report.coverage!.windowDays.map((d) => d.date)).toEqual(WINDOW);
      expect(env.services.imports.history(admin, roundId, '11111111')).toHaveLength(0);

      const token = env.services.tokens.create(principalActor(), { name: 'api' }).token;
      const res = await apiConfirm(token, statement);
      expect(res.status).toBe(400);
      expect(board().status).toBe('not_started');
    });

    it('refuses the August file after the term started too, and says which days are missing in the CLI JSON', async () => {
      const f = tempFile('augusti.csv', file(AUGUST));
      let out = '';
      const code = await runCli(['import', '--round', String(roundId), '--school', '11111111', f, '--json'], {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
        stdout: (s) => (out += s),
        stderr: () => {},
        readStdin: async () => '',
      });
      expect(code).not.toBe(0);
      const json = JSON.parse(out) as {
        status: string;
        errors: { message: string }[];
        coverage: { windowDays: { date: string; weekday: string; covered: boolean }[]; covered: string[]; missing: string[] };
      };
      expect(json.status).toBe('rejected');
      expect(json.errors.map((e) => e.message).join(' ')).toContain('observationsfönster är 12–16 januari 2026');
      expect(json.coverage.windowDays[0]).toMatchObject({ date: '2026-01-12', weekday: 'måndag', covered: false });
    });

    it('commits a file missing a day with a warning naming it; the principal may confirm only once a file covers every day so far', async () => {
      const partial = await upload(file(['2026-01-12', '2026-01-14', '2026-01-15', '2026-01-16']));
      expect(partial.status).toBe('committed');
      expect(partial.coverage!.missing).toEqual(['2026-01-13']);
      expect(partial.warnings.map((w) => w.message).join(' ')).toContain('tisdag 13 januari 2026');

      const token = env.services.tokens.create(principalActor(), { name: 'api' }).token;
      const refused = await apiConfirm(token, statement);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('tisdag 13 januari 2026');
      expect(env.services.schoolReports.report(admin, roundId, '11111111')).toBeNull();

      await upload(file(WINDOW));
      expect((await apiConfirm(token, statement)).status).toBe(201);
      expect(board().status).toBe('nil_report');
    });

    it('refuses a confirmation before the term has started, unless an admin overrides it with a reason (audited)', async () => {
      await upload(file(WINDOW.slice(0, 2)));
      env.clock.now = new Date('2026-01-09T10:00:00Z'); // the Friday before the term
      const principal = await loginAs(env.app, 'rektor@test.invalid');
      const res = await postForm(principal, `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/11111111/bekrafta`, statement);
      expect(res.status).toBe(303);
      expect((await principal.get(`/omgangar/${roundId}`)).text).toContain('Terminen har inte börjat');
      expect(env.services.schoolReports.report(admin, roundId, '11111111')).toBeNull();
      // A principal cannot override.
      expect(() =>
        env.services.schoolReports.confirm(principalActor(), roundId, '11111111', { ...statement, override: 'on', overrideReason: 'Vi vet bäst.' }),
      ).toThrow('Terminen har inte börjat');

      const adminUser = env.services.auth.actorForEmail('admin@test.invalid')!;
      expect(() => env.services.schoolReports.confirm(adminUser, roundId, '11111111', { ...statement, override: 'on' })).toThrow('Skriv varför');
      const adminAgent = await loginAs(env.app, 'admin@test.invalid');
      await postForm(adminAgent, `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/11111111/bekrafta`, {
        ...statement,
        override: 'on',
        overrideReason: 'Skolan har rapporterat på papper.',
      });
      expect(env.services.schoolReports.report(admin, roundId, '11111111')).not.toBeNull();
      const audit = env.services.audit.list(admin, { action: 'school_report.override' }, 1, 10).rows;
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0])).toContain('Skolan har rapporterat på papper.');
    });
  });

  describe('a confirmation is undone when what was read changes', () => {
    it('a nil report, then an upload with three absent pupils: uploaded with 3 flagged, in the uploaded filter everywhere, principal told', async () => {
      await upload(file(WINDOW));
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      expect(board().status).toBe('nil_report');

      env.clock.advanceMinutes(60);
      await upload(file(WINDOW, 3));
      expect(board()).toMatchObject({ status: 'uploaded', flaggedPupils: 3, confirmedAt: null });
      expect(board().reset!.hint).toContain('Bekräftelsen (nollrapport) återställdes');
      expect(env.services.schoolReports.report(admin, roundId, '11111111')).toBeNull();

      // Web board: the filter shows the school, and its count says one.
      const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
      const web = await coordinator.get(`/omgangar/${roundId}?status=uploaded`);
      expect(web.text).toMatch(
        /<td>Alfaskolan<\/td><td><span class="ds-tag"[^>]*>Inläst, ej bekräftad<\/span><br><span class="app-muted">Bekräftelsen \(nollrapport\) återställdes/,
      );
      expect(web.text).toContain('Inläst, ej bekräftad (1)');
      expect(web.text).toContain('Nollrapport (0)');
      expect((await coordinator.get(`/omgangar/${roundId}?status=nil_report`)).text).not.toMatch(/<td>Alfaskolan<\/td><td><span/);
      const csvRes = await coordinator.get(`/omgangar/${roundId}/status.csv?status=uploaded`);
      expect(csvRes.text).toContain('11111111;Alfaskolan;"Inläst, ej bekräftad"');
      expect(csvRes.text).not.toContain('22222222');
      // API and CLI.
      const token = env.services.tokens.create(env.services.auth.actorForEmail('samordnare@test.invalid')!, { name: 'api' }).token;
      const api = await request(env.app).get(`/api/v1/rounds/${roundId}/schools?status=uploaded`).set('Authorization', `Bearer ${token}`);
      expect(api.body.schools.map((s: { school: { code: string } }) => s.school.code)).toEqual(['11111111']);
      expect(api.body.counts).toMatchObject({ uploaded: 1, nil_report: 0, not_started: 1 });
      let out = '';
      await runCli(['round', 'status', '--round', String(roundId), '--status', 'uploaded', '--json'], {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
        stdout: (s) => (out += s),
        stderr: () => {},
        readStdin: async () => '',
      });
      const cli = JSON.parse(out) as { schools: { school: { code: string }; status: string; flaggedPupils: number }[]; counts: Record<string, number> };
      expect(cli.schools.map((s) => [s.school.code, s.status, s.flaggedPupils])).toEqual([['11111111', 'uploaded', 3]]);
      expect(cli.counts.uploaded).toBe(1);

      // The principal: a notice on the round page, and an e-mail with no personal data.
      const principal = await loginAs(env.app, 'rektor@test.invalid');
      expect((await principal.get(`/omgangar/${roundId}`)).text).toContain('Bekräftelsen (nollrapport) återställdes');
      const mails = await waitForMail(env, 'har återställts');
      expect(mails).toHaveLength(1);
      const mail = decodeQuotedPrintable(mails[0]!);
      // Headers apart from the subject are made by the mailer (a random Message-ID can hold
      // digits that look like a personal number); what a person reads is the subject and body.
      const split = mail.search(/\r?\n\r?\n/);
      const body = mail.slice(split);
      const subject = /^Subject: .*$/m.exec(mail.slice(0, split))![0];
      expect(body).toContain(`/omgangar/${roundId}`);
      for (const text of [subject, body]) {
        expect(text).not.toMatch(/\d{6,8}-?\d{4}/);
        expect(text).not.toContain('Alfaskolan');
      }
      expect(
        env.services.audit
          .list(admin, { action: 'school_report.reset' }, 1, 10)
          .rows.map((r) => r.action)
          .sort(),
      ).toEqual(['school_report.reset', 'school_report.reset_notice']);
    });

    it('a confirmed school re-uploads: no longer "Bekräftad", never a confirmation time before the upload time', async () => {
      await upload(file(WINDOW, 1));
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      expect(board().status).toBe('confirmed');
      env.clock.advanceMinutes(30);
      await upload(file(WINDOW, 1)); // the same pupils flagged: the upload alone undoes it
      const b = board();
      expect(b.status).toBe('uploaded');
      expect(b.confirmedAt === null || b.confirmedAt >= b.uploadedAt!).toBe(true);
      expect(b.reset!.reason).toBe('upload');

      // Confirming again clears the notice.
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      expect(board()).toMatchObject({ status: 'confirmed', reset: null });
      expect(board().confirmedAt! >= board().uploadedAt!).toBe(true);
    });

    it('a re-evaluation that changes the school’s flags undoes it; one that changes nothing does not', async () => {
      await upload(file(WINDOW, 1));
      await upload(file(WINDOW), '22222222');
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      env.services.schoolReports.confirm(admin, roundId, '22222222', statement);
      env.services.evaluation.evaluateRound(admin, roundId);
      expect(board().status).toBe('confirmed');

      // The rule set changes: the flagged pupil's rule no longer fires.
      const rules = env.services.rules.ruleSet().rules.map((r) => ({ ...r, enabled: false }));
      env.services.rules.saveRuleSet(admin, rules, 'Alla regler av');
      expect(board()).toMatchObject({ status: 'uploaded', flaggedPupils: 0 });
      expect(board().reset!.reason).toBe('flags');
      // The other school had no flags before or after: still confirmed.
      expect(env.services.schoolReports.board(admin, roundId).find((b) => b.school.code === '22222222')!.status).toBe('nil_report');
    });

    it('a follow-up that adds a flag undoes it', async () => {
      await upload(file(WINDOW, 1));
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      const pupil = env.services.rules.listFlags(admin, roundId)[0]!.pupil;
      // Left for abroad, destination unknown: a second rule fires for the pupil.
      env.services.followUps.save(principalActor(), roundId, '11111111', pupil.id, { transfer: 'abroad' });
      expect(env.services.rules.listFlags(admin, roundId)[0]!.rules.length).toBeGreaterThan(1);
      expect(board()).toMatchObject({ status: 'uploaded', reset: { reason: 'flags' } });
    });

    it('a nil report is never shown while the school has active flags', async () => {
      await upload(file(WINDOW));
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      await upload(file(WINDOW, 2));
      const b = board();
      expect(b.flaggedPupils).toBe(2);
      expect(b.status).not.toBe('nil_report');
      env.services.schoolReports.confirm(principalActor(), roundId, '11111111', statement);
      expect(board()).toMatchObject({ status: 'confirmed', flaggedPupils: 2 });
    });
  });
});

/** The outbox mails whose text contains `subject`, waiting briefly: reset notices are sent after the evaluation. */
async function waitForMail(env: TestEnv, subject: string): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const found = readOutbox(env).filter((m) => m.includes(subject));
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}
