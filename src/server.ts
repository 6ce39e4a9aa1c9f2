import { systemActor } from './shared';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { seedDemo, isEmpty } from './demo';
import { ensureFirstAdmin } from './users';
import { createLogger } from './logging';
import { startReminderScheduler } from './rounds';
import fs from 'node:fs';
import path from 'node:path';
import { PID_FILE } from './backup';
import { startDailyJobs } from './shared';
import { startEventLoopReport } from './health';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const { services, applied, evaluated, removed } = bootstrap(config, undefined, { sweepFiles: true, importWorkers: true, warmWorkers: true });
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  if (evaluated.length) logger.warn({ rounds: evaluated }, 'rounds left with a pending evaluation were evaluated');
  if (removed.rawFiles || removed.tmpFiles) logger.info(removed, 'leftover upload files removed');

  if (config.production) {
    const link = await ensureFirstAdmin(services);
    if (link) {
      // Printed once, to the operator's console: the only way in on a new installation.
      console.log(`\nSaknad: no administrator has a password yet. Set it within 72 hours at:\n  ${config.baseUrl}${link}\n`);
    }
  } else if (config.env === 'development' && isEmpty(services)) {
    // Demo data only for a newcomer's laptop: never in production, never under test.
    await seedDemo(services);
    console.log('Saknad: fresh database, demo data seeded (see README for the demo accounts).');
  }

  // Off unless SAKNAD_REPORT_EVENT_LOOP is set (the load benchmark sets it; see config.ts).
  const stopEventLoopReport = config.eventLoopReportFile ? startEventLoopReport(config.eventLoopReportFile) : () => undefined;
  const app = createApp(services, logger);
  const server = app.listen(config.port, () => {
    console.log(`Saknad is running at ${config.baseUrl} (data in ${config.dataDir})`);
  });
  // Hourly: reminders to schools that have not confirmed (each step goes once; `reminders run` does the same from cron).
  const stopReminders = startReminderScheduler(
    {
      run: async () => {
        // The SS 12000 feed fills the open rounds it is on for (never throws; failures are on the board).
        for (const line of await services.feeds.runScheduled(systemActor('scheduler'))) logger.warn(line);
        await services.referrals.remindOverdue(systemActor('scheduler'));
        return services.reminders.run();
      },
    },
    60 * 60_000,
  );
  // Nightly, in production: a backup at 02 and retention at 03 (Stockholm time); `backup
  // create` and `retention run` do the same from cron or by hand. Without a key the backup
  // is refused and logged at every check, and /readyz shows it as stale. Not on a
  // newcomer's laptop: retention would delete the demo's past cases (dated years back).
  const scheduler = systemActor('scheduler');
  const stopNightly = config.production
    ? startDailyJobs(
        [
          {
            name: 'backup',
            hour: 2,
            lastRunAt: () => services.backups.lastBackupAt(),
            run: async () => logger.info(await services.backups.nightly(scheduler), 'nightly backup written'),
          },
          {
            name: 'retention',
            hour: 3,
            lastRunAt: () => services.retention.lastRunAt(),
            run: () => {
              const r = services.retention.run(scheduler, { dryRun: false });
              logger.info({ rounds: r.rounds.length, auditEntries: r.auditEntries, tmpFiles: r.tmpFiles, backups: r.backups }, 'retention run');
            },
          },
        ],
        services.clock,
        (line) => logger.error(line),
      )
    : () => undefined;
  // While this file names a live process, `backup restore` refuses to replace the database.
  const pidFile = path.join(config.dataDir, PID_FILE);
  fs.writeFileSync(pidFile, String(process.pid));
  const stop = () => {
    stopReminders();
    stopNightly();
    stopEventLoopReport();
    fs.rmSync(pidFile, { force: true });
    server.close(() => {
      // Mail an upload started (case notices) goes out before the database closes.
      void services.settle().finally(() => {
        services.close();
        process.exit(0);
      });
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
