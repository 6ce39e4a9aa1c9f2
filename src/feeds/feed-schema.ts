/**
 * The feed's settings as the admin page and `feed add` give them: checked here, every
 * problem an error naming its field (the page links each to its field).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { t } from '../i18n';
import type { FieldError } from '../shared';
import { AUTH_KINDS, type FeedRecord } from './feed-repository';

/**
 * What the admin may set: the stored settings without who changed them when. The secret
 * is write-only: `clientSecret` null (blank on the form) keeps the stored one.
 */
export type FeedInput = Omit<FeedRecord, 'updatedAt' | 'updatedByLabel'>;

const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null), z.string().max(2000).nullable());

/** http only to this machine (a test server); anything else must be https. */
function isFeedUrl(text: string): boolean {
  try {
    const u = new URL(text);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * A user name or password in the address (https://id:secret@host) would be shown on the
 * page, in the audit log and by `feed list`, which never show the secret: refused.
 */
function hasCredentials(text: string): boolean {
  try {
    const u = new URL(text);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

const schema = z.object({
  baseUrl: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\/+$/, '') : v),
    z
      .string({ error: t('feed.errors.baseUrl') })
      .refine(isFeedUrl, { message: t('feed.errors.baseUrl') })
      .refine((v) => !hasCredentials(v), { message: t('feed.errors.urlCredentials') }),
  ),
  authKind: z.enum(AUTH_KINDS, { message: t('feed.errors.authKind') }),
  tokenUrl: optionalText,
  clientId: optionalText,
  clientSecret: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : null), z.string().max(2000).nullable()),
  scope: optionalText,
  certFile: optionalText,
  keyFile: optionalText,
  requestsPerSecond: z.preprocess(
    (v) => (v === undefined || v === '' ? 5 : typeof v === 'string' ? Number(v.replace(',', '.')) : v),
    z
      .number({ message: t('feed.errors.rate') })
      .min(0.1, { message: t('feed.errors.rate') })
      .max(100, { message: t('feed.errors.rate') }),
  ),
  enabled: z.boolean(),
});

/**
 * The input checked, or every problem with it. `hasStoredSecret`: a secret is already
 * stored, so a blank one keeps it.
 */
export function parseFeedInput(raw: Record<string, unknown>, hasStoredSecret: boolean): { ok: true; value: FeedInput } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(raw);
  const seen = new Set<string>();
  const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'baseUrl'), message: i.message }));
  // The login's fields are checked even when another field failed: the page lists every problem at once.
  const text = (k: keyof FeedInput) => optionalText.safeParse(raw[k]).data ?? null;
  const v = parsed.success
    ? parsed.data
    : {
        authKind: raw.authKind,
        tokenUrl: text('tokenUrl'),
        clientId: text('clientId'),
        clientSecret: text('clientSecret'),
        certFile: text('certFile'),
        keyFile: text('keyFile'),
      };
  if (v.authKind === 'client_credentials') {
    if (!v.tokenUrl || !isFeedUrl(v.tokenUrl)) errors.push({ field: 'tokenUrl', message: t('feed.errors.tokenUrl') });
    else if (hasCredentials(v.tokenUrl)) errors.push({ field: 'tokenUrl', message: t('feed.errors.urlCredentials') });
    if (!v.clientId) errors.push({ field: 'clientId', message: t('feed.errors.clientId') });
    if (!v.clientSecret && !hasStoredSecret) errors.push({ field: 'clientSecret', message: t('feed.errors.clientSecret') });
  } else if (v.authKind === 'certificate') {
    for (const field of ['certFile', 'keyFile'] as const) {
      const file = v[field];
      if (!file) errors.push({ field, message: t(field === 'certFile' ? 'feed.errors.certFile' : 'feed.errors.keyFile') });
      else if (!readable(file)) errors.push({ field, message: t('feed.errors.fileUnreadable', { file }) });
    }
  }
  const unique = errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
  return parsed.success && !unique.length ? { ok: true, value: parsed.data } : { ok: false, errors: unique };
}

function readable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
