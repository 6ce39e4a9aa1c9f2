/**
 * A child process for tests/integration/import-kill.test.ts: opens the data folder given
 * (argv: dataDir, roundId, schoolCode, csvFile, and the clock's fixed time) as a server would, imports the file once
 * through the real ImportService and exits. It prints "ready" just before the import
 * starts and "done" after it, so that the test can kill it (SIGKILL) at chosen points.
 */
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';

async function main(): Promise<void> {
  const [dataDir, roundId, schoolCode, csvFile, now] = process.argv.slice(2);
  const config = loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: dataDir! });
  const { services } = bootstrap(config, () => new Date(now!));
  process.stdout.write('ready\n');
  const report = await services.imports.importFile(systemActor('kill-test'), {
    roundId: Number(roundId),
    schoolCode: schoolCode!,
    filePath: csvFile!,
    fileName: 'närvaro.csv',
  });
  services.close();
  process.stdout.write(`done ${report.status}\n`);
}

void main();
