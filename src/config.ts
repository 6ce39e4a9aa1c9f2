import path from 'node:path';
import type { ScryptCost } from './shared';
import type { XlsxTextCaps } from './imports';
import { z } from 'zod';

/**
 * The one place that reads process.env. Everything is validated once at start-up and a
 * bad value stops the process with a message naming the variable, so a misconfigured
 * server never half-starts with children's data behind it.
 */

const DEV_SESSION_SECRET = 'saknad-development-secret-do-not-use-in-production';

// OWASP's scrypt baseline (N=2^17, r=8, p=1) needs 128 MiB per hash; 2^15 keeps a login
// under ~100 ms on a small server while still far from brute-forceable offline.
const PASSWORD_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
// Tests only (NODE_ENV=test, never production): every test seeds users, and at 2^15 the
// hashing dominated their set-up. Stored hashes carry their own cost, so either verifies.
const TEST_PASSWORD_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

const intFrom = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
  SAKNAD_DATA_DIR: z.string().optional().default('data'),
  SAKNAD_PORT: intFrom(3000, 0, 65535),
  SAKNAD_SESSION_SECRET: z.string().optional(),
  SAKNAD_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://'),
  SAKNAD_MAIL_FROM: z.string().optional().default('Saknad <noreply@saknad.invalid>'),
  SAKNAD_BASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^/]+/.test(v), 'must be an http(s) URL'),
  SAKNAD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SAKNAD_SESSION_IDLE_MINUTES: intFrom(30, 1, 24 * 60),
  SAKNAD_SESSION_ABSOLUTE_HOURS: intFrom(10, 1, 7 * 24),
  SAKNAD_LOGIN_MAX_ATTEMPTS: intFrom(5, 1, 100),
  SAKNAD_LOGIN_LOCKOUT_MINUTES: intFrom(15, 1, 24 * 60),
  SAKNAD_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).optional(),
  SAKNAD_FIRST_ADMIN_EMAIL: z.string().email().optional(),
  SAKNAD_UPLOAD_MAX_MB: intFrom(50, 1, 1024),
  SAKNAD_IMPORT_MAX_ROWS: intFrom(2_000_000, 1, 50_000_000),
  SAKNAD_XLSX_MAX_UNCOMPRESSED_MB: intFrom(500, 1, 10_000),
  SAKNAD_IMPORT_CONCURRENCY: intFrom(2, 1, 64),
  SAKNAD_IMPORT_QUEUE: intFrom(10, 0, 1000),
  SAKNAD_XLSX_MAX_SHARED_STRINGS: intFrom(1_000_000, 1, 100_000_000),
  SAKNAD_XLSX_MAX_SHARED_STRINGS_MB: intFrom(100, 1, 10_000),
  SAKNAD_XLSX_MAX_CELL_CHARS: intFrom(32_767, 1, 10_000_000),
  SAKNAD_OIDC_ISSUER: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^/]+/.test(v), 'must be an http(s) URL'),
  SAKNAD_OIDC_CLIENT_ID: z.string().optional(),
  SAKNAD_OIDC_CLIENT_SECRET: z.string().optional(),
  SAKNAD_OIDC_EMAIL_CLAIM: z.string().optional(),
  SAKNAD_BACKUP_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return null;
      const key = backupKey(v.trim());
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'must be 32 bytes: 64 hexadecimal characters or base64 (e.g. `openssl rand -base64 32`)' });
        return z.NEVER;
      }
      return key;
    }),
  SAKNAD_BACKUP_DIR: z.string().optional(),
  SAKNAD_BACKUP_KEEP: intFrom(7, 1, 365),
  SAKNAD_REPORT_EVENT_LOOP: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** An AES-256 key from 64 hex characters or base64 of exactly 32 bytes; null if neither. */
function backupKey(v: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(v)) {
    const b = Buffer.from(v, 'base64');
    if (b.length === 32) return b;
  }
  return null;
}

const OIDC_VARS = ['SAKNAD_OIDC_ISSUER', 'SAKNAD_OIDC_CLIENT_ID', 'SAKNAD_OIDC_CLIENT_SECRET'] as const;

/** Login through the municipality's identity provider (OpenID Connect); null when not set up. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token / userinfo claim holding the e-mail address that matches a Saknad account. */
  emailClaim: string;
  /** `${baseUrl}/login/oidc/callback`, registered at the identity provider. */
  redirectUri: string;
  /** Where the identity provider sends the browser after its own logout: the login page. */
  postLogoutRedirectUri: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  dataDir: string;
  databaseFile: string;
  outboxDir: string;
  port: number;
  baseUrl: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  /** A session ends this long after login even if it is used all the time. */
  sessionAbsoluteHours: number;
  /** Cookies marked Secure: on in production, where Saknad runs behind TLS. */
  secureCookies: boolean;
  trustProxy: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  login: { maxAttempts: number; lockoutMinutes: number };
  /** scrypt cost for new password hashes: cheap under NODE_ENV=test only. */
  passwordCost: ScryptCost;
  firstAdminEmail: string;
  oidc: OidcConfig | null;
  imports: {
    maxUploadBytes: number;
    maxRows: number;
    maxUncompressedBytes: number;
    /** Imports (previews and commits) read at once; the rest wait in a queue of at most `queueLength`. */
    concurrency: number;
    queueLength: number;
    textCaps: XlsxTextCaps;
  };
  backup: {
    /** The AES-256-GCM key; null: no key (backups refused in production, written unencrypted otherwise). */
    key: Buffer | null;
    dir: string;
    /** Nightly backups kept in `dir`. */
    keep: number;
  };
  /**
   * SAKNAD_REPORT_EVENT_LOOP=1 (off by default): the server appends its event-loop delay
   * and memory, once a second, to this file (data dir, `event-loop.jsonl`) for the load
   * benchmark (scripts/bench/load.ts) to read. A file, not an endpoint: nothing new is
   * reachable over HTTP, and it holds only timings and byte counts, no personal data.
   * Null when off.
   */
  eventLoopReportFile: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && (!e.SAKNAD_SESSION_SECRET || e.SAKNAD_SESSION_SECRET.length < 32)) {
    throw new ConfigError('Invalid configuration:\n  SAKNAD_SESSION_SECRET: required in production, at least 32 characters');
  }
  const oidcSet = OIDC_VARS.filter((k) => e[k]);
  if (oidcSet.length > 0 && oidcSet.length < OIDC_VARS.length) {
    const missing = OIDC_VARS.filter((k) => !e[k]);
    throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required when ${oidcSet.join(', ')} is set (all three or none)`).join('\n')}`);
  }
  const dataDir = path.resolve(cwd, e.SAKNAD_DATA_DIR);
  const port = e.SAKNAD_PORT;
  const baseUrl = (e.SAKNAD_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    production,
    dataDir,
    databaseFile: path.join(dataDir, 'saknad.sqlite'),
    outboxDir: path.join(dataDir, 'outbox'),
    port,
    baseUrl,
    sessionSecret: e.SAKNAD_SESSION_SECRET || DEV_SESSION_SECRET,
    sessionIdleMinutes: e.SAKNAD_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SAKNAD_SESSION_ABSOLUTE_HOURS,
    secureCookies: production,
    trustProxy: e.SAKNAD_TRUST_PROXY === '1' || e.SAKNAD_TRUST_PROXY === 'true',
    smtpUrl: e.SAKNAD_SMTP_URL || null,
    mailFrom: e.SAKNAD_MAIL_FROM,
    logLevel: e.SAKNAD_LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    login: { maxAttempts: e.SAKNAD_LOGIN_MAX_ATTEMPTS, lockoutMinutes: e.SAKNAD_LOGIN_LOCKOUT_MINUTES },
    passwordCost: e.NODE_ENV === 'test' ? TEST_PASSWORD_COST : PASSWORD_COST,
    firstAdminEmail: e.SAKNAD_FIRST_ADMIN_EMAIL ?? 'admin@saknad.invalid',
    oidc:
      oidcSet.length === 0
        ? null
        : {
            issuer: e.SAKNAD_OIDC_ISSUER!,
            clientId: e.SAKNAD_OIDC_CLIENT_ID!,
            clientSecret: e.SAKNAD_OIDC_CLIENT_SECRET!,
            emailClaim: e.SAKNAD_OIDC_EMAIL_CLAIM || 'email',
            redirectUri: `${baseUrl}/login/oidc/callback`,
            postLogoutRedirectUri: `${baseUrl}/login`,
          },
    imports: {
      maxUploadBytes: e.SAKNAD_UPLOAD_MAX_MB * 1024 * 1024,
      maxRows: e.SAKNAD_IMPORT_MAX_ROWS,
      maxUncompressedBytes: e.SAKNAD_XLSX_MAX_UNCOMPRESSED_MB * 1024 * 1024,
      concurrency: e.SAKNAD_IMPORT_CONCURRENCY,
      queueLength: e.SAKNAD_IMPORT_QUEUE,
      textCaps: {
        maxSharedStrings: e.SAKNAD_XLSX_MAX_SHARED_STRINGS,
        maxSharedStringBytes: e.SAKNAD_XLSX_MAX_SHARED_STRINGS_MB * 1024 * 1024,
        maxCellChars: e.SAKNAD_XLSX_MAX_CELL_CHARS,
      },
    },
    backup: {
      key: e.SAKNAD_BACKUP_KEY,
      dir: e.SAKNAD_BACKUP_DIR ? path.resolve(cwd, e.SAKNAD_BACKUP_DIR) : path.join(dataDir, 'backups'),
      keep: e.SAKNAD_BACKUP_KEEP,
    },
    eventLoopReportFile: e.SAKNAD_REPORT_EVENT_LOOP === '1' || e.SAKNAD_REPORT_EVENT_LOOP === 'true' ? path.join(dataDir, 'event-loop.jsonl') : null,
  };
}
