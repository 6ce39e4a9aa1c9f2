import type { Config } from './config';
import type { Db } from './db';
import { AuditRepository } from './audit';
import { AuditService } from './audit';
import { AuthService } from './auth';
import { PasswordHasher } from './shared';
import { SqliteSessionStore } from './auth';
import { OidcService, SecondFactorRepository, SecondFactorService } from './auth';
import { MailService } from './mail';
import { SchoolRepository } from './schools';
import { SchoolService } from './schools';
import { SettingsRepository } from './settings';
import { SettingsService } from './settings';
import type { Clock } from './shared';
import { systemClock } from './shared';
import { TokenRepository } from './tokens';
import { TokenService } from './tokens';
import { UserRepository } from './users';
import { UserService } from './users';
import { RoundRepository } from './rounds';
import { RoundService } from './rounds';
import { MailLogRepository } from './rounds';
import { SchoolReportRepository } from './rounds';
import { SchoolReportService } from './rounds';
import { WatchListRepository } from './watchlist';
import { WatchListService } from './watchlist';
import { FollowUpRepository } from './followup';
import { FollowUpService } from './followup';
import { ImportRepository } from './imports';
import { ImportService, PendingPreviewRepository, PendingPreviewService, type ImportRunner } from './imports';
import path from 'node:path';
import { RulesRepository } from './rules';
import { RulesService } from './rules';
import { ReminderRepository } from './rounds';
import { ReminderService } from './rounds';
import { ConfirmationResets } from './rounds';
import { FlagEvaluator } from './rules';
import { CaseSync } from './cases';
import { BackgroundEvaluation, RoundEvaluation, StartPages } from './app-services';
import { CaseRepository } from './cases';
import { CaseService } from './cases';
import { ReferralRepository } from './referrals';
import { ReferralService } from './referrals';
import { StatsRepository } from './stats';
import { StatsService } from './stats';
import { RetentionRepository, RetentionService } from './retention';
import { BackupRepository, BackupService } from './backup';
import { HealthRepository, HealthService } from './health';
import { readMigrations } from './db';
import { FeedRepository, FeedService, Ss12000Client, checkCivicNo } from './feeds';

/**
 * The service graph, built once by the server, the CLI and the tests, top down: each
 * service is made after everything it uses. Repositories are made here and handed only
 * to services: adapters never see SQL. What follows a change to a round's data (an
 * upload, a follow-up, a watch-list entry, a new rule set) is RoundEvaluation.evaluateRound
 * (src/app-services/round-evaluation.ts), step by step.
 */
export type Services = ReturnType<typeof createServices>;

/** `importRunner`: the server's pool of import worker threads (bootstrap); without it imports run in this thread. */
export function createServices(config: Config, db: Db, clock: Clock = systemClock, options: { importRunner?: ImportRunner } = {}) {
  const schoolRepo = new SchoolRepository(db);
  const userRepo = new UserRepository(db);
  const auditRepo = new AuditRepository(db);
  const audit = new AuditService({ repo: auditRepo, clock });
  const mail = new MailService({
    cfg: { smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir, baseUrl: config.baseUrl },
    clock,
  });
  const passwords = new PasswordHasher(config.passwordCost);
  const settings = new SettingsService({ repo: new SettingsRepository(db), audit, clock });
  const auth = new AuthService({
    users: userRepo,
    audit,
    passwords,
    mail,
    policy: config.login,
    clock,
    secret: config.sessionSecret,
    settings,
    oidcOn: config.oidc !== null,
  });
  const sessionStore = new SqliteSessionStore(db, config.sessionIdleMinutes * 60_000, config.sessionAbsoluteHours * 3_600_000, clock);
  const mailLog = new MailLogRepository(db);
  const rounds = new RoundService({
    repo: new RoundRepository(db),
    schools: schoolRepo,
    audit,
    clock,
    nonSchoolDaySet: () => settings.nonSchoolDaySet(),
    workflow: { mail, mailLog, principalEmails: (schoolId) => userRepo.principalEmails(schoolId) },
  });
  const reminders = new ReminderService({
    repo: new ReminderRepository(db),
    mailLog,
    principalEmails: (schoolId) => userRepo.principalEmails(schoolId),
    mail,
    audit,
    clock,
    settings: () => ({ daysBefore: settings.get('reminderDaysBefore'), daysAfter: settings.get('reminderDaysAfter') }),
  });

  // What follows a change to a round's data, in the order RoundEvaluation.evaluateRound lists.
  const watchRepo = new WatchListRepository(db);
  const followUpRepo = new FollowUpRepository(db);
  const rulesRepo = new RulesRepository(db);
  const feedRepo = new FeedRepository(db);
  const schoolReportRepo = new SchoolReportRepository(db);
  const flags = new FlagEvaluator({
    repo: rulesRepo,
    rounds,
    clock,
    inputs: {
      watchList: (roundId) => watchRepo.factsFor(roundId),
      // A transfer the school recorded wins over SS 12000's "emigrated" (feed_emigrations).
      transfers: (roundId) => new Map([...feedRepo.emigrations(roundId), ...followUpRepo.transfers(roundId)]),
    },
  });
  const caseRepo = new CaseRepository(db);
  const caseSync = new CaseSync({ repo: caseRepo, audit, clock });
  const confirmations = new ConfirmationResets({ repo: schoolReportRepo, schools: schoolRepo, audit, reminders });
  const evaluation = new RoundEvaluation({ rounds, flags, pending: rulesRepo, cases: caseSync, confirmations, reminders, audit });

  const rules = new RulesService({
    repo: rulesRepo,
    rounds,
    schools: schoolRepo,
    audit,
    clock,
    flags,
    evaluation,
    // Read when flags are read, after `imports` below exists.
    evaluatingElsewhere: (roundId) => imports.importing(roundId),
  });
  const cases = new CaseService({
    repo: caseRepo,
    sync: caseSync,
    rules,
    followUps: followUpRepo,
    schools: schoolRepo,
    audit,
    clock,
    setting: { secondApproval: () => settings.get('secondApprovalRequired') },
  });
  const imports = new ImportService({
    repo: new ImportRepository(db),
    rounds,
    schools: schoolRepo,
    settings,
    audit,
    limits: config.imports,
    uploadsDir: path.join(config.dataDir, 'uploads'),
    clock,
    evaluation,
    runner: options.importRunner,
  });
  const feeds = new FeedService({
    repo: feedRepo,
    rounds,
    schools: schoolRepo,
    imports,
    evaluation,
    audit,
    clock,
    tmpDir: path.join(config.dataDir, 'tmp'),
    // The app clock for token expiry only: the client spaces requests on its own monotonic timer, so a frozen test clock never makes it wait.
    clientFor: (options) => new Ss12000Client({ ...options, clock }),
    checkCivicNo: (value) => checkCivicNo(value, clock()),
  });
  // After a follow-up or watch-list change: on a worker in the server, here otherwise.
  const afterChange = new BackgroundEvaluation({ evaluation, pending: rulesRepo, workers: options.importRunner ? imports : null, clock });
  const schoolReports = new SchoolReportService({
    repo: schoolReportRepo,
    rounds,
    imports,
    schools: schoolRepo,
    audit,
    clock,
    reminders,
    evaluationPending: (roundId) => rules.isEvaluationPending(roundId),
    feedFailures: (roundId) => feeds.lastFailures(roundId),
  });
  const referrals = new ReferralService({ repo: new ReferralRepository(db), cases, rules, followUps: followUpRepo, settings, mail, audit, clock });
  const stats = new StatsService({
    repo: new StatsRepository(db),
    audit,
    clock,
    lookups: {
      ruleTitles: () => rules.ruleTitles(),
      setting: (key) => settings.get(key),
      nonSchoolDays: () => settings.nonSchoolDaySet(),
    },
  });

  // Operations: backups, retention (which freezes statistics before it deletes), health.
  const latestMigration = Math.max(0, ...readMigrations().map((m) => m.version));
  const backups = new BackupService({
    repo: new BackupRepository(db),
    audit,
    clock,
    dataDir: config.dataDir,
    backupDir: config.backup.dir,
    key: config.backup.key,
    production: config.production,
    keep: config.backup.keep,
    latestMigration,
  });
  const retention = new RetentionService({
    repo: new RetentionRepository(db),
    audit,
    clock,
    settings,
    dataDir: config.dataDir,
    tmpDir: path.join(config.dataDir, 'tmp'),
    snapshotRound: (roundId) => stats.snapshotRound(roundId),
    pruneBackups: (before, dryRun) => backups.prune(before, dryRun),
  });
  const schools = new SchoolService({ repo: schoolRepo, audit, clock });
  const health = new HealthService({ repo: new HealthRepository(db), clock, latestMigration, backupMaxAgeHours: 26 });
  return {
    config,
    clock,
    audit,
    auth,
    secondFactor: new SecondFactorService({
      repo: new SecondFactorRepository(db),
      users: userRepo,
      audit,
      clock,
      forAll: () => settings.get('secondFactorForAll'),
    }),
    oidc: config.oidc ? new OidcService({ config: config.oidc, users: userRepo, audit, clock, actorFor: (id) => auth.actorFor(id) }) : null,
    mail,
    users: new UserService({ repo: userRepo, schools: schoolRepo, audit, mail, clock, passwords, endSessions: (id) => sessionStore.destroyForUser(id) }),
    schools,
    tokens: new TokenService({ repo: new TokenRepository(db), auth, audit, clock }),
    settings,
    rounds,
    imports,
    pendingPreviews: new PendingPreviewService({ repo: new PendingPreviewRepository(db), imports, audit, clock }),
    feeds,
    evaluation,
    rules,
    followUps: new FollowUpService({ repo: followUpRepo, rounds, imports, audit, clock, evaluation: afterChange }),
    watchList: new WatchListService({ repo: watchRepo, rounds, imports, audit, clock, evaluation: afterChange }),
    schoolReports,
    reminders,
    cases,
    referrals,
    stats,
    startPages: new StartPages({ rounds, schoolReports, schools, cases, referrals, rules, imports, clock }),
    retention,
    backups,
    health,
    sessionStore,
    /** Waits for mail started in the background (case notices after an upload); call before close() in a short-lived process. */
    async settle(): Promise<void> {
      await afterChange.settle();
      await evaluation.settle();
      await imports.settle();
    },
    /** Closes the database and the mailer, and stops the import workers (after settle(), so no mail is cut off). */
    close(): void {
      void imports.close();
      mail.close();
      auditRepo.close();
      db.close();
    },
  };
}
