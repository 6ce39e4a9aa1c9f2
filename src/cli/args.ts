/** A usage mistake (unknown command, missing option): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  positionals: string[];
  /** Every value given for an option, in order (options may repeat: --school A --school B). */
  options: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Minimal parser for `command sub --opt value --flag FILE`. Boolean flags are declared
 * so that `--json FILE` is not read as json=FILE.
 */
export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (booleanFlags.has(name)) {
      out.flags.add(name);
      continue;
    }
    const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} behöver ett värde`);
    out.options.set(name, [...(out.options.get(name) ?? []), value]);
  }
  return out;
}

export function one(args: ParsedArgs, name: string, required: true): string;
export function one(args: ParsedArgs, name: string, required?: false): string | undefined;
export function one(args: ParsedArgs, name: string, required = false): string | undefined {
  const v = args.options.get(name);
  if (!v || v.length === 0) {
    if (required) throw new UsageError(`--${name} saknas`);
    return undefined;
  }
  if (v.length > 1) throw new UsageError(`--${name} får bara anges en gång`);
  return v[0];
}

export const many = (args: ParsedArgs, name: string): string[] => args.options.get(name) ?? [];
