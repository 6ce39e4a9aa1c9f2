import { systemActor } from '../shared';
import { parseId } from '../shared';
import { UsageError, one, type ParsedArgs } from './args';
import type { CliContext, CommandResult } from './commands';

// Run by the municipality's IT on the server, acting as an administrator.
const cli = systemActor('cli');

function roundOption(args: ParsedArgs): number {
  const roundId = parseId(one(args, 'round', true));
  if (roundId === null) throw new UsageError('--round ska vara omgångens id (ett heltal)');
  return roundId;
}

/** `feed …`: the SS 12000 feed (docs/ss12000.md). The secret is read from stdin and never printed. */
export const FEED_COMMANDS: Record<string, (ctx: CliContext) => Promise<CommandResult> | CommandResult> = {
  'feed add': async ({ services, args, readStdin }) => {
    const cert = one(args, 'cert');
    const secret = args.flags.has('secret-stdin') ? (await readStdin()).replace(/\r?\n$/, '') : '';
    const view = services.feeds.save(cli, {
      baseUrl: one(args, 'base-url', true),
      authKind: cert ? 'certificate' : 'client_credentials',
      tokenUrl: one(args, 'token-url') ?? '',
      clientId: one(args, 'client-id') ?? '',
      clientSecret: secret,
      scope: one(args, 'scope') ?? '',
      certFile: cert ?? '',
      keyFile: one(args, 'key') ?? '',
      requestsPerSecond: one(args, 'rate') ?? '',
      enabled: !args.flags.has('disabled'),
    });
    return { json: { feed: view }, text: `Flödet är sparat: ${view.baseUrl} (${view.authKind === 'certificate' ? 'certifikat' : 'klient-id och hemlighet'}).` };
  },

  'feed list': ({ services }) => {
    const feed = services.feeds.settings(cli);
    const units = services.feeds.units(cli).map((u) => ({ schoolUnitId: u.schoolUnitId, displayName: u.displayName, school: u.school?.code ?? null }));
    const rounds = services.feeds.rounds(cli).map((r) => ({
      id: r.round.id,
      name: r.round.name,
      state: r.round.state,
      enabled: r.enabled,
      runs: services.feeds.latestRuns(cli, r.round.id).map((run) => ({
        school: run.school?.code ?? null,
        status: run.status,
        finishedAt: run.finishedAt,
        pupils: run.pupils,
        message: run.message,
      })),
    }));
    const text = feed
      ? [
          `Flöde: ${feed.baseUrl} (${feed.authKind === 'certificate' ? 'certifikat' : `klient-id ${feed.clientId}, hemlighet ${feed.hasSecret ? 'sparad' : 'saknas'}`})${feed.enabled ? '' : ' (avslaget)'}`,
          ...units.map((u) => `  ${u.school ?? '–'}  ${u.displayName}  (${u.schoolUnitId})`),
          ...rounds.map((r) => `Omgång ${r.id} ${r.name}: ${r.enabled ? 'flödet på' : 'flödet av'}`),
          ...rounds.flatMap((r) => r.runs.map((x) => `  ${x.school}  ${x.status === 'ok' ? 'ok' : 'misslyckades'}  ${x.finishedAt ?? ''}  ${x.message ?? ''}`)),
        ].join('\n')
      : 'Inget flöde är inställt.';
    return { json: { feed, units, rounds }, text };
  },

  'feed test': async ({ services }) => {
    const r = await services.feeds.test(cli);
    if (!r.ok) return { json: { ok: false, message: r.message }, text: r.message, exitCode: 1 };
    return {
      json: r,
      text: [
        `Skolsystemet svarade: ${r.units.length} skolenheter, ${r.units.filter((u) => u.school).length} kopplade.`,
        ...r.units.map((u) => `  ${u.schoolUnitCode ?? '–'}  ${u.displayName}  → ${u.school ? u.school.name : 'ingen skola med koden'}`),
        ...(r.schoolsWithoutUnit.length ? [`Skolor utan skolenhet: ${r.schoolsWithoutUnit.map((s) => `${s.code} ${s.name}`).join(', ')}`] : []),
      ].join('\n'),
    };
  },

  'feed enable': ({ services, args }) => {
    const roundId = roundOption(args);
    services.feeds.setRound(cli, roundId, true);
    return { json: { round: roundId, enabled: true }, text: `Flödet fyller nu omgång ${roundId}.` };
  },

  'feed disable': ({ services, args }) => {
    const roundId = roundOption(args);
    services.feeds.setRound(cli, roundId, false);
    return { json: { round: roundId, enabled: false }, text: `Flödet fyller inte längre omgång ${roundId}.` };
  },

  'feed run': async ({ services, args }) => {
    const r = await services.feeds.run(cli, roundOption(args));
    const failed = r.schools.filter((s) => s.status === 'failed');
    return {
      json: r,
      text: [
        `Omgång ${r.round}, närvaro ${r.from} – ${r.to}: ${r.schools.length - failed.length} skolor inlästa, ${failed.length} misslyckades.`,
        ...r.schools.map(
          (s) => `  ${s.school.code}  ${s.school.name}  ${s.status === 'ok' ? `${s.pupils} elever` : 'misslyckades'}${s.message ? `: ${s.message}` : ''}`,
        ),
      ].join('\n'),
      exitCode: failed.length ? 1 : 0,
    };
  },
};
