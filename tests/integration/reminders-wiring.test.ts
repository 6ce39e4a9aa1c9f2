import { runCli } from '../../src/cli/run';
import { aRound, anUpload } from '../helpers/builders';
import { PUPILS } from '../helpers/personal-numbers';
import { startSmtp } from '../helpers/smtp';
import { loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

describe('reminders wiring', () => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let roundId: number;
  beforeEach(async () => {
    smtp = await startSmtp();
    env = testEnv({ SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    env.clock.now = new Date('2026-08-20T15:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026').windowDays(3).deadline('2026-08-28').forSchools('11111111').open().build(env)).id;
    // Every window day so far: a school confirms only when its file covers them.
    await anUpload(roundId, '11111111')
      .onDays(['2026-08-18', '2026-08-19', '2026-08-20'])
      .withPupils([{ pn: PUPILS[0], name: 'Anna Ek' }])
      .send(env);
    smtp.inbox.length = 0;
  });
  afterEach(async () => {
    env.close();
    await smtp.close();
  });

  it('confirming on the page tells the coordinator once', async () => {
    const p = await loginAs(env.app, 'rektor@test.invalid');
    expect((await postForm(p, `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/11111111/bekrafta`, { statement: 'Uppföljningen är klar.' })).status).toBe(
      303,
    );
    expect(
      (await postForm(p, `/omgangar/${roundId}`, `/omgangar/${roundId}/skolor/11111111/bekrafta`, { statement: 'Uppföljningen är klar igen.' })).status,
    ).toBe(303);
    expect(smtp.inbox.map((m) => m.to[0])).toEqual(['samordnare@test.invalid']);
  });

  it('reminders run on the command line', async () => {
    const cli = async () => {
      let out = '';
      const code = await runCli(['reminders', 'run', '--json'], {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir, SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
        stdout: (s) => (out += s),
        stderr: () => {},
        readStdin: async () => '',
      });
      return { code, json: JSON.parse(out) };
    };
    // The CLI runs on the real date, after 2026-08-31: the after-3 step.
    const r1 = await cli();
    expect(r1).toEqual({
      code: 0,
      json: {
        sent: [{ round: roundId, school: '11111111', to: 'rektor@test.invalid', step: 'reminder-after-3' }],
        failed: [],
        referrals: { sent: 0, failed: 0 },
      },
    });
    const r2 = await cli();
    expect(r2).toEqual({ code: 0, json: { sent: [], failed: [], referrals: { sent: 0, failed: 0 } } });
  });
});
