import { formatLocalDateTime } from '../calendar';
import { sv, type MessageKey } from './sv';

export type { MessageKey } from './sv';

/** The {placeholder} names in a message, read from its literal type ("{{x}}" shows x in braces). */
type Placeholders<S> = S extends `${string}{${infer V}}${infer Rest}` ? (V extends `${string}{${infer W}` ? W : V) | Placeholders<Rest> : never;
/** The variables message K needs: none, or exactly its placeholders. */
export type MessageVars<K extends MessageKey> = [Placeholders<(typeof sv)[K]>] extends [never]
  ? [vars?: Record<string, never>]
  : [vars: Record<Placeholders<(typeof sv)[K]>, string | number>];

/** Keys of messages without placeholders, for code that picks a message from a table. */
export type PlainMessageKey = { [K in MessageKey]: [Placeholders<(typeof sv)[K]>] extends [never] ? K : never }[MessageKey];
/** The rest of the keys that start with P: `KeySuffix<'severity.'>` is 'acute' | 'high' | …. */
export type KeySuffix<P extends string, Keys extends MessageKey = MessageKey> = Keys extends infer K ? (K extends `${P}${infer S}` ? S : never) : never;

const catalogue: Readonly<Record<string, string>> = sv;

function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/**
 * Looks up a Swedish message and fills its {placeholders}. The compiler accepts only the
 * catalogue's keys and asks for exactly the placeholders the message has.
 */
export function t<K extends MessageKey>(key: K, ...[vars]: MessageVars<K>): string {
  return fill(catalogue[key]!, (vars ?? {}) as Record<string, string | number>);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}

/** The rest of every key that starts with the prefix: keysWithPrefix('audit.action.') lists the labelled audit actions. */
export function keysWithPrefix(prefix: string): string[] {
  return Object.keys(catalogue)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

/**
 * The translator views get (res.locals.t): EJS is not type-checked, so the key is checked
 * when the page renders. Outside production an unknown key throws, so a typo in a view
 * fails the integration and browser tests; in production it shows the key rather than
 * break the page.
 */
export function viewT(key: string, vars: Record<string, string | number> = {}): string {
  if (!isMessageKey(key)) {
    if (process.env.NODE_ENV !== 'production') throw new Error(`Okänd textnyckel i vyn: ${key}`);
    return key;
  }
  return fill(catalogue[key]!, vars);
}

/** "1 inbjudan", "2 inbjudningar": the count followed by the form Swedish needs for it. */
export function plural(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}

/** A role's Swedish name; typed by the catalogue's role.* keys so i18n stays below shared (which uses it). */
export const roleName = (role: KeySuffix<'role.'>): string => t(`role.${role}`);

/** A stored instant as the pages and exports show it: Stockholm local time, "2026-08-18 10:03:00". */
export const formatDateTime = formatLocalDateTime;
