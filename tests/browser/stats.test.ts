import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { expectAccessible, loginAs, newPage, screenshot, serverAndBrowser } from '../helpers/browser';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(300_000);

/** Every chart on the page drew something: its canvas has non-blank pixels. */
async function chartsRendered(page: Page): Promise<number[]> {
  // Strings, not functions: they run in the page, and the tests compile without the DOM types.
  await page.waitForFunction(`document.querySelectorAll('canvas[data-rendered="true"]').length === document.querySelectorAll('canvas[data-chart]').length`);
  return page.evaluate<number[]>(`Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  })`);
}

describe('browser: statistics dashboard and trends on the demo data', () => {
  const suite = serverAndBrowser();
  const errors: string[] = [];

  it('the coordinator opens statistics, a round report and the trends, with charts drawn under a strict CSP', async () => {
    const page = await newPage(suite.browser);
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
    });
    await loginAs(page, suite.server.baseUrl, 'samordnare@exempelkommun.test', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik' }).click();
    await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'stats-1-index');

    await page
      .getByRole('link', { name: /^Sommarlovet \d{4}$/ })
      .last()
      .click();
    await page.getByRole('heading', { name: /Statistik för Sommarlovet/ }).waitFor();
    await page.getByRole('table', { name: 'Utfall av avslutade ärenden' }).waitFor();
    await expect(page.getByRole('row', { name: /Hela kommunen/ }).count()).resolves.toBe(7);
    await expectAccessible(page);
    await screenshot(page, 'stats-2-round-report');

    await page.getByRole('link', { name: 'Underlag till länsstyrelsen' }).click();
    await page.getByRole('heading', { name: /underlag till länsstyrelsen/ }).waitFor();
    await expect(page.getByRole('cell', { name: '<5' }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'stats-3-county');

    await page.goto(`${suite.server.baseUrl}/statistik/utveckling`);
    await page.getByRole('heading', { name: 'Utveckling över tid', level: 1 }).waitFor();
    const painted = await chartsRendered(page);
    expect(painted).toHaveLength(3);
    for (const p of painted) expect(p).toBeGreaterThan(1000);
    // Each chart has its figures in a table under it.
    await expect(page.locator('figure canvas + script + div table, figure .app-chart__canvas ~ div table').count()).resolves.toBe(3);
    await expectAccessible(page);
    await screenshot(page, 'stats-4-trends');
    expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    // (A missing favicon is the browser's own request, not the page's.)
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('the admin prints a round report and sees the rule feedback next to the thresholds', async () => {
    const page = await newPage(suite.browser);
    await loginAs(page, suite.server.baseUrl, 'admin@exempelkommun.test', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Statistik' }).first().click();
    await page
      .getByRole('link', { name: /^Jullovet \d{4}$/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Utskriftsvänlig version' }).click();
    await page.getByRole('table', { name: 'Skolor och rapportering' }).waitFor();
    await expect(page.locator('.app-nav').count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'stats-5-print');

    await page.goto(`${suite.server.baseUrl}/admin/regler`);
    await page.getByRole('table', { name: 'Vad reglernas flaggor ledde till' }).waitFor();
    await expect(page.getByText(/Har inte kommit tillbaka \(version 1\): \d+ flaggor/).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'stats-6-rule-feedback');
    await page.close();
  });
});
