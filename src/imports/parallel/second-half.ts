/**
 * Reads the second half of a large CSV on a worker thread while the import reads the
 * first half: on two cores the file is read and checked in less time than one reader
 * takes. The worker only ever answers; whatever goes wrong there (an error in the file
 * too), the import reads the rest itself, so the outcome never depends on the worker.
 */
import path from 'node:path';
import { startModuleWorker } from '../../shared/module-worker';
import type { PartJob, PartResult } from './part-job';

export type PartMessage = { ok: true; part: PartResult } | { ok: false; reason: string };

export interface SecondHalf {
  /** Rows before the cut: the first half is the rows up to and including this number. */
  rowsBefore: number;
  result: Promise<PartMessage>;
}

/**
 * A worker started before its job is known, so that loading its modules overlaps with
 * the import's own start (finding the header, the cut). `read` gives it the job; `stop`
 * ends it, read or not (safe to call again, and after it has answered).
 */
export interface SecondHalfWorker {
  read(job: PartJob): SecondHalf;
  stop(): void;
}

export function startSecondHalfWorker(): SecondHalfWorker {
  const worker = startModuleWorker(path.join(__dirname, `part-worker${path.extname(__filename)}`), null);
  const result = new Promise<PartMessage>((resolve) => {
    worker.once('message', resolve);
    // `on`, not `once`: an error event without a listener would end the whole process.
    worker.on('error', (err) => resolve({ ok: false, reason: err.message }));
    worker.once('exit', (code) => resolve({ ok: false, reason: `the worker stopped (exit code ${code})` }));
  });
  return {
    read(job) {
      worker.postMessage(job);
      return { rowsBefore: job.split.rowsBefore, result };
    },
    stop: () => void worker.terminate(),
  };
}
