import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { expectAccessible, loginAs, screenshot, serverAndBrowser } from '../helpers/browser';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(600_000);

const PHONE = { width: 390, height: 844 };

/** A phone-sized page in its own context. */
async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  return page;
}

/** Links in the page's main content whose path matches `pattern`, first `max` of them. */
async function linksMatching(page: Page, pattern: RegExp, max = 1): Promise<string[]> {
  const hrefs = await page.$$eval('main a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')!));
  return [...new Set(hrefs.filter((h) => pattern.test(h.split('?')[0]!)))].slice(0, max);
}

/** Every page a role's menu leads to, plus the pages one step below them that the role works in. */
async function pagesOf(page: Page, baseUrl: string): Promise<string[]> {
  const nav = await page.$$eval('nav.app-nav a', (as) => as.map((a) => a.getAttribute('href')!));
  const pages = [...nav];
  const visit = async (path: string, pattern: RegExp, max = 1) => {
    await page.goto(baseUrl + path);
    pages.push(...(await linksMatching(page, pattern, max)));
  };
  if (nav.includes('/omgangar')) {
    await visit('/omgangar', /^\/omgangar\/\d+$/, 2);
    const round = pages.find((p) => /^\/omgangar\/\d+$/.test(p));
    if (round) await visit(round, /^\/omgangar\/\d+\/(aterkontroll|bevakning|skolor\/\d+\/(inlasning|elever\/\d+))$/, 4);
  }
  if (nav.includes('/arenden')) await visit('/arenden', /^\/arenden\/\d+$/, 2);
  if (nav.includes('/statistik')) await visit('/statistik', /^\/statistik\/(utveckling|omgangar\/\d+)$/, 2);
  if (nav.includes('/socialtjanst')) await visit('/socialtjanst', /^\/orosanmalningar\/\d+$/, 1);
  if (nav.includes('/admin/anvandare')) await visit('/admin/anvandare', /^\/admin\/anvandare\/\d+$/, 1);
  return [...new Set(pages)];
}

describe('browser: looks at 390 px, the font, focus on errors', () => {
  const suite = serverAndBrowser();

  it.each([
    ['admin', 'admin@exempelkommun.test', ['/admin/logg', '/admin/anvandare', '/statistik/utveckling', /^\/omgangar\/\d+\/aterkontroll$/]],
    ['coordinator', 'samordnare@exempelkommun.test', ['/arenden', /^\/arenden\/\d+$/, /^\/omgangar\/\d+$/]],
    ['principal', 'rektor@exempelkommun.test', [/^\/omgangar\/\d+$/, /\/elever\/\d+$/, /\/inlasning$/, /\/bevakning$/]],
    ['social_services', 'socialtjanst@exempelkommun.test', ['/socialtjanst', /^\/orosanmalningar\/\d+$/]],
  ])('%s: every main page fits 390 px without sideways scrolling', async (role, email, mustVisit) => {
    const { baseUrl } = suite.server;
    const page = await phonePage(suite.browser);
    await loginAs(page, baseUrl, email, DEMO_PASSWORD);
    const pages = await pagesOf(page, baseUrl);
    for (const p of mustVisit) expect([p, pages.some((x) => (typeof p === 'string' ? x === p : p.test(x)))]).toEqual([p, true]);
    const tooWide: string[] = [];
    for (const path of pages) {
      await page.goto(baseUrl + path);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      if (width > PHONE.width) {
        // Name the innermost elements that stick out, so a failure says what to fix.
        const culprits = await page.evaluate<string[]>(`(() => {
          const max = ${PHONE.width} + 1;
          const out = [...document.querySelectorAll('body *')].filter(
            (e) => e.getBoundingClientRect().right > max && ![...e.children].some((c) => c.getBoundingClientRect().right > max),
          );
          return out.slice(0, 4).map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' "' + (e.textContent || '').trim().slice(0, 30) + '"');
        })()`);
        tooWide.push(`${path}: ${width} px (${culprits.join('; ')})`);
        await screenshot(page, `looks-390-too-wide-${role}-${path.replace(/\W+/g, '-')}`);
      }
    }
    expect(tooWide).toEqual([]);
    // A table page as stacked rows, for the record (and axe at this width).
    await page.goto(baseUrl + pages[Math.min(1, pages.length - 1)]!);
    await expectAccessible(page);
    await screenshot(page, `looks-390-${role}`);
    await page.close();
  });

  it('renders in Inter, served by Saknad itself, with no font or favicon request failing', async () => {
    const { baseUrl } = suite.server;
    const page = await phonePage(suite.browser);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${baseUrl}/login`);
    // Strings, not functions: the project's TypeScript has no DOM types.
    await page.evaluate('document.fonts.ready');
    const font = await page.evaluate<{ family: string; loaded: boolean; faces: string[] }>(`({
      family: getComputedStyle(document.body).fontFamily,
      loaded: document.fonts.check('16px Inter'),
      faces: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family + ' ' + f.weight),
    })`);
    expect(font.family).toMatch(/^"?Inter"?, system-ui/);
    expect(font.loaded).toBe(true);
    expect(font.faces.length).toBeGreaterThan(0);
    const favicon = await page.request.get(`${baseUrl}/favicon.ico`);
    expect(favicon.status()).toBe(200);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('disables a long-running form’s buttons once sent and says what is going on (closing a round)', async () => {
    const { baseUrl } = suite.server;
    const page = await phonePage(suite.browser);
    await loginAs(page, baseUrl, 'admin@exempelkommun.test', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/omgangar`);
    const rounds = await page.evaluate<string[]>(
      `[...document.querySelectorAll('a[href^="/omgangar/"]')].map((a) => a.getAttribute('href')).filter((h) => /^\\/omgangar\\/\\d+$/.test(h))`,
    );
    let closePath: string | null = null;
    for (const r of rounds) {
      await page.goto(baseUrl + r);
      closePath = await page.evaluate<string | null>(`(document.querySelector('a[href$="/stang"]') || {}).getAttribute?.('href') ?? null`);
      if (closePath) break;
    }
    expect(closePath).not.toBeNull();
    await page.goto(baseUrl + closePath!);
    // The form is sent but its navigation stopped (a listener after the app's own), so the
    // round stays open and the page stays to be looked at.
    await page.evaluate(`document.addEventListener('submit', (e) => e.preventDefault())`);
    expect(await page.getByRole('button', { name: 'Stäng omgången' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Stäng omgången' }).click();
    await page.waitForFunction(`document.querySelector('form[data-busy-form] button').disabled === true`, undefined, { timeout: 10_000 });
    expect(await page.locator('form[data-busy-form] button').textContent()).toContain('Stänger omgången');
    expect(await page.locator('form[data-busy-form]').getAttribute('aria-busy')).toBe('true');
    await page.close();
  });

  it('moves focus to the error summary when a form comes back with errors', async () => {
    const { baseUrl } = suite.server;
    const page = await phonePage(suite.browser);
    await loginAs(page, baseUrl, 'admin@exempelkommun.test', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/omgangar/ny`);
    await page.getByRole('button', { name: 'Skapa omgång' }).click();
    await page.locator('.ds-error-summary').waitFor();
    await page.waitForFunction("document.activeElement && document.activeElement.classList.contains('ds-error-summary')");
    const focused = await page.evaluate<{ cls: string; text: string }>(
      `({ cls: document.activeElement.className, text: document.activeElement.textContent || '' })`,
    );
    expect(focused.cls).toContain('ds-error-summary');
    expect(focused.text).toContain('Ange');
    await expectAccessible(page);
    await screenshot(page, 'looks-error-summary-focus');
    await page.close();
  });
});
