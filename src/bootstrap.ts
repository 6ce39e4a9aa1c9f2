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
 */
export function bootstrap(
  config: Config,
  clock: Clock = systemClock,
  options: { sweepFiles?: boolean; rawFileGraceMs?: number; importWorkers?: boolean } = {},
): StartUp {
  const db = openDatabase(config.databaseFile);
  const applied = migrate(db);
  const importRunner = options.importWorkers ? new ImportWorkerPool(importWorkerEntry(), config.imports.concurrency, config) : undefined;
  const services = createServices(config, db, clock, { importRunner });
  const evaluated = services.evaluation.evaluatePending(systemActor('start-up'));
  const removed = options.sweepFiles
    ? // A pending preview's file stays: the preview outlives the restart (failInterrupted marks one that was in work).
      services.imports.sweepOrphanFiles(path.join(config.dataDir, 'tmp'), options.rawFileGraceMs ?? 10 * 60_000, services.pendingPreviews.files())
    : { rawFiles: 0, tmpFiles: 0 };
  // The server's start: previews a stopped server was reading or committing get no answer now.
  if (options.sweepFiles) services.pendingPreviews.failInterrupted();
  return { services, db, applied, evaluated, removed };
}

/** The worker's module beside this one: .js when compiled (npm start), .ts from source (tsx, ts-jest). */
function importWorkerEntry(): string {
  return path.join(__dirname, `import-worker${path.extname(__filename)}`);
}
