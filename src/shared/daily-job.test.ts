import { startDailyJobs } from './daily-job';

const settle = () => new Promise((r) => setImmediate(r));

describe('startDailyJobs', () => {
  it('runs at start what is due today, skips what is not, and logs a failure without stopping', async () => {
    const clock = () => new Date('2026-09-25T01:30:00Z'); // 03:30 in Stockholm
    const ran: string[] = [];
    const log: string[] = [];
    const stop = startDailyJobs(
      [
        { name: 'backup', hour: 2, lastRunAt: () => '2026-09-24T00:10:00Z', run: () => void ran.push('backup') },
        {
          name: 'retention',
          hour: 3,
          lastRunAt: () => null,
          run: () => {
            ran.push('retention');
            throw new Error('disk full');
          },
        },
        { name: 'late', hour: 4, lastRunAt: () => null, run: () => void ran.push('late') },
        { name: 'done', hour: 2, lastRunAt: () => '2026-09-25T00:05:00Z', run: () => void ran.push('done') },
      ],
      clock,
      (line) => log.push(line),
      60_000,
    );
    await settle();
    stop();
    expect(ran).toEqual(['backup', 'retention']);
    expect(log).toEqual([expect.stringContaining('retention: failed') as string]);
    expect(log[0]).toContain('disk full');
  });
});
