import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';

/**
 * The id of the web request (pino-http's, also sent as X-Request-Id) or of the CLI run
 * that is doing the work, so every audit row can be tied to the log lines of the same
 * request without passing the id through every service call.
 */
interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs fn (and everything it awaits) with this request or run id. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The current request's or run's id, or undefined outside one (start-up, timers). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** A fresh id for one CLI run, marked so it is never mistaken for a web request's. */
export function newCliRunId(): string {
  return `cli-${crypto.randomUUID()}`;
}
