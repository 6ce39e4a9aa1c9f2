/** Worker thread entry: waits for its job, reads that part of a CSV (part-job.ts) and posts what it found. */
import { parentPort } from 'node:worker_threads';
import { interpretPart, type PartJob } from './part-job';
import type { PartMessage } from './second-half';

parentPort!.once('message', (job: PartJob) => {
  interpretPart(job).then(
    (part) => {
      const message: PartMessage = { ok: true, part };
      // The day arrays move to the main thread instead of being copied.
      parentPort!.postMessage(message, [part.pupils.dayRanks.buffer as ArrayBuffer, part.pupils.dayRows.buffer as ArrayBuffer]);
    },
    (err: unknown) => {
      const message: PartMessage = { ok: false, reason: err instanceof Error ? err.message : String(err) };
      parentPort!.postMessage(message);
    },
  );
});
