import path from 'node:path';
import { systemActor } from './shared';
import type { Config } from './config';
import { openDatabase, type Db } from './db';
import { migrate } from './db';
import { createServices, type Services } from './services';
import { ImportWorkerPool } from './imports';
import type { Clock } from './shared';
import { systemClock } from './shared';

export interface StartUp {
  services: Services;
  /** The open database the services use (tests read it directly; closed by services.close()). */
  db: Db;
  applied: string[];
  /** Rounds whose evaluation an earlier process left pending, evaluated now. */
  evaluated: number[];
  /** Files removed by `sweepFiles` (zero when not asked). */
  removed: { rawFiles: number; tmpFiles: number };
}

/**
 * Opens the database file, applies pending migrations, builds the services and evaluates
 * every round an upload left "evaluation pending" (a process killed between an upload's
 * commit and its evaluation), so that nothing reads such a round first. With `sweepFiles`
 * (the server's start) raw files no upload row points to and temporary upload files are
 * removed too. A CLI import may be writing a raw file at that moment (it writes the file
 * before its commit), so raw files younger than `rawFileGraceMs` (default 10 minutes)
 * stay; the CLI never sweeps, since a live server's files may be in flight.
 * With `importWorkers` (the server, and tests of the web and API) imports run on worker
 * threads (src/import-worker.ts) off the request thread; the CLI imports in its own thread.
 * With `warmWorkers` (the server) they start now instead of at the first upload.
 */
export function bootstrap(
  config: Config,
  clock: Clock = systemClock,
  options: { sweepFiles?: boolean; rawFileGraceMs?: number; importWorkers?: boolean; warmWorkers?: boolean } = {},
): StartUp {
  const db = openDatabase(config.databaseFile);
  const applied = migrate(db);
  const importRunner = options.importWorkers ? new ImportWorkerPool(importWorkerEntry(), config.imports.concurrency, config) : undefined;
  // With workers, they move the WAL's pages into the database file (import-worker.ts): a
  // checkpoint on the request thread after a worker's large commit held every request for
  // 200–600 ms (bench:load, issue 19). This thread checkpoints only as a last resort.
  if (importRunner) db.pragma(`wal_autocheckpoint = ${REQUEST_THREAD_AUTOCHECKPOINT_PAGES}`);
  const services = createServices(config, db, clock, { importRunner });
  if (options.warmWorkers) importRunner?.warm();
  const evaluated = services.evaluation.evaluatePending(systemActor('start-up'));
  const removed = options.sweepFiles
    ? // A pending preview's file stays: the preview outlives the restart (failInterrupted marks one that was in work).
      services.imports.sweepOrphanFiles(path.join(config.dataDir, 'tmp'), options.rawFileGraceMs ?? 10 * 60_000, services.pendingPreviews.files())
    : { rawFiles: 0, tmpFiles: 0 };
  // The server's start: previews a stopped server was reading or committing get no answer now.
  if (options.sweepFiles) services.pendingPreviews.failInterrupted();
  return { services, db, applied, evaluated, removed };
}

/** About 40 MB of WAL (SQLite's default is 1,000 pages): reached only if the workers stopped checkpointing. */
const REQUEST_THREAD_AUTOCHECKPOINT_PAGES = 10_000;

/** The worker's module beside this one: .js when compiled (npm start), .ts from source (tsx, ts-jest). */
function importWorkerEntry(): string {
  return path.join(__dirname, `import-worker${path.extname(__filename)}`);
}
