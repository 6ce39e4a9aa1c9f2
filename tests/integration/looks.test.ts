import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { projectRoot } from '../../src/shared/project-root';
import { loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/** Issue 15, "Looks and words": the font, the favicon, the app's own script, the menus. */
describe('looks: font, favicon and the app script, served from our own origin', () => {
  let env: TestEnv;
  beforeAll(() => (env = testEnv()));
  afterAll(() => env.close());

  it('the layout links the favicon, the font CSS and app.js (deferred, no inline script)', async () => {
    const html = (await request(env.app).get('/login')).text;
    expect(html).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    expect(html).toContain('<link rel="stylesheet" href="/assets/fonts.css">');
    expect(html).toContain('<script src="/assets/app.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it.each([
    ['/assets/favicon.svg', 'image/svg+xml'],
    ['/favicon.ico', 'image/svg+xml'],
    ['/assets/fonts.css', 'text/css'],
    ['/assets/app.js', 'text/javascript'],
  ])('GET %s → 200 %s', async (url, type) => {
    const res = await request(env.app).get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
  });

  it('every font file fonts.css names is served as font/woff2, from the installed @fontsource/inter', async () => {
    const css = fs.readFileSync(path.join(projectRoot, 'public', 'fonts.css'), 'utf8');
    const urls = [...css.matchAll(/url\((\/assets\/fonts\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const weight of [400, 500, 600, 700]) expect(urls).toContain(`/assets/fonts/inter-latin-${weight}-normal.woff2`);
    for (const url of urls) {
      const res = await request(env.app).get(url).buffer(true);
      expect([url, res.status, res.headers['content-type']]).toEqual([url, 200, 'font/woff2']);
      expect((res.body as Buffer).subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
  });

  it('the font stack falls back to system sans-serif fonts, never the browser default serif', () => {
    const css = fs.readFileSync(path.join(projectRoot, 'public', 'fonts.css'), 'utf8');
    expect(css).toMatch(/--ds-font-family: 'Inter', system-ui,[^;]*sans-serif;/);
  });

  it('only font files come from the font folder', async () => {
    expect((await request(env.app).get('/assets/fonts/package.json')).status).toBe(404);
    expect((await request(env.app).get('/assets/fonts/../package.json')).status).toBe(404);
  });

  it('the CSP still allows fonts and scripts from our own origin only', async () => {
    const csp = (await request(env.app).get('/login')).headers['content-security-policy'] as string;
    expect(csp).toContain("font-src 'self'");
    expect(csp).toContain("script-src 'self'");
  });
});

describe('menus: only what the role uses, every link one the role may open', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = testEnv();
    await seedBasic(env.services);
  });
  afterAll(() => env.close());

  const menuLinks = (html: string): string[] => {
    const nav = /<nav class="app-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
    return nav ? [...nav[1]!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!) : [];
  };

  it.each([
    ['admin@test.invalid', ['/admin', '/omgangar', '/arenden', '/statistik', '/admin/skolor', '/admin/logg', '/konto/api-nycklar']],
    ['samordnare@test.invalid', ['/samordnare', '/omgangar', '/arenden', '/statistik', '/konto/api-nycklar']],
    ['rektor@test.invalid', ['/rektor', '/omgangar']],
    ['soc@test.invalid', ['/socialtjanst']],
  ])('%s: the menu holds %j, and every menu link answers 200', async (email, expected) => {
    const agent = await loginAs(env.app, email);
    const start = await agent.get('/').redirects(1);
    const links = menuLinks(start.text);
    for (const href of expected) expect(links).toContain(href);
    for (const href of links) expect([href, (await agent.get(href)).status]).toEqual([href, 200]);
  });

  it.each([
    ['rektor@test.invalid', ['/konto/api-nycklar', '/arenden', '/statistik', '/admin/skolor']],
    ['soc@test.invalid', ['/konto/api-nycklar', '/omgangar', '/arenden', '/statistik']],
  ])('%s: the menu has none of %j', async (email, absent) => {
    const agent = await loginAs(env.app, email);
    const links = menuLinks((await agent.get('/').redirects(1)).text);
    for (const href of absent) expect(links).not.toContain(href);
  });
});
