/**
 * HTTP helpers of the load benchmark: logging a user in through the real login form and
 * second factor (with a cookie jar), and uploading a school file through /api/v1.
 * Plain fetch; the production server sits behind "TLS" (secure cookies), so every request
 * says X-Forwarded-Proto: https and the server trusts it (SAKNAD_TRUST_PROXY=1).
 */
import fs from 'node:fs';
import { authenticator } from 'otplib';

export const PROXY_HEADERS = { 'x-forwarded-proto': 'https' } as const;

/** Name → value of the cookies the server set. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function send(base: string, jar: Jar, path: string, form?: Record<string, string>): Promise<Response> {
  const res = await fetch(base + path, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      ...PROXY_HEADERS,
      cookie: jar.header(),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  jar.take(res);
  return res;
}

const csrfOf = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1]!;
};

/** Logs in with password and TOTP code; returns the Cookie header of the session. */
export async function login(base: string, email: string, password: string, totpSecret: string): Promise<string> {
  const jar = new Jar();
  const page = await send(base, jar, '/login');
  const res = await send(base, jar, '/login', { _csrf: csrfOf(await page.text()), email, password });
  if (res.status !== 303) throw new Error(`login of ${email} answered ${res.status}`);
  if (res.headers.get('location') === '/login/tvafaktor') {
    const second = await send(base, jar, '/login/tvafaktor');
    const done = await send(base, jar, '/login/tvafaktor', { _csrf: csrfOf(await second.text()), code: authenticator.generate(totpSecret) });
    if (done.status !== 303) throw new Error(`second factor of ${email} answered ${done.status}`);
  }
  const check = await send(base, jar, '/');
  if (check.status >= 300 && check.headers.get('location')?.startsWith('/login')) throw new Error(`${email} is not logged in after the second factor`);
  return jar.header();
}

/** POSTs a school file to the API's upload endpoint; returns the status and the JSON answer. */
export async function upload(base: string, token: string, roundId: number, code: string, file: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), `${code}.csv`);
  const res = await fetch(`${base}/api/v1/rounds/${roundId}/schools/${code}/uploads`, {
    method: 'POST',
    headers: { ...PROXY_HEADERS, authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** GET an API path as JSON. */
export async function apiGet(base: string, token: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path, { headers: { ...PROXY_HEADERS, authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json().catch(() => null) };
}
