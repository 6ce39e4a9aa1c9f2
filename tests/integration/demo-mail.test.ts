import fs from 'node:fs';
import { seedDemo } from '../../src/demo/seed';
import { startSmtp } from '../helpers/smtp';
import { testEnv } from '../helpers/test-env';

/**
 * Issue 15: demo seeding sent invitations for rounds long past (and referral and case
 * notices for made-up children) to whatever SMTP server was configured.
 */
describe('demo seeding sends no mail', () => {
  it('seeds rounds, referrals and cases with a real SMTP server listening, and nothing reaches it or the outbox', async () => {
    const smtp = await startSmtp();
    const env = testEnv({ NODE_ENV: 'development', SAKNAD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      env.clock.now = new Date('2026-11-23T09:00:00Z');
      await seedDemo(env.services);
      await env.services.settle();
      // What the seed made would have mailed: opened rounds, a sent referral, its acknowledgement.
      expect(env.services.rounds.list(env.services.auth.actorForEmail('admin@exempelkommun.test')!).length).toBeGreaterThan(1);
      expect(env.services.referrals.inbox(env.services.auth.actorForEmail('socialtjanst@exempelkommun.test')!).length).toBeGreaterThan(0);
      expect(smtp.inbox).toEqual([]);
      expect(fs.existsSync(env.config.outboxDir) ? fs.readdirSync(env.config.outboxDir) : []).toEqual([]);

      // The same mail service sends again once the seed is done (the server above is real and listening).
      await env.services.mail.send('setPassword', 'ny@exempelkommun.test', { link: '/losenord/x', hours: 72 });
      expect(smtp.inbox.map((m) => m.to)).toEqual([['ny@exempelkommun.test']]);
    } finally {
      env.close();
      await smtp.close();
    }
  });
});
