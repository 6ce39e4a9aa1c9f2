import crypto from 'node:crypto';

/**
 * A "known browser" cookie (OWASP's device cookie): given at a successful login, signed
 * with the session secret. A locked account still takes its holder's password from a
 * browser with the cookie, so a stranger who types wrong passwords cannot lock the real
 * person out; everyone else waits out the lock. Nothing is stored server-side.
 */
export const DEVICE_COOKIE = 'saknad.device';
export const DEVICE_COOKIE_DAYS = 180;

const mac = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(`device:${payload}`).digest('base64url');

export function signDevice(secret: string, userId: number): string {
  const payload = `${userId}.${crypto.randomBytes(12).toString('base64url')}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** True if `value` is a cookie this server gave to a browser where `userId` logged in. */
export function deviceKnown(secret: string, userId: number, value: string | undefined): boolean {
  if (!value) return false;
  const i = value.lastIndexOf('.');
  if (i < 0) return false;
  const payload = value.slice(0, i);
  const expected = Buffer.from(mac(secret, payload));
  const actual = Buffer.from(value.slice(i + 1));
  return payload.split('.')[0] === String(userId) && actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/** One cookie's value from a Cookie header (express-session parses only its own). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
