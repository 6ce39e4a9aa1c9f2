import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('runs embedded on a laptop with no variables set', () => {
    const c = loadConfig({}, '/srv/saknad');
    expect(c).toMatchObject({
      env: 'development',
      port: 3000,
      dataDir: path.resolve('/srv/saknad', 'data'),
      baseUrl: 'http://localhost:3000',
      smtpUrl: null,
      secureCookies: false,
    });
    expect(c.databaseFile).toBe(path.join(c.dataDir, 'saknad.sqlite'));
    expect(c.oidc).toBeNull();
  });

  it('sets up OIDC from all three variables, the redirect from the base URL', () => {
    const c = loadConfig({
      SAKNAD_BASE_URL: 'https://saknad.kommun.se/',
      SAKNAD_OIDC_ISSUER: 'https://idp.kommun.se',
      SAKNAD_OIDC_CLIENT_ID: 'saknad',
      SAKNAD_OIDC_CLIENT_SECRET: 'hemligt',
      SAKNAD_OIDC_EMAIL_CLAIM: 'upn',
    });
    expect(c.oidc).toEqual({
      issuer: 'https://idp.kommun.se',
      clientId: 'saknad',
      clientSecret: 'hemligt',
      emailClaim: 'upn',
      redirectUri: 'https://saknad.kommun.se/login/oidc/callback',
      postLogoutRedirectUri: 'https://saknad.kommun.se/login',
    });
  });

  it.each([
    [{ SAKNAD_PORT: 'abc' }, 'SAKNAD_PORT'],
    [{ SAKNAD_PORT: '70000' }, 'SAKNAD_PORT'],
    [{ SAKNAD_SMTP_URL: 'mail.example.org' }, 'SAKNAD_SMTP_URL'],
    [{ SAKNAD_BASE_URL: 'saknad.kommun.se' }, 'SAKNAD_BASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'SAKNAD_SESSION_SECRET'],
    [{ NODE_ENV: 'production', SAKNAD_SESSION_SECRET: 'short' }, 'SAKNAD_SESSION_SECRET'],
    [{ SAKNAD_OIDC_ISSUER: 'https://idp.kommun.se' }, 'SAKNAD_OIDC_CLIENT_ID'],
    [{ SAKNAD_OIDC_ISSUER: 'https://idp.kommun.se', SAKNAD_OIDC_CLIENT_ID: 'saknad' }, 'SAKNAD_OIDC_CLIENT_SECRET'],
    [{ SAKNAD_OIDC_CLIENT_SECRET: 'hemligt' }, 'SAKNAD_OIDC_ISSUER'],
    [{ SAKNAD_OIDC_ISSUER: 'idp.kommun.se', SAKNAD_OIDC_CLIENT_ID: 'saknad', SAKNAD_OIDC_CLIENT_SECRET: 'hemligt' }, 'SAKNAD_OIDC_ISSUER'],
  ])('fails fast on %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('uses secure cookies and the given secret in production', () => {
    const c = loadConfig({ NODE_ENV: 'production', SAKNAD_SESSION_SECRET: 'x'.repeat(40), SAKNAD_BASE_URL: 'https://saknad.kommun.se/' });
    expect(c.secureCookies).toBe(true);
    expect(c.sessionSecret).toBe('x'.repeat(40));
    expect(c.baseUrl).toBe('https://saknad.kommun.se');
  });

  it.each([
    ['production', 2 ** 15],
    ['development', 2 ** 15],
    ['test', 2 ** 10],
  ])('hashes new passwords in %s at scrypt N=%i', (env, n) => {
    const c = loadConfig({ NODE_ENV: env, SAKNAD_SESSION_SECRET: 'x'.repeat(40) });
    expect(c.passwordCost).toEqual({ N: n, r: 8, p: 1 });
  });
});
