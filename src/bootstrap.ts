import type { Config } from './config';
import { openDatabase } from './db/connection';
import { migrate } from './db/migrate';
import { createServices, type Services } from './services';
import type { Clock } from './shared/clock';
import { systemClock } from './shared/clock';

/** Opens the database file, applies pending migrations and builds the services. */
export function bootstrap(config: Config, clock: Clock = systemClock): { services: Services; applied: string[] } {
  const db = openDatabase(config.databaseFile);
  const applied = migrate(db);
  return { services: createServices(config, db, clock), applied };
}
