import path from 'node:path';
import { systemActor } from '../shared';
import { BackupService, type Verification } from '../backup';
import type { Config } from '../config';
import { readMigrations } from '../db';
import type { RetentionReport } from '../retention';
import { systemClock } from '../shared';
import { UsageError, one, type ParsedArgs } from './args';
import type { CliContext, CommandResult } from './commands';

const cli = systemActor('cli');

const KINDS: [keyof RetentionReport['rounds'][number]['counts'], string][] = [
  ['roster', 'elevlistor'],
  ['attendance', 'närvaro'],
  ['flags', 'flaggor'],
  ['watchList', 'bevakning'],
  ['followUps', 'uppföljning'],
  ['contactAttempts', 'kontaktförsök'],
  ['rawFiles', 'filer'],
  ['feedRuns', 'hämtningar från skolsystemet'],
  ['feedEmigrations', 'utvandrade enligt skolsystemet'],
  ['cases', 'ärenden'],
  ['referrals', 'orosanmälningar'],
];

function retentionText(r: RetentionReport): string {
  const head = r.dryRun ? 'Provkörning: inget har ändrats. Nästa körning raderar:' : 'Gallringen är klar:';
  const rounds = r.rounds.map(
    (x) =>
      `  Omgång ${x.roundId} ${x.roundName} (stängd ${x.closedAt.slice(0, 10)}): ${KINDS.map(([k, label]) => `${label} ${x.counts[k]}`).join(', ')}; elever som behålls (öppet ärende) ${x.pupilsKept}`,
  );
  return [
    head,
    ...(rounds.length ? rounds : ['  Inga omgångar.']),
    `  Granskningslogg: ${r.auditEntries} poster. Tillfälliga filer: ${r.tmpFiles}. Säkerhetskopior: ${r.backups}.`,
  ].join('\n');
}

function fileArg(args: ParsedArgs, usage: string): string {
  const file = args.positionals[2];
  if (!file || args.positionals.length > 3) throw new UsageError(usage);
  return path.resolve(file);
}

const verificationText = (v: Verification) =>
  [
    `Säkerhetskopian är hel (${v.encrypted ? 'krypterad' : 'okrypterad'}), skriven ${v.createdAt}, migrering ${v.migration}.`,
    `  ${Object.entries(v.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; filer ${v.files}.`,
  ].join('\n');

/** Commands that need the services (an open database). */
export const OPS_COMMANDS: Record<string, (ctx: CliContext) => Promise<CommandResult> | CommandResult> = {
  'retention run': ({ services, args }) => {
    const report = services.retention.run(cli, { dryRun: args.flags.has('dry-run') });
    return { json: report, text: retentionText(report) };
  },

  'backup create': async ({ services, args }) => {
    const to = one(args, 'to');
    const { file, sizeBytes, manifest } = await services.backups.create(cli, to ? path.resolve(to) : undefined);
    return {
      json: { file, sizeBytes, encrypted: !!services.config.backup.key, ...manifest },
      text: `Säkerhetskopian är skriven: ${file} (${sizeBytes} byte).`,
    };
  },
};

/** A backup service without a database: verify and restore must not open (or create) the live file. */
function offlineBackups(config: Config): BackupService {
  return new BackupService({
    clock: systemClock,
    dataDir: config.dataDir,
    backupDir: config.backup.dir,
    key: config.backup.key,
    production: config.production,
    keep: config.backup.keep,
    latestMigration: Math.max(0, ...readMigrations().map((m) => m.version)),
  });
}

/** Commands run with the configuration only, the database closed. */
export const OFFLINE_COMMANDS: Record<string, (config: Config, args: ParsedArgs) => Promise<CommandResult>> = {
  'backup verify': async (config, args) => {
    const v = await offlineBackups(config).verify(fileArg(args, 'Ange en fil: backup verify FIL'));
    return { json: v, text: verificationText(v) };
  },

  'backup restore': async (config, args) => {
    const r = await offlineBackups(config).restore(fileArg(args, 'Ange en fil: backup restore FIL [--force]'), { force: args.flags.has('force') });
    return {
      json: r,
      text: [
        `Säkerhetskopian är återställd i ${config.dataDir}.`,
        verificationText(r),
        ...(r.movedAside ? [`Det som fanns förut ligger kvar i ${r.movedAside}.`] : []),
      ].join('\n'),
    };
  },
};
