import fs from 'node:fs';
import { bootstrap } from '../bootstrap';
import { loadConfig } from '../config';
import { seedDemo } from './seed';

/** `npm run demo`: throws away the local database and seeds fresh demo data. Stop the server first. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.production) {
    console.error('npm run demo refuses to run with NODE_ENV=production: it deletes the database.');
    process.exit(1);
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(config.databaseFile + suffix, { force: true });
  const { services } = bootstrap(config);
  await seedDemo(services);
  services.close();
  console.log(`Demo data seeded in ${config.databaseFile}.`);
}

void main();
