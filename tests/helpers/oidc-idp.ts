import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The SAKNAD_OIDC_* variables for a Saknad that uses this provider. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts oidc-provider (tests/helpers/oidc-idp.mjs) in a child process on 127.0.0.1 with
 * one confidential client for Saknad at `saknadBaseUrl` and the given people (sub → e-mail, or
 * `{ email, verified: false }` for an address the provider has not verified).
 */
export async function startTestIdp(saknadBaseUrl: string, people: Record<string, string | { email: string; verified: false }>): Promise<TestIdp> {
  const clientId = 'saknad-test';
  const clientSecret = 'saknad-test-secret-that-is-long-enough-for-hs256';
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-idp.mjs')], {
    env: {
      ...process.env,
      NODE_NO_WARNINGS: '1',
      IDP_CLIENT_ID: clientId,
      IDP_CLIENT_SECRET: clientSecret,
      IDP_REDIRECT_URI: `${saknadBaseUrl}/login/oidc/callback`,
      IDP_POST_LOGOUT_URI: `${saknadBaseUrl}/login`,
      IDP_ACCOUNTS: JSON.stringify(Object.fromEntries(Object.entries(people).map(([sub, p]) => [sub, typeof p === 'string' ? { email: p } : p]))),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test IdP did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const line = /^\{.*\}$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line[0]) as { issuer: string }).issuer);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`test IdP exited with ${code}:\n${output}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    env: { SAKNAD_OIDC_ISSUER: issuer, SAKNAD_OIDC_CLIENT_ID: clientId, SAKNAD_OIDC_CLIENT_SECRET: clientSecret },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Walks the browser's part at the provider with fetch (its own cookie jar): follows
 * redirects, fills the provider's login form as `login`, and returns the URL it finally
 * sends the browser to at Saknad (the callback with code and state).
 */
export async function throughIdp(startUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let url = new URL(startUrl);
  const idpOrigin = url.origin;
  for (let hops = 0; hops < 10; hops++) {
    let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
    keep(res);
    if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
      res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login }).toString(),
      });
      keep(res);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} at ${url.pathname}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url);
    if (url.origin !== idpOrigin) return url;
  }
  throw new Error('too many redirects at the provider');
}
