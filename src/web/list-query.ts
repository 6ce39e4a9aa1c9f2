import { PAGE_SIZE } from '../shared';

/**
 * A list's filters as the query string its page links keep: empty values, the page itself
 * and the default page size are left out ("state=open&school=12345678").
 */
export function listQuery(filters: Record<string, unknown>): string {
  const kept: [string, string][] = [];
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'page' || v === undefined || v === null || v === '' || (k === 'limit' && v === PAGE_SIZE)) continue;
    kept.push([k, String(v)]);
  }
  return new URLSearchParams(kept).toString();
}
