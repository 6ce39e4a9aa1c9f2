import type { Db } from '../../src/db/connection';
import { MailLogRepository } from '../../src/rounds/mail-log-repository';
import { ReminderRepository } from '../../src/rounds/reminder-repository';
import { REMINDER_DEFAULTS, type ReminderSettings } from '../../src/rounds/reminder-schedule';
import { ReminderService, startReminderScheduler, type ReminderMailer } from '../../src/rounds/reminder-service';
import { UserRepository } from '../../src/users/user-repository';
import { aRound, anUpload, aSchool, aUser } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { startSmtp } from '../helpers/smtp';
import { admin, decodeQuotedPrintable, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
// Two pupils per school, the first absent every day (flagged): the database holds names and
// personal numbers. Each school has its own pupils: a pupil in two schools' files would
// (rightly) send a case notice too (cases.md), which is not what these tests are about.
const schoolPupils = (from: number) => [
  { pn: PUPILS[from]!, name: 'Anna Ek' },
  { pn: PUPILS[from + 1]!, name: 'Bertil Ek' },
];

/** The body of a received mail (after the header/body blank line), decoded. */
const bodyOf = (raw: string) => decodeQuotedPrintable(raw.slice(raw.indexOf('\r\n\r\n')));

describe('reminders and the coordinator notice', () => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let db: Db;
  let roundId: number;
  let settings: ReminderSettings;
  let schoolId: (code: string) => number;

  const service = (mail: ReminderMailer = env.services.mail) => {
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
  const upload = (round: number, school: string) => {
    const pupils = schoolPupils(school === '22222222' ? 2 : 0);
    return anUpload(round, school).onDays(DAYS).withPupils(pupils).absentFrom(pupils[0]!.pn).commit(env);
  };
  const confirm = (school: string) => env.services.schoolReports.confirm(admin, roundId, school, { statement: 'Uppföljningen är registrerad.' });
  const steps = (round = roundId) => env.services.rounds.mailLog(admin, round).map((e) => `${e.step} ${e.toAddress}`);
  const auditDetails = (action: string) =>
    env.services.audit.list(admin, { action }, 1).rows.map((r) => ({ outcome: r.outcome, details: JSON.parse(r.details ?? 'null') }));

  beforeEach(async () => {
    smtp = await startSmtp();
    env = testEnv({ SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    db = env.db;
    settings = REMINDER_DEFAULTS;
    at('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    aSchool('33333333').build(env);
    await aUser('rektor2@test.invalid').named('Rektor Två').withRole('principal', '22222222').build(env);
    await aUser('bitr.rektor2@test.invalid').named('Biträdande Rektor').withRole('principal', '22222222').build(env);
    await aUser('rektor3@test.invalid').named('Rektor Tre').withRole('principal', '33333333').build(env);
    const ids = new Map(env.services.schools.list(admin).map((s) => [s.code, s.id]));
    schoolId = (code) => ids.get(code)!;

    // The round under test: schools 1 and 2, deadline Friday 28 August.
    roundId = (await aRound().windowDays(3).deadline('2026-08-28').forSchools('11111111', '22222222').open().build(env)).id;
    // Rounds that never remind: a draft, a closed one, and an open one without a deadline (school 3 only takes part in these).
    await aRound().named('Utkast').deadline('2026-08-28').forSchools('33333333').build(env);
    const closed = (await aRound().named('Stängd').deadline('2026-08-28').forSchools('33333333').open().build(env)).id;
    env.services.rounds.close(admin, closed);
    await aRound().named('Utan sista dag').forSchools('33333333').open().build(env);

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
    expect((await reminders.run()).sent.map((s) => `${s.step} ${s.to}`)).toEqual([
      'reminder-after-1 bitr.rektor2@test.invalid',
      'reminder-after-1 rektor2@test.invalid',
    ]);
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
    const other = (await aRound().named('Efter höstlovet').after('autumn', '2026-11-02').deadline('2026-11-13').forSchools('33333333').open().build(env)).id;
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

    const other = (await aRound().named('Stängs').deadline('2026-08-28').forSchools('33333333').open().build(env)).id;
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
    await aUser('samordnare2@test.invalid').named('Samordnare Två').withRole('coordinator').build(env);
    const former = await aUser('f.d.samordnare@test.invalid').named('Före Detta').withRole('coordinator').build(env);
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
    expect(steps().filter((s) => s.startsWith('confirmed-notice'))).toEqual([
      'confirmed-notice samordnare2@test.invalid',
      'confirmed-notice samordnare@test.invalid',
    ]);
    expect(auditDetails('school_report.notice')).toEqual([{ outcome: 'success', details: { school: '22222222', sent: 2, failed: 0 } }]);
  });

  it('does not record a mail that could not be sent, goes on with the others, and sends it on the next run', async () => {
    const real: ReminderMailer = env.services.mail;
    const failing: ReminderMailer = {
      send: async (template, to, data) => {
        if (to === 'rektor2@test.invalid') throw new Error('550 mailbox unavailable');
        return real.send(template, to, data);
      },
    };
    at('2026-08-26T08:00:00Z');
    const result = await service(failing).run();
    expect(result.sent.map((s) => s.to)).toEqual(['bitr.rektor2@test.invalid']);
    expect(result.failed).toEqual([
      { round: roundId, school: '22222222', to: 'rektor2@test.invalid', step: 'reminder-before-2', error: '550 mailbox unavailable' },
    ]);
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
          if (calls === 2)
            return { sent: [], failed: [{ round: 1, school: '22222222', to: 'x@test.invalid', step: 'reminder-after-1', error: '421 try later' }] };
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
