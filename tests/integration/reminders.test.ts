import type { Db } from '../../src/db/connection';
import { MailLogRepository } from '../../src/rounds/mail-log-repository';
import { ReminderRepository } from '../../src/rounds/reminder-repository';
import { REMINDER_DEFAULTS, type ReminderSettings } from '../../src/rounds/reminder-schedule';
import { ReminderService, startReminderScheduler, type ReminderMailer } from '../../src/rounds/reminder-service';
import { UserRepository } from '../../src/users/user-repository';
import { csv, tempFile } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { startSmtp } from '../helpers/smtp';
import { admin, decodeQuotedPrintable, PASSWORD, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
// Two pupils per school, the first absent every day (flagged): the database holds names and
// personal numbers. Each school has its own pupils: a pupil in two schools' files would
// (rightly) send a case notice too (cases.md), which is not what these tests are about.
const file = (from = 0) => csv([['Personnummer', 'Namn', 'Datum', 'Närvaro'], ...PUPILS.slice(from, from + 2).flatMap((pn, i) => DAYS.map((d) => [pn, i === 0 ? 'Anna Ek' : 'Bertil Ek', d, i === 0 ? 'O' : 'N']))]);

/** The body of a received mail (after the header/body blank line), decoded. */
const bodyOf = (raw: string) => decodeQuotedPrintable(raw.slice(raw.indexOf('\r\n\r\n')));

describe('reminders and the coordinator notice', () => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let db: Db;
  let roundId: number;
  let settings: ReminderSettings;
  let schoolId: (code: string) => number;

  const service = (mail: ReminderMailer = env.services.mail as unknown as ReminderMailer) => {
    const users = new UserRepository(db);
    return new ReminderService({
      repo: new ReminderRepository(db),
      mailLog: new MailLogRepository(db),
      principalEmails: (id) => users.principalEmails(id),
      mail,
      audit: env.services.audit,
      clock: env.clock.fn,
      settings: () => settings,
    });
  };
  const at = (iso: string) => (env.clock.now = new Date(iso));
  const upload = (round: number, school: string) =>
    env.services.imports.importFile(admin, { roundId: round, schoolCode: school, filePath: tempFile('a.csv', file(school === '22222222' ? 2 : 0)), fileName: 'a.csv' });
  const confirm = (school: string) => env.services.schoolReports.confirm(admin, roundId, school, { statement: 'Uppföljningen är registrerad.' });
  const steps = (round = roundId) => env.services.rounds.mailLog(admin, round).map((e) => `${e.step} ${e.toAddress}`);
  const auditDetails = (action: string) => env.services.audit.list(admin, { action }, 1).rows.map((r) => ({ outcome: r.outcome, details: JSON.parse(r.details ?? 'null') }));

  beforeEach(async () => {
    smtp = await startSmtp();
    env = testEnv({ SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    db = (env.services as unknown as { rounds: { repo: { db: Db } } }).rounds.repo.db;
    settings = REMINDER_DEFAULTS;
    at('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    env.services.schools.create(admin, { code: '33333333', name: 'Gammaskolan', type: 'grundskola' });
    await env.services.users.create(admin, { email: 'rektor2@test.invalid', name: 'Rektor Två', roles: ['principal'], schoolCodes: ['22222222'] }, PASSWORD);
    await env.services.users.create(admin, { email: 'bitr.rektor2@test.invalid', name: 'Biträdande Rektor', roles: ['principal'], schoolCodes: ['22222222'] }, PASSWORD);
    await env.services.users.create(admin, { email: 'rektor3@test.invalid', name: 'Rektor Tre', roles: ['principal'], schoolCodes: ['33333333'] }, PASSWORD);
    const ids = new Map(env.services.schools.list(admin).map((s) => [s.code, s.id]));
    schoolId = (code) => ids.get(code)!;

    // The round under test: schools 1 and 2, deadline Friday 28 August.
    roundId = env.services.rounds.create(admin, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18', windowDays: 3, deadline: '2026-08-28', schoolCodes: ['11111111', '22222222'] }).id;
    await env.services.rounds.open(admin, roundId);
    // Rounds that never remind: a draft, a closed one, and an open one without a deadline (school 3 only takes part in these).
    env.services.rounds.create(admin, { name: 'Utkast', breakType: 'summer', termStart: '2026-08-18', deadline: '2026-08-28', schoolCodes: ['33333333'] });
    const closed = env.services.rounds.create(admin, { name: 'Stängd', breakType: 'summer', termStart: '2026-08-18', deadline: '2026-08-28', schoolCodes: ['33333333'] }).id;
    await env.services.rounds.open(admin, closed);
    env.services.rounds.close(admin, closed);
    const noDeadline = env.services.rounds.create(admin, { name: 'Utan sista dag', breakType: 'summer', termStart: '2026-08-18', schoolCodes: ['33333333'] }).id;
    await env.services.rounds.open(admin, noDeadline);

    await upload(roundId, '11111111');
    await upload(roundId, '22222222');
    confirm('11111111');
    smtp.inbox.length = 0; // the invitations
  });
  afterEach(async () => {
    env.close();
    await smtp.close();
  });

  it('reminds only the principals of unconfirmed schools of open rounds with a deadline, each step once, in Stockholm days', async () => {
    const reminders = service();
    at('2026-08-25T12:00:00Z'); // deadline − 3: nothing due yet
    expect(await reminders.run()).toEqual({ sent: [], failed: [] });

    at('2026-08-25T22:30:00Z'); // 00:30 on 26 August in Stockholm: deadline − 2
    const first = await reminders.run();
    expect(first.sent).toEqual([
      { round: roundId, school: '22222222', to: 'bitr.rektor2@test.invalid', step: 'reminder-before-2' },
      { round: roundId, school: '22222222', to: 'rektor2@test.invalid', step: 'reminder-before-2' },
    ]);
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([['bitr.rektor2@test.invalid'], ['rektor2@test.invalid']]);
    expect(bodyOf(smtp.inbox[0]!.raw)).toContain('om 2 dagar');

    at('2026-08-26T14:00:00Z'); // later the same day: nothing twice
    expect((await reminders.run()).sent).toEqual([]);
    at('2026-08-28T09:00:00Z'); // the deadline day: before-2 already went
    expect((await reminders.run()).sent).toEqual([]);
    expect(smtp.inbox).toHaveLength(2);

    at('2026-08-29T06:00:00Z'); // deadline + 1
    expect((await reminders.run()).sent.map((s) => `${s.step} ${s.to}`)).toEqual(['reminder-after-1 bitr.rektor2@test.invalid', 'reminder-after-1 rektor2@test.invalid']);
    expect((await reminders.run()).sent).toEqual([]);
    expect(bodyOf(smtp.inbox[2]!.raw)).toContain('för 1 dag sedan');

    at('2026-08-31T06:00:00Z'); // deadline + 3
    expect((await reminders.run()).sent.map((s) => s.step)).toEqual(['reminder-after-3', 'reminder-after-3']);
    at('2026-09-20T06:00:00Z'); // no more steps
    expect((await reminders.run()).sent).toEqual([]);

    expect(smtp.inbox).toHaveLength(6);
    expect(smtp.inbox.flatMap((m) => m.to).filter((to) => to === 'rektor@test.invalid' || to === 'rektor3@test.invalid')).toEqual([]);
    expect(steps()).toEqual([
      'invitation rektor@test.invalid',
      'invitation bitr.rektor2@test.invalid',
      'invitation rektor2@test.invalid',
      'reminder-before-2 bitr.rektor2@test.invalid',
      'reminder-before-2 rektor2@test.invalid',
      'reminder-after-1 bitr.rektor2@test.invalid',
      'reminder-after-1 rektor2@test.invalid',
      'reminder-after-3 bitr.rektor2@test.invalid',
      'reminder-after-3 rektor2@test.invalid',
    ]);
    // Every run is audited, with counts only.
    const runs = auditDetails('reminders.run');
    expect(runs).toHaveLength(8);
    expect(runs).toContainEqual({ outcome: 'success', details: { rounds: 1, schools: 1, sent: 2, failed: 0 } });
    expect(runs).toContainEqual({ outcome: 'success', details: { rounds: 0, schools: 0, sent: 0, failed: 0 } });
  });

  it('sends one mail per principal on a late run, the latest due step only, and follows the settings', async () => {
    at('2026-09-02T08:00:00Z'); // nothing ran before; deadline + 5
    expect((await service().run()).sent.map((s) => s.step)).toEqual(['reminder-after-3', 'reminder-after-3']);
    expect(smtp.inbox).toHaveLength(2);

    settings = { daysBefore: [5], daysAfter: [] };
    const other = env.services.rounds.create(admin, { name: 'Efter höstlovet', breakType: 'autumn', termStart: '2026-11-02', deadline: '2026-11-13', schoolCodes: ['33333333'] }).id;
    await env.services.rounds.open(admin, other);
    smtp.inbox.length = 0;
    at('2026-11-07T08:00:00Z'); // deadline − 6
    expect((await service().run()).sent).toEqual([]);
    at('2026-11-08T08:00:00Z'); // deadline − 5
    expect((await service().run()).sent).toEqual([{ round: other, school: '33333333', to: 'rektor3@test.invalid', step: 'reminder-before-5' }]);
    at('2026-11-20T08:00:00Z'); // no after-steps configured
    expect((await service().run()).sent).toEqual([]);
  });

  it('stops reminding a school once it has confirmed, and when the round is closed', async () => {
    at('2026-08-26T08:00:00Z');
    expect((await service().run()).sent).toHaveLength(2);
    confirm('22222222');
    at('2026-08-29T08:00:00Z');
    expect((await service().run()).sent).toEqual([]);

    const other = env.services.rounds.create(admin, { name: 'Stängs', breakType: 'summer', termStart: '2026-08-18', deadline: '2026-08-28', schoolCodes: ['33333333'] }).id;
    await env.services.rounds.open(admin, other);
    env.services.rounds.close(admin, other);
    expect((await service().run()).sent).toEqual([]);
  });

  it('puts no personal data in any mail: no personal number, no pupil or staff name', async () => {
    at('2026-08-26T08:00:00Z');
    await service().run();
    at('2026-08-29T08:00:00Z');
    await service().run();
    confirm('22222222');
    await service().notifyConfirmed(roundId, schoolId('22222222'));
    expect(smtp.inbox).toHaveLength(5);
    for (const m of smtp.inbox) {
      const body = bodyOf(m.raw);
      expect(body).toContain(`/omgangar/${roundId}`);
      expect(body).not.toMatch(/\d{6,8}[-+]?\d{4}/);
      for (const pn of PUPILS) expect(body).not.toContain(pn.slice(2));
      for (const name of ['Anna', 'Bertil', 'Rektor', 'Samordnare', 'Testsson', 'Alfaskolan', 'Betaskolan']) expect(body).not.toContain(name);
    }
  });

  it('tells every active coordinator once when a school confirms', async () => {
    await env.services.users.create(admin, { email: 'samordnare2@test.invalid', name: 'Samordnare Två', roles: ['coordinator'], schoolCodes: [] }, PASSWORD);
    const former = await env.services.users.create(admin, { email: 'f.d.samordnare@test.invalid', name: 'Före Detta', roles: ['coordinator'], schoolCodes: [] }, PASSWORD);
    env.services.users.update(admin, former.id, { name: 'Före Detta', roles: ['coordinator'], schoolCodes: [], active: false });
    const reminders = service();

    // Not confirmed yet: nothing.
    expect(await reminders.notifyConfirmed(roundId, schoolId('22222222'))).toEqual({ sent: [], failed: [] });
    confirm('22222222');
    const notice = await reminders.notifyConfirmed(roundId, schoolId('22222222'));
    expect(notice.sent).toEqual([
      { round: roundId, school: '22222222', to: 'samordnare2@test.invalid', step: 'confirmed-notice' },
      { round: roundId, school: '22222222', to: 'samordnare@test.invalid', step: 'confirmed-notice' },
    ]);
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(['samordnare2@test.invalid', 'samordnare@test.invalid']);

    // Confirming again is not announced again.
    confirm('22222222');
    expect((await reminders.notifyConfirmed(roundId, schoolId('22222222'))).sent).toEqual([]);
    expect(smtp.inbox).toHaveLength(2);
    // A school not in the round, or a round that is not open: nothing.
    expect((await reminders.notifyConfirmed(roundId, schoolId('33333333'))).sent).toEqual([]);
    expect((await reminders.notifyConfirmed(9999, schoolId('22222222'))).sent).toEqual([]);
    expect(steps().filter((s) => s.startsWith('confirmed-notice'))).toEqual(['confirmed-notice samordnare2@test.invalid', 'confirmed-notice samordnare@test.invalid']);
    expect(auditDetails('school_report.notice')).toEqual([{ outcome: 'success', details: { school: '22222222', sent: 2, failed: 0 } }]);
  });

  it('does not record a mail that could not be sent, goes on with the others, and sends it on the next run', async () => {
    const failing: ReminderMailer = {
      send: async (template, to, data) => {
        if (to === 'rektor2@test.invalid') throw new Error('550 mailbox unavailable');
        return (env.services.mail as unknown as ReminderMailer).send(template, to, data);
      },
    };
    at('2026-08-26T08:00:00Z');
    const result = await service(failing).run();
    expect(result.sent.map((s) => s.to)).toEqual(['bitr.rektor2@test.invalid']);
    expect(result.failed).toEqual([{ round: roundId, school: '22222222', to: 'rektor2@test.invalid', step: 'reminder-before-2', error: '550 mailbox unavailable' }]);
    expect(steps().filter((s) => s.startsWith('reminder'))).toEqual(['reminder-before-2 bitr.rektor2@test.invalid']);
    const audited = auditDetails('reminders.run');
    expect(audited).toEqual([{ outcome: 'failure', details: { rounds: 1, schools: 1, sent: 1, failed: 1 } }]);
    expect(JSON.stringify(audited)).not.toContain('550');

    at('2026-08-26T09:00:00Z');
    expect((await service().run()).sent.map((s) => s.to)).toEqual(['rektor2@test.invalid']);
    expect(smtp.inbox.map((m) => m.to[0])).toEqual(['bitr.rektor2@test.invalid', 'rektor2@test.invalid']);
  });
});

describe('startReminderScheduler', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs on every tick until stopped, logging failures instead of throwing', async () => {
    let calls = 0;
    const lines: string[] = [];
    const stop = startReminderScheduler(
      {
        run: async () => {
          calls++;
          if (calls === 1) throw new Error('database is locked');
          if (calls === 2) return { sent: [], failed: [{ round: 1, school: '22222222', to: 'x@test.invalid', step: 'reminder-after-1', error: '421 try later' }] };
          return { sent: [], failed: [] };
        },
      },
      10,
      (line) => lines.push(line),
    );
    await wait(80);
    stop();
    const after = calls;
    await wait(40);
    expect(calls).toBe(after);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(lines).toEqual(['Saknad reminders: the run failed: database is locked', 'Saknad reminders: 0 sent, 1 failed (retried next run): 421 try later']);
  });

  it('never overlaps a run that is still going', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const stop = startReminderScheduler(
      {
        run: async () => {
          calls++;
          running++;
          most = Math.max(most, running);
          await wait(35);
          running--;
          return { sent: [], failed: [] };
        },
      },
      5,
      () => {},
    );
    await wait(100);
    stop();
    await wait(40);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
  });
});
