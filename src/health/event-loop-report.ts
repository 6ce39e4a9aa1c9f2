import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** One line of the report: the last interval's event-loop delay and the process's memory. */
export interface EventLoopSample {
  /** When the interval ended (ISO). */
  at: string;
  /** Longest delay in the interval, ms (the histogram is reset after each line). */
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** Resident set size now, and the process's peak so far (bytes). */
  rss: number;
  peakRss: number;
}

/**
 * Appends one EventLoopSample per `intervalMs` to `file` (JSON lines), for the load
 * benchmark to read (config: SAKNAD_REPORT_EVENT_LOOP). The delay is measured here, in
 * the server's own event loop, with perf_hooks' monitorEventLoopDelay: a request that
 * blocks the loop for 300 ms shows up as a 300 ms sample whatever the client saw.
 * Returns a function that stops it.
 */
export function startEventLoopReport(file: string, intervalMs = 1000): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  fs.writeFileSync(file, '');
  const timer = setInterval(() => {
    const sample: EventLoopSample = {
      at: new Date().toISOString(),
      maxMs: histogram.max / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      meanMs: Number.isNaN(histogram.mean) ? 0 : histogram.mean / 1e6,
      rss: process.memoryUsage.rss(),
      peakRss: process.resourceUsage().maxRSS * 1024,
    };
    histogram.reset();
    fs.appendFileSync(file, JSON.stringify(sample) + '\n');
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
