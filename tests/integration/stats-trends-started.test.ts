import { admin, loginAs, summerRoundEnv } from '../helpers/test-env';

/** Issue 15: the trends showed a round whose term had not started as a round of zeros. */
describe('trends: only rounds whose term has started', () => {
  it('leaves out an opened round with term start after today, and takes it in from its term start', async () => {
    const { env, roundId } = await summerRoundEnv(); // term start 2026-08-18, clock 2026-09-15
    try {
      await env.services.rounds.open(admin, roundId);
      const christmas = env.services.rounds.create(admin, { name: 'VT2027 efter jullovet', breakType: 'christmas', termStart: '2027-01-11' });
      await env.services.rounds.open(admin, christmas.id);

      const before = env.services.stats.trends(admin);
      expect(before.points.map((p) => p.round.name)).toEqual(['HT2026 efter sommarlovet']);
      expect(before.tables.perRound.rows.map((r) => r.label)).toEqual(['HT2026 efter sommarlovet']);
      expect(before.notStarted).toBe(1);
      const page = (await (await loginAs(env.app, 'admin@test.invalid')).get('/statistik/utveckling')).text;
      expect(page).toContain('Omgångar vars termin inte har börjat än visas inte (just nu 1)');
      expect(page).not.toContain('VT2027 efter jullovet');

      // 23:30 UTC on 10 January is already 11 January in Stockholm: the term has started.
      env.clock.now = new Date('2027-01-10T23:30:00Z');
      const after = env.services.stats.trends(admin);
      expect(after.points.map((p) => p.round.name)).toEqual(['HT2026 efter sommarlovet', 'VT2027 efter jullovet']);
      expect(after.notStarted).toBe(0);
    } finally {
      env.close();
    }
  });
});
