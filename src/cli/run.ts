import { bootstrap } from '../bootstrap';
import { newCliRunId, withRequestId } from '../logging';
import { ConfigError, loadConfig } from '../config';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared';
import { UsageError, parseArgs } from './args';
import { COMMANDS, USAGE } from './commands';
import { OFFLINE_COMMANDS, OPS_COMMANDS } from './ops-commands';
import { BackupError } from '../backup';
import { FEED_COMMANDS } from './feed-commands';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'password-stdin', 'help', 'dry-run', 'force', 'secret-stdin', 'disabled']);

/**
 * Runs one CLI command and returns the exit code: 0 success, 1 rejected input (with a
 * JSON error under --json), 2 usage error. Never prints a stack trace.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: number, errCode: string, message: string, extra: Record<string, unknown> = {}) => {
    if (json) io.stdout(JSON.stringify({ error: { code: errCode, message, ...extra } }) + '\n');
    else io.stderr(`${message}\n`);
    return code;
  };
  let services;
  try {
    const args = parseArgs(argv, BOOLEAN_FLAGS);
    const name = args.positionals.slice(0, 2).join(' ');
    const offline = OFFLINE_COMMANDS[name];
    if (offline && !args.flags.has('help')) {
      const result = await withRequestId(newCliRunId(), () => offline(loadConfig(io.env), args));
      io.stdout((json ? JSON.stringify(result.json) : result.text) + '\n');
      return result.exitCode ?? 0;
    }
    const command = COMMANDS[name] ?? OPS_COMMANDS[name] ?? FEED_COMMANDS[name] ?? COMMANDS[args.positionals[0] ?? ''];
    if (args.flags.has('help') || !command) {
      if (!command && args.positionals.length) return fail(2, 'usage', `Okänt kommando: ${args.positionals.join(' ')}\n\n${USAGE}`);
      io.stderr(USAGE + '\n');
      return args.flags.has('help') ? 0 : 2;
    }
    services = bootstrap(loadConfig(io.env)).services;
    // One id for the whole run, on every audit row it writes.
    const s = services;
    const result = await withRequestId(newCliRunId(), () => command({ services: s, args, readStdin: io.readStdin }));
    io.stdout((json ? JSON.stringify(result.json) : result.text) + '\n');
    return result.exitCode ?? 0;
  } catch (e) {
    if (e instanceof UsageError) return fail(2, 'usage', `${e.message}\n\n${USAGE}`);
    if (e instanceof BackupError) return fail(1, e.code, e.message);
    if (e instanceof ValidationError) return fail(1, 'validation_failed', e.message, { fields: e.errors });
    if (e instanceof NotFoundError) return fail(1, 'not_found', e.message);
    if (e instanceof ForbiddenError) return fail(1, 'forbidden', e.message);
    if (e instanceof ConfigError) return fail(1, 'config', e.message);
    return fail(1, 'internal_error', `Ett oväntat fel uppstod: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    // Case notices an import started are sent before the database closes.
    await services?.settle();
    services?.close();
  }
}
