import type { Role } from '../shared';
import { sv } from './sv';

const catalogue: Record<string, string> = sv;

/** Looks up a UI string and fills {placeholders}; an unknown key shows itself so it is noticed. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const text = catalogue[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export const roleName = (role: Role): string => t(`role.${role}`);

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' });
}
