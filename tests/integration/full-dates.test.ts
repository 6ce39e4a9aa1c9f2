import { aRound } from '../helpers/builders';
import { loginAs, seedBasic, testEnv } from '../helpers/test-env';

/** Issue 15: dates in sentences carry their year ("terminsstart 18 augusti 2026"), not "18 augusti" or a bare ISO date. */
describe('pages write dates in sentences in full, with the year', () => {
  it('the re-check page, the statistics report and the county export', async () => {
    const env = testEnv();
    try {
      env.clock.now = new Date('2026-09-25T08:00:00Z');
      await seedBasic(env.services);
      const roundId = (await aRound().named('HT2026').recheck('2026-09-22').open().build(env)).id;
      const agent = await loginAs(env.app, 'samordnare@test.invalid');
      expect((await agent.get(`/omgangar/${roundId}/aterkontroll`)).text).toContain('Återkontrollen gäller från 22 september 2026.');
      expect((await agent.get(`/statistik/omgangar/${roundId}`)).text).toContain('Terminsstart 18 augusti 2026');
      expect((await agent.get('/statistik')).text).toContain('terminsstart 18 augusti 2026');
      // Ten school days from Tuesday 18 August 2026: to Monday 31 August.
      expect((await agent.get(`/statistik/omgangar/${roundId}/lansstyrelsen`)).text).toContain('Period: 18–31 augusti 2026 (observationsfönstret)');
    } finally {
      env.close();
    }
  });
});
