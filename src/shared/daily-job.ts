import { DateTime } from 'luxon';
import type { Clock } from './clock';

/** Daily jobs run once per Stockholm day, from `hour` on. */
export function isDailyRunDue(lastRunAt: string | null, now: Date, hour: number): boolean {
  const local = DateTime.fromJSDate(now).setZone('Europe/Stockholm');
  if (local.hour < hour) return false;
  if (!lastRunAt) return true;
  const last = DateTime.fromISO(lastRunAt).setZone('Europe/Stockholm');
  return last.toISODate() !== local.toISODate();
}

export interface DailyJob {
  name: string;
  /** From this hour (Europe/Stockholm) on, once a day. */
  hour: number;
  lastRunAt: () => string | null;
  run: () => Promise<unknown> | unknown;
}

/**
 * Checks every `intervalMs` (and once at start) whether each job is due today and runs it.
 * A job that fails is logged and tried again at the next check; a missed night (the server
 * was down) is caught up at start. Returns a function that stops the timer.
 */
export function startDailyJobs(jobs: DailyJob[], clock: Clock, log: (line: string) => void, intervalMs = 10 * 60_000): () => void {
  const running = new Set<string>();
  const tick = async (): Promise<void> => {
    for (const job of jobs) {
      if (running.has(job.name) || !isDailyRunDue(job.lastRunAt(), clock(), job.hour)) continue;
      running.add(job.name);
      try {
        await job.run();
      } catch (e) {
        log(`Saknad ${job.name}: failed (retried in ${Math.round(intervalMs / 60_000)} minutes): ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        running.delete(job.name);
      }
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
