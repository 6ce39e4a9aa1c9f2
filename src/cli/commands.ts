import { systemActor } from '../auth/roles';
import type { Services } from '../services';
import type { School } from '../schools/school-repository';
import { UsageError, many, one, type ParsedArgs } from './args';

export interface CliContext {
  services: Services;
  args: ParsedArgs;
  readStdin: () => Promise<string>;
}

/** What a command returns: the JSON document, and the line(s) a person reads without --json. */
export interface CommandResult {
  json: unknown;
  text: string;
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

export const USAGE = `Användning: npm run --silent cli -- <kommando> [--json]

  school add --code KOD --name NAMN [--type grundskola|gymnasieskola|anpassad]
  school list
  user add --email E --name N --role ROLL [--role ROLL]... [--school KOD]... [--password-stdin]
  token create --email E [--name NAMN]

Med --json skrivs exakt ett JSON-dokument till standard ut.
Slutkod 0 = klart, 1 = uppgifterna godtogs inte, 2 = fel användning.`;
