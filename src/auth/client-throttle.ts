import type { Clock } from '../shared';

/**
 * Growing delays per client address for failed logins. It never looks at which account
 * was tried, so its answer reveals nothing about accounts, and a stranger who guesses
 * slows down only themselves. The first `freeFailures` cost nothing; each further one
 * doubles the wait (2 s, 4 s, 8 s …) up to `maxDelaySeconds`. A success clears the client.
 * Kept in memory: a restart forgets it, which only helps the guesser for one round.
 */
export class ClientThrottle {
  private readonly failures = new Map<string, { count: number; lastAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly freeFailures = 10,
    private readonly maxDelaySeconds = 15 * 60,
  ) {}

  /** Seconds this client still has to wait before its next attempt; 0 if it may try now. */
  waitSeconds(client: string): number {
    const f = this.failures.get(client);
    if (!f) return 0;
    const left = f.lastAt + delaySeconds(f.count, this.freeFailures, this.maxDelaySeconds) * 1000 - this.clock().getTime();
    // A client quiet for a day starts afresh, so the map does not grow without end.
    if (this.clock().getTime() - f.lastAt > 24 * 3_600_000) this.failures.delete(client);
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  failed(client: string): void {
    const f = this.failures.get(client);
    this.failures.set(client, { count: (f?.count ?? 0) + 1, lastAt: this.clock().getTime() });
  }

  succeeded(client: string): void {
    this.failures.delete(client);
  }
}

/** The wait after `count` failures in a row. */
export function delaySeconds(count: number, freeFailures: number, maxDelaySeconds: number): number {
  if (count < freeFailures) return 0;
  return Math.min(2 ** (count - freeFailures + 1), maxDelaySeconds);
}
