// A real OpenID provider for the tests (oidc-provider, the certified implementation), run
// in its own Node process because the package is ESM-only and the tests run as CommonJS
// under ts-jest. Configured by environment variables (see tests/helpers/oidc-idp.ts);
// prints one JSON line {"issuer": …} once it listens on 127.0.0.1.
import http from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';

const accounts = JSON.parse(process.env.IDP_ACCOUNTS ?? '{}'); // { sub: { email, verified? } }

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.IDP_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.IDP_CLIENT_ID,
      client_secret: process.env.IDP_CLIENT_SECRET,
      redirect_uris: [process.env.IDP_REDIRECT_URI],
      post_logout_redirect_uris: [process.env.IDP_POST_LOGOUT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(_ctx, sub) {
    const a = accounts[sub];
    return a && { accountId: sub, claims: () => ({ sub, email: a.email, email_verified: a.verified !== false }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: [] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['saknad-test-idp-cookie-key'] },
});
provider.proxy = false;

const page = (uid, error = '') => `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Test-IdP</title></head><body>
<h1>Kommunens inloggning (test)</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}"><label for="login">Användarnamn</label><input id="login" name="login" autocomplete="username">
<button type="submit">Logga in hos kommunen</button></form></body></html>`;

const callback = provider.callback();
server.on('request', async (req, res) => {
  const m = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
  if (!m) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return res.end(page(details.uid));
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const login = new URLSearchParams(body).get('login') ?? '';
    const sub = Object.keys(accounts).find((s) => s === login || accounts[s].email === login);
    if (!sub) {
      res.statusCode = 401;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return res.end(page(details.uid, 'Okänt användarnamn'));
    }
    const grant = new provider.Grant({ accountId: sub, clientId: details.params.client_id });
    grant.addOIDCScope('openid email profile');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
