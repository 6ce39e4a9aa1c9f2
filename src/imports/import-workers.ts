import type { Worker } from 'node:worker_threads';
import type { Actor } from '../shared';
import { BusyError, ForbiddenError, NotFoundError, startModuleWorker, ValidationError, type FieldError } from '../shared';
import { ImportFileError } from './types';

/**
 * Imports off the request thread (issue 19): a small pool of worker threads, each with
 * its own database connection and services (src/import-worker.ts), runs the whole
 * import — read, check, commit, evaluate, case sync, notices — while the server's thread
 * goes on answering pages. ImportService keeps the queue (at most `concurrency` jobs at
 * once, so one idle worker is always there for a job) and hands each job here.
 */

/** What a job does: read and check only; read, check and commit; or evaluate a round after a follow-up or watch-list change. */
export type ImportJobKind = 'preview' | 'import' | 'evaluate';

export interface ImportJob {
  kind: ImportJobKind;
  actor: Actor;
  /** The UploadRequest, as plain data ({roundId} for 'evaluate'). */
  request: unknown;
  /** The caller's clock at the job's start (ISO), or null for the system clock (see import-worker.ts). */
  now: string | null;
}

/** Messages to a worker: a job, or "wait for the mail you started" (settle). */
export type ToWorker = { id: number; job: ImportJob } | { id: number; settle: true };
export type FromWorker = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError };

/** An error as it crosses the thread boundary: its class by name and what that class holds. */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
  code?: string;
  row?: number | null;
  column?: string | null;
}

export function sendError(e: unknown): SentError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const { name, message, stack } = e;
  const out: SentError = { name, message, stack };
  if (e instanceof ValidationError) out.errors = e.errors;
  if (e instanceof BusyError) out.retryAfterSeconds = e.retryAfterSeconds;
  if (e instanceof ImportFileError) Object.assign(out, { code: e.code, row: e.row, column: e.column });
  return out;
}

/** The same error class and Swedish message the service would have thrown in this thread. */
export function receiveError(s: SentError): Error {
  switch (s.name) {
    case 'ValidationError':
      return new ValidationError(s.errors ?? []);
    case 'NotFoundError':
      return new NotFoundError(s.message);
    case 'ForbiddenError':
      return new ForbiddenError(s.message);
    case 'BusyError':
      return new BusyError(s.message, s.retryAfterSeconds ?? 30);
    case 'ImportFileError':
      return new ImportFileError(s.message, s.code ?? 'unknown', s.row ?? null, s.column ?? null);
    default: {
      const e = new Error(s.message);
      e.name = s.name;
      if (s.stack) e.stack = s.stack;
      return e;
    }
  }
}

/** The pool was closed (the process is stopping): its jobs end unanswered, which is no fault to report. */
export class WorkersClosedError extends Error {
  override name = 'WorkersClosedError';
  constructor() {
    super('import workers closed');
  }
}

interface Slot {
  worker: Worker;
  busy: boolean;
  waiting: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
}

/** Runs import jobs on up to `size` worker threads started (lazily) from `entry`. */
export class ImportWorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    /** The worker's module: src/import-worker.ts, or its compiled .js. */
    private readonly entry: string,
    private readonly size: number,
    /** What the worker builds its services from (the server's Config). */
    private readonly workerData: unknown,
  ) {}

  /** Runs one job on an idle worker; the caller (ImportService's queue) keeps at most `size` running. */
  run(job: ImportJob): Promise<unknown> {
    const slot = this.idleSlot();
    slot.busy = true;
    return this.send(slot, (id) => ({ id, job })).finally(() => {
      slot.busy = false;
    });
  }

  /**
   * Starts every worker now rather than at the first job: loading a worker's modules takes
   * about a second of CPU, which the first uploads after a start would otherwise wait for
   * (the server's start, bench:load).
   */
  warm(): void {
    const started = this.slots.length;
    for (let i = started; i < this.size; i++) this.idleSlot(true);
  }

  /** Waits until every worker has sent the mail its jobs started (case notices). */
  async settle(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.send(s, (id) => ({ id, settle: true })).catch(() => undefined)));
  }

  /** Stops the workers (after settle(), so no mail is cut off). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private idleSlot(fresh = false): Slot {
    if (this.closed) throw new WorkersClosedError();
    const idle = fresh ? undefined : this.slots.find((s) => !s.busy);
    if (idle) return idle;
    if (this.slots.length >= this.size) throw new Error('no idle import worker (the queue admits at most the pool size)');
    const slot: Slot = { worker: startModuleWorker(this.entry, this.workerData), busy: false, waiting: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (m: FromWorker) => {
      const w = slot.waiting.get(m.id);
      if (!w) return;
      slot.waiting.delete(m.id);
      if (!slot.waiting.size) slot.worker.unref();
      if (m.ok) w.resolve(m.value);
      else w.reject(receiveError(m.error));
    });
    // A worker that dies takes its jobs with it: they fail, and the next job starts a new worker.
    const fail = (e: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      for (const w of slot.waiting.values()) w.reject(e);
      slot.waiting.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(this.closed ? new WorkersClosedError() : new Error(`import worker stopped (exit ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private send(slot: Slot, message: (id: number) => ToWorker): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      // A worker with work keeps the process alive (a script awaiting an import); an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(message(id));
    });
  }
}
