/**
 * An import worker thread (src/imports/import-workers.ts starts it): its own connection to
 * the server's database file (WAL lets the server's readers go on meanwhile) and its own
 * services, built as the server builds them, run one import job at a time — read, check,
 * commit, evaluate the round, sync cases — and send back the result or the error. Case
 * notices go out from here with the same mail settings; "settle" waits for them.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from './config';
import { openDatabase } from './db';
import { sendError, type ImportJob, type ToWorker, type UploadRequest } from './imports';
import { createServices } from './services';

const config = workerData as Config;

/**
 * Lower this thread's CPU priority (nice 10, Linux: a thread has its own id and priority),
 * so that on a small machine the request thread wins the CPU when both want it: with two
 * workers reading files and the request thread answering pages on two cores, the request
 * thread was descheduled for up to 300 ms at a time (bench:load, issue 19). Elsewhere, or
 * if refused, the thread runs at normal priority.
 */
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) os.setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: normal priority.
}
// A Buffer crosses the thread boundary as a plain Uint8Array.
if (config.backup.key) config.backup.key = Buffer.from(config.backup.key);

/**
 * The job's time: the caller's clock when it gave one (tests with a fixed clock stay
 * deterministic), else the system clock. One job runs at a time, so one variable will do.
 */
let fixedNow: string | null = null;
const db = openDatabase(config.databaseFile);
// A worker waits for the write lock longer than a request would: with two workers, one
// committing while the other evaluates a 100,000-pupil round, five seconds ran out under
// load (bench:load, issue 19) and the upload failed with "database is locked". Nothing
// waits on this thread but the job itself.
db.pragma('busy_timeout = 60000');
const services = createServices(config, db, () => (fixedNow ? new Date(fixedNow) : new Date()));

async function run(job: ImportJob): Promise<unknown> {
  fixedNow = job.now;
  if (job.kind === 'evaluate') return services.evaluation.evaluateRound(job.actor, (job.request as { roundId: number }).roundId);
  const req = job.request as UploadRequest;
  return job.kind === 'preview' ? services.imports.preview(job.actor, req) : services.imports.importFile(job.actor, req);
}

/**
 * Moves the WAL's committed pages into the database file here, off the request thread
 * (which checkpoints only as a last resort, see bootstrap.ts): after each job, and every
 * few seconds for the request thread's own small writes (audit entries, sessions).
 * PASSIVE never waits for readers or writers; what a reader still needs is moved next time.
 */
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Another checkpoint under way: this one is not needed.
  }
};
setInterval(checkpoint, 5_000).unref();

parentPort!.on('message', (m: ToWorker) => {
  const work = 'job' in m ? run(m.job).finally(checkpoint) : services.settle();
  work.then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: sendError(e) }),
  );
});
