import { systemActor } from '../shared';
import type { Services } from '../services';
import fs from 'node:fs';
import path from 'node:path';
import type { Round } from '../rounds';
import type { School } from '../schools';
import { NotFoundError, parseId } from '../shared';
import { flagsJson } from '../rules';
import { feedFailureLine, SCHOOL_STATUS_SV, type SchoolStatus } from '../rounds';
import type { FlaggedPupil } from '../rules';
import { UsageError, many, one, type ParsedArgs } from './args';
import { STATUS_LABELS } from '../imports';
import { parseStatusAssignments, STATUS_NAMES } from '../imports';
import { plural } from '../i18n';

export interface CliContext {
  services: Services;
  args: ParsedArgs;
  readStdin: () => Promise<string>;
}

/** What a command returns: the JSON document, and the line(s) a person reads without --json. */
export interface CommandResult {
  json: unknown;
  text: string;
  /** Default 0; an import that rejects the file says 1 but still prints its report. */
  exitCode?: number;
}

type Command = (ctx: CliContext) => Promise<CommandResult> | CommandResult;

// The CLI is run by the municipality's IT on the server itself, acting as an administrator.
const cli = systemActor('cli');

const schoolJson = (s: School) => ({ id: s.id, code: s.code, name: s.name, type: s.type, active: s.active });

export const COMMANDS: Record<string, Command> = {
  'school add': ({ services, args }) => {
    const s = services.schools.create(cli, { code: one(args, 'code', true), name: one(args, 'name', true), type: one(args, 'type') ?? 'grundskola' });
    return { json: schoolJson(s), text: `Skolan är tillagd: ${s.code} ${s.name} (${s.type})` };
  },

  'school list': ({ services }) => {
    const schools = services.schools.list(cli);
    return {
      json: { schools: schools.map(schoolJson) },
      text: schools.length ? schools.map((s) => `${s.code}  ${s.name}  ${s.type}${s.active ? '' : '  (inaktiv)'}`).join('\n') : 'Inga skolor.',
    };
  },

  'user add': async ({ services, args, readStdin }) => {
    let password: string | undefined;
    if (args.flags.has('password-stdin')) password = (await readStdin()).replace(/\r?\n$/, '');
    const input = { email: one(args, 'email', true), name: one(args, 'name', true), roles: many(args, 'role'), schoolCodes: many(args, 'school') };
    if (input.roles.length === 0) throw new UsageError('--role saknas (admin, principal, coordinator eller social_services)');
    const u = await services.users.create(cli, input, password);
    const schools = services.schools.list(cli);
    const codes = u.roles.filter((r) => r.schoolId !== null).map((r) => schools.find((s) => s.id === r.schoolId)!.code);
    return {
      json: { id: u.id, email: u.email, name: u.name, roles: [...new Set(u.roles.map((r) => r.role))], schools: codes, hasPassword: u.hasPassword },
      text: `Användaren är skapad: ${u.email}` + (u.hasPassword ? '' : ' (inget lösenord; skicka en länk från administrationssidan)'),
    };
  },

  'token create': ({ services, args }) => {
    const email = one(args, 'email', true);
    const { token, record } = services.tokens.createFor(cli, email, { name: one(args, 'name') ?? 'Skapad från kommandoraden' });
    return { json: { token, id: record.id, email, name: record.name }, text: token };
  },
};

function roundOption(args: ParsedArgs): number {
  const roundId = parseId(one(args, 'round', true));
  if (roundId === null) throw new UsageError('--round ska vara omgångens id (ett heltal)');
  return roundId;
}

function flagLines(flagged: FlaggedPupil[]): string[] {
  return flagged.flatMap((f) => [
    `${f.pupil.personalNumber}  ${f.pupil.name ?? '(skyddad identitet)'}  ${f.school.code}  ${f.severity}`,
    ...f.rules.map((r) => `    ${r.id}: ${r.explanation}`),
  ]);
}

export const USAGE = `Användning: npm run --silent cli -- <kommando> [--json]

  school add --code KOD --name NAMN [--type grundskola|gymnasieskola|anpassad]
  school list
  user add --email E --name N --role ROLL [--role ROLL]... [--school KOD]... [--password-stdin]
  token create --email E [--name NAMN]
  round create --name N --break summer|christmas|autumn|winter|easter|other --term-start ÅÅÅÅ-MM-DD
               [--window-days N] [--deadline ÅÅÅÅ-MM-DD] [--recheck-date ÅÅÅÅ-MM-DD] [--school KOD]...
  round list
  round open --round ID        öppnar omgången och bjuder in skolornas rektorer via e-post
  round close --round ID       stänger omgången (inga fler inläsningar eller rapporter)
  round status --round ID [--status S]  skolornas status: inläst, bekräftad, nollrapport, försenad (S filtrerar)
  import --round ID --school KOD [--sheet FLIK] [--status ORD=BETYDELSE]... FIL
                               BETYDELSE: present, valid, unexplained, unknown eller not_reported;
                               skolans sparade val används, och --status sparas för skolan
  evaluate --round ID          utvärderar omgången och skriver flaggade elever
  flags --round ID             skriver flaggade elever
  retention run [--dry-run]    gallrar det som passerat sin tid (för cron); --dry-run visar per omgång och slag vad som skulle raderas, utan att ändra något
  backup create [--to MAPP]    skriver en krypterad säkerhetskopia (databas och inlästa filer) med SAKNAD_BACKUP_KEY
  backup verify FIL            dekrypterar och kontrollerar en säkerhetskopia (integritet, migrering, antal)
  backup restore FIL [--force] återställer en säkerhetskopia i SAKNAD_DATA_DIR; servern ska vara stoppad
  feed add --base-url URL (--token-url URL --client-id ID --secret-stdin [--scope S] | --cert FIL --key FIL)
           [--rate N] [--disabled]   sparar SS 12000-flödets inställningar (hemligheten läses från standard in och visas aldrig)
  feed list                    flödets inställningar, kopplade skolenheter, omgångar och senaste hämtning per skola
  feed test                    hämtar skolenheterna och kopplar dem till skolor efter skolenhetskod
  feed enable --round ID       flödet fyller omgången (varje timme medan den är öppen); feed disable --round ID slår av
  feed run --round ID          hämtar elevlistor och närvaro för omgångens kopplade skolor nu; slutkod 1 om någon skola misslyckades
  reminders run                skickar dagens påminnelser till rektorer för skolor som inte bekräftat och till socialtjänst om obekräftade orosanmälningar (för cron)

Med --json skrivs exakt ett JSON-dokument till standard ut.
Slutkod 0 = klart, 1 = uppgifterna godtogs inte, 2 = fel användning.`;

const roundJson = (r: Round & { schoolIds?: number[] }, schools: School[]) => ({
  id: r.id,
  name: r.name,
  break: r.breakType,
  termStart: r.termStart,
  windowDays: r.windowDays,
  deadline: r.deadline,
  recheckDate: r.recheckDate,
  state: r.state,
  ...(r.schoolIds ? { schools: r.schoolIds.map((id) => schools.find((s) => s.id === id)?.code) } : {}),
});

Object.assign(COMMANDS, {
  'round create': ({ services, args }: CliContext): CommandResult => {
    const r = services.rounds.create(cli, {
      name: one(args, 'name', true),
      breakType: one(args, 'break', true),
      termStart: one(args, 'term-start', true),
      windowDays: one(args, 'window-days'),
      deadline: one(args, 'deadline'),
      recheckDate: one(args, 'recheck-date'),
      schoolCodes: many(args, 'school'),
    });
    return {
      json: roundJson(r, services.schools.list(cli)),
      text: `Omgången är skapad: ${r.id} ${r.name} (terminsstart ${r.termStart}, ${r.windowDays} skoldagar)`,
    };
  },

  'round list': ({ services }: CliContext): CommandResult => {
    const rounds = services.rounds.list(cli);
    return {
      json: { rounds: rounds.map((r) => roundJson(r, [])) },
      text: rounds.length ? rounds.map((r) => `${r.id}  ${r.name}  ${r.termStart}  ${r.state}`).join('\n') : 'Inga omgångar.',
    };
  },

  'round open': async ({ services, args }: CliContext): Promise<CommandResult> => {
    const { round, invitations } = await services.rounds.open(cli, roundOption(args));
    return {
      json: { ...roundJson(round, services.schools.list(cli)), invitations },
      text: `Omgången ${round.name} är öppnad. ${plural(invitations, 'inbjudan', 'inbjudningar')} skickade.`,
    };
  },

  'round close': ({ services, args }: CliContext): CommandResult => {
    const round = services.rounds.close(cli, roundOption(args));
    return { json: roundJson(round, services.schools.list(cli)), text: `Omgången ${round.name} är stängd.` };
  },

  'round status': ({ services, args }: CliContext): CommandResult => {
    const roundId = roundOption(args);
    const status = one(args, 'status');
    if (status !== undefined && !(status in SCHOOL_STATUS_SV)) throw new UsageError(`--status ska vara en av ${Object.keys(SCHOOL_STATUS_SV).join(', ')}`);
    const { schools: board, counts } = services.schoolReports.boardWithCounts(cli, roundId, status as SchoolStatus | undefined);
    return {
      json: { round: roundId, schools: board, counts },
      text:
        board
          .map(
            (b) =>
              `${b.school.code}  ${b.school.name}  ${SCHOOL_STATUS_SV[b.status]}  flaggade: ${b.flaggedPupils}${b.reset ? `  (${b.reset.hint})` : ''}` +
              (b.feedFailure ? `  ${feedFailureLine(b.feedFailure)}` : ''),
          )
          .join('\n') || 'Inga skolor.',
    };
  },

  evaluate: ({ services, args }: CliContext): CommandResult => {
    const roundId = roundOption(args);
    const summary = services.evaluation.evaluateRound(cli, roundId);
    const flagged = services.rules.listFlags(cli, roundId);
    return {
      json: flagsJson(roundId, flagged),
      text: [
        `Omgång ${roundId} är utvärderad med regeluppsättning version ${summary.ruleSetVersion}: ${summary.flaggedPupils} flaggade elever (${summary.flags.new} nya flaggor, ${summary.flags.cleared} avförda).`,
        ...flagLines(flagged),
      ].join('\n'),
    };
  },

  flags: ({ services, args }: CliContext): CommandResult => {
    const roundId = roundOption(args);
    const flagged = services.rules.listFlags(cli, roundId);
    return { json: flagsJson(roundId, flagged), text: flagged.length ? flagLines(flagged).join('\n') : 'Inga flaggade elever.' };
  },

  'reminders run': async ({ services }: CliContext): Promise<CommandResult> => {
    const { sent, failed } = await services.reminders.run(cli);
    // Referrals social services have not confirmed in time: each reminded once.
    const referrals = await services.referrals.remindOverdue(cli);
    const line = (m: { round: number; school: string; to: string; step: string }) => `${m.round}  ${m.school}  ${m.to}  ${m.step}`;
    return {
      json: { sent, failed, referrals },
      text: [
        `${sent.length} påminnelser skickade.` + (failed.length ? ` ${failed.length} kunde inte skickas; nästa körning försöker igen.` : ''),
        `${referrals.sent} påminnelser om obekräftade orosanmälningar skickade.` + (referrals.failed ? ` ${referrals.failed} kunde inte skickas.` : ''),
        ...sent.map(line),
        ...failed.map((f) => `Kunde inte skickas: ${line(f)}: ${f.error}`),
      ].join('\n'),
      exitCode: failed.length ? 1 : 0,
    };
  },

  import: async ({ services, args }: CliContext): Promise<CommandResult> => {
    const file = args.positionals[1];
    if (!file || args.positionals.length > 2) throw new UsageError('Ange en fil: import --round ID --school KOD FIL');
    const roundId = roundOption(args);
    const statusWords = parseStatusAssignments(many(args, 'status'));
    if (!statusWords.ok) throw new UsageError(statusWords.errors.map((e) => `--status: ${e}`).join('\n'));
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new NotFoundError(`Filen ${file} finns inte.`);
    const report = await services.imports.importFile(cli, {
      roundId,
      schoolCode: one(args, 'school', true),
      filePath: file,
      fileName: path.basename(file),
      sheet: one(args, 'sheet'),
      statusWords: statusWords.words,
    });
    const chosenWords = report.statusWords
      .filter((w) => w.source === 'saved' || w.source === 'chosen')
      .map((w) => `Ordet ”${w.word}” läses som ${STATUS_LABELS[w.status!]}, ${w.source === 'saved' ? 'enligt skolans sparade val' : 'enligt --status'}.`);
    const unknownWords = report.statusWords.filter((w) => w.status === null).map((w) => `”${w.word}”`);
    const lines =
      report.status === 'committed'
        ? [
            `Inläst: ${report.pupils} elever, ${report.rows} rader, ${report.days} elevdagar.`,
            ...chosenWords,
            ...report.warnings.map((w) => `Varning${w.row ? ` rad ${w.row}` : ''}${w.column ? ` (${w.column})` : ''}: ${w.message}`),
          ]
        : [
            `Filen godtogs inte (${report.errorCount} fel). Inget har sparats.`,
            ...chosenWords,
            ...report.errors.map((e) => `Rad ${e.row ?? '–'}${e.column ? ` (${e.column})` : ''}: ${e.message}`),
            ...(unknownWords.length
              ? [`Okända närvaroord: ${unknownWords.join(', ')}. Ange vad de betyder med --status ORD=BETYDELSE (${STATUS_NAMES}).`]
              : []),
          ];
    return { json: report, text: lines.join('\n'), exitCode: report.status === 'committed' ? 0 : 1 };
  },
});
