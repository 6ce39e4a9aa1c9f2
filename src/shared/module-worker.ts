import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running `file` (a module of this code base, given with the
 * extension of the caller's own file). Compiled, that is a .js file Node loads as it is;
 * run from source (the CLI and `npm run dev` under tsx, the tests under ts-jest), a .ts
 * file, which the worker loads through tsx's require hook.
 */
export function startModuleWorker(file: string, workerData: unknown): Worker {
  if (path.extname(file) !== '.ts') return new Worker(file, { workerData });
  const tsx = require.resolve('tsx/cjs');
  // No inherited flags: under the tsx command they would also start tsx's ESM loader in
  // the worker, which a CommonJS module loaded through the require hook never uses.
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { eval: true, workerData, execArgv: [] });
}
