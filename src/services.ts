import type { Config } from './config';
import type { Db } from './db';
import { AuditRepository } from './audit';
import { AuditService } from './audit';
import { AuthService } from './auth';
import { PasswordHasher } from './shared';
import { SqliteSessionStore } from './auth';
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
import { ImportService } from './imports';
import path from 'node:path';
import { RulesRepository } from './rules';
import { RulesService } from './rules';
import { ReminderRepository } from './rounds';
import { ReminderService, type CaseAttentionNotice } from './rounds';
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

/**
 * The service graph, built once by the server, the CLI and the tests. Repositories are
 * made here and handed only to services: adapters never see SQL.
 */
export interface Services {
  config: Config;
  clock: Clock;
  audit: AuditService;
  auth: AuthService;
  users: UserService;
  schools: SchoolService;
  tokens: TokenService;
  settings: SettingsService;
  rounds: RoundService;
  imports: ImportService;
  rules: RulesService;
  schoolReports: SchoolReportService;
  reminders: ReminderService;
  watchList: WatchListService;
  followUps: FollowUpService;
  cases: CaseService;
  referrals: ReferralService;
  stats: StatsService;
  retention: RetentionService;
  backups: BackupService;
  health: HealthService;
  mail: MailService;
  sessionStore: SqliteSessionStore;
  /** Waits for mail started in the background (case notices after an upload); call before close() in a short-lived process. */
  settle(): Promise<void>;
  close(): void;
}

export function createServices(config: Config, db: Db, clock: Clock = systemClock): Services {
  const schoolRepo = new SchoolRepository(db);
  const userRepo = new UserRepository(db);
  const audit = new AuditService(new AuditRepository(db), clock);
  const mail = new MailService(
    { smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir, baseUrl: config.baseUrl },
    clock,
  );
  const passwords = new PasswordHasher(config.passwordCost);
  const auth = new AuthService(userRepo, audit, config.login, clock, passwords);
  const sessionStore = new SqliteSessionStore(db, config.sessionIdleMinutes * 60_000, config.sessionAbsoluteHours * 3_600_000, clock);
  const settings = new SettingsService(new SettingsRepository(db), audit, clock);
  const mailLog = new MailLogRepository(db);
  const rounds = new RoundService(new RoundRepository(db), schoolRepo, audit, clock, () => settings.nonSchoolDaySet(), {
    mail,
    mailLog,
    principalEmails: (schoolId) => userRepo.principalEmails(schoolId),
  });
  const watchRepo = new WatchListRepository(db);
  const followUpRepo = new FollowUpRepository(db);
  const rules = new RulesService(new RulesRepository(db), rounds, schoolRepo, audit, clock, {
    watchList: (roundId) => watchRepo.factsFor(roundId),
    transfers: (roundId) => followUpRepo.transfers(roundId),
  });
  // Case sync runs inside the evaluation's transaction, so its notices wait in `caseNotices`
  // until that transaction has committed (onEvaluationCommitted below): a rolled-back
  // evaluation tells no one. Sending ones are kept so a short-lived process (the CLI) can
  // wait for them (settle). `reminders` is made below and only called later.
  const pendingNotices = new Set<Promise<unknown>>();
  let caseNotices: CaseAttentionNotice[] = [];
  const cases = new CaseService(new CaseRepository(db), rules, followUpRepo, schoolRepo, audit, clock, { secondApproval: () => settings.get('secondApprovalRequired') }, (notices) => {
    caseNotices.push(...notices);
  });
  const sendCaseNotices = (): void => {
    const notices = caseNotices;
    caseNotices = [];
    if (!notices.length) return;
    const sending: Promise<unknown> = reminders
      .notifyCaseAttention(notices)
      .catch((e: unknown) => process.stderr.write(`Saknad: a case notice failed: ${e instanceof Error ? e.message : String(e)}\n`))
      .finally(() => pendingNotices.delete(sending));
    pendingNotices.add(sending);
  };
  // Cases follow the flags: every evaluation (upload, watch list, follow-up, rule change) syncs them.
  rules.onEvaluated((actor, roundId) => cases.syncRound(actor, roundId));
  const referrals = new ReferralService(new ReferralRepository(db), cases, rules, followUpRepo, settings, mail, audit, clock);
  // Every committed upload re-evaluates the whole round (siblings cross schools).
  const imports = new ImportService(new ImportRepository(db), rounds, schoolRepo, settings, audit, config.imports, path.join(config.dataDir, 'uploads'), clock, (actor, roundId) => rules.evaluateRound(actor, roundId));
  const reminders = new ReminderService(new ReminderRepository(db), mailLog, (schoolId) => userRepo.principalEmails(schoolId), mail, audit, clock, () => ({
    daysBefore: settings.get('reminderDaysBefore'),
    daysAfter: settings.get('reminderDaysAfter'),
  }));
  const schoolReports = new SchoolReportService(new SchoolReportRepository(db), rounds, imports, schoolRepo, audit, clock,
    (roundId, schoolId) => reminders.notifyConfirmed(roundId, schoolId),
    (roundId, schoolId, resetAt) => reminders.notifyReset(roundId, schoolId, resetAt),
    (roundId) => rules.isEvaluationPending(roundId));
  // A confirmation means "we have read what is stored now": a new upload or a change in the
  // school's flags undoes it, in the evaluation's transaction; the principals are told after.
  rules.onFlagSetChanged((actor, roundId, changed, at) => schoolReports.resetStale(actor, roundId, changed, at));
  rules.onEvaluationCommitted(() => {
    sendCaseNotices();
    void schoolReports.sendResetNotices();
  });
  const stats = new StatsService(new StatsRepository(db), audit, clock, {
    ruleTitles: () => rules.ruleTitles(),
    setting: (key) => settings.get(key),
    nonSchoolDays: () => settings.nonSchoolDaySet(),
  });
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
  const health = new HealthService({ repo: new HealthRepository(db), clock, latestMigration, backupMaxAgeHours: 26 });
  return {
    config,
    clock,
    audit,
    auth,
    mail,
    users: new UserService(userRepo, schoolRepo, audit, mail, clock, passwords, (id) => sessionStore.destroyForUser(id)),
    schools: new SchoolService(schoolRepo, audit, clock),
    tokens: new TokenService(new TokenRepository(db), auth, audit, clock),
    settings,
    rounds,
    imports,
    rules,
    followUps: new FollowUpService(followUpRepo, rounds, imports, audit, clock, (actor, roundId) => rules.evaluateRound(actor, roundId)),
    watchList: new WatchListService(watchRepo, rounds, imports, audit, clock, (actor, roundId) => rules.evaluateRound(actor, roundId)),
    schoolReports,
    reminders,
    cases,
    referrals,
    stats,
    retention,
    backups,
    health,
    sessionStore,
    async settle() {
      await Promise.all([...pendingNotices]);
    },
    close() {
      mail.close();
      db.close();
    },
  };
}
