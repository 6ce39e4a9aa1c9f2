import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { t } from '../i18n';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** scrypt's work factors; config.ts chooses them (src/config.ts `passwordCost`). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

// Enough for N=2^15 with r=8 (32 MiB) and for any stored hash up to N=2^16.
const MAXMEM = 64 * 1024 * 1024;
const KEYLEN = 32;

/**
 * Hashes and checks passwords with the cost it is given. Each hash stores its own
 * parameters (scrypt$N$r$p$salt$hash), and checking reads them from the hash, so a hash
 * made at one cost verifies under any other: the cost can be raised later, and the cheap
 * cost tests use never weakens a stored production hash.
 */
export class PasswordHasher {
  constructor(private readonly cost: ScryptCost) {}

  async hash(password: string): Promise<string> {
    const { N, r, p } = this.cost;
    const salt = crypto.randomBytes(16);
    const hash = await scrypt(password, salt, KEYLEN, { N, r, p, maxmem: MAXMEM });
    return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
  }

  async verify(password: string, stored: string | null): Promise<boolean> {
    if (!stored) {
      // Same work as a real check so timing does not reveal which accounts exist.
      await this.hash(password);
      return false;
    }
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAXMEM,
    });
    return crypto.timingSafeEqual(actual, expected);
  }
}

export const PASSWORD_MIN_LENGTH = 12;

/** Length over complexity rules (NIST 800-63B); returns a Swedish message or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return t('auth.errors.losenordetVaraMinstTecken', { min: PASSWORD_MIN_LENGTH });
  if (password.length > 200) return t('auth.errors.losenordetFarVaraHogst');
  return null;
}

/** Random tokens for links and API access; only their SHA-256 is stored. */
export function newToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}
