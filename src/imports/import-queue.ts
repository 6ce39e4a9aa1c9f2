import { BusyError } from '../shared';
import { t } from '../i18n';

/**
 * At most `concurrency` imports (previews and commits) read files at once; the next
 * `maxWaiting` wait their turn in arrival order, and any more are turned away with a
 * BusyError (the API answers 503 with Retry-After, the web page says to try again).
 * Reading a file costs memory in proportion to it; without this, sixteen large uploads at
 * once would each hold their file's rows in memory together (issue 13).
 */
export class ImportQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    /** Seconds a turned-away client is told to wait (Retry-After). */
    private readonly retryAfterSeconds = 30,
  ) {}

  /** Runs `job` when a place is free; throws BusyError at once when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new BusyError(
          t('imports.errors.mangaFilerLasesIn', { concurrency: this.concurrency, waitingCount: this.waiting.length }),
          this.retryAfterSeconds,
        );
      }
      // The finishing job hands its place straight over, so `running` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Jobs reading now and waiting (for tests and the page's note). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
