import { seedDemo } from '../../src/demo/seed';
import { CASE_STATES } from '../../src/cases/case-model';
import { admin, testEnv } from '../helpers/test-env';

describe('demo data', () => {
  it('has cases in every state, a referral and an acknowledgement, so a newcomer sees the whole chain', async () => {
    const env = testEnv({ NODE_ENV: 'development' });
    try {
      env.clock.now = new Date('2026-11-23T09:00:00Z');
      await seedDemo(env.services);
      const cases = env.services.cases.queue(admin, { state: 'all' }).cases;
      expect(new Set(cases.map((c) => c.state))).toEqual(new Set(CASE_STATES));
      const social = env.services.auth.actorForEmail('socialtjanst@exempelkommun.test')!;
      const inbox = env.services.referrals.inbox(social);
      expect(inbox.map((r) => r.state).sort()).toEqual(['acknowledged', 'sent']);
      expect(inbox.find((r) => r.state === 'acknowledged')!.reference).toBe('SN 2026/1042');
      const coordinator = env.services.auth.actorForEmail('samordnare@exempelkommun.test')!;
      expect(env.services.cases.queue(coordinator, { due: 'today' }).total).toBe(1);
    } finally {
      env.close();
    }
  });
});
