import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { newPage, passSecondFactor, screenshot } from './browser';

/** Phone width the journeys are checked at: nothing may scroll sideways (issue 15). */
export const PHONE_WIDTH = 390;
const DESKTOP = { width: 1280, height: 900 };

/**
 * One role's walk through the app (tests/browser/journey-<role>.test.ts): counts the main
 * frame's page loads from the login form on, and at each step runs axe (no WCAG 2.1 A/AA
 * violation of any impact), measures the page at 390 px and saves a screenshot
 * tests/screenshots/journey-<role>-<n>-<step>.png. Pages too wide at 390 px are collected
 * and asserted at the end (`expectNoSidewaysScroll`), so one wide table does not hide the
 * rest of the walk's screenshots.
 */
export class Journey {
  /** Main-frame navigations since the login form was submitted. */
  loads = 0;
  private step = 0;
  readonly tooWide: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly role: string,
  ) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.loads++;
    });
  }

  /** A fresh page, logged in as the demo user through the login form and the second factor. */
  static async login(browser: Browser, baseUrl: string, role: string, email: string): Promise<Journey> {
    const page = await newPage(browser);
    await page.setViewportSize(DESKTOP);
    await page.goto(`${baseUrl}/login`);
    const journey = new Journey(page, role);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await passSecondFactor(page, email);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return journey;
  }

  /** Checks the page as it is now and keeps its screenshot under the step's name. */
  async check(name: string): Promise<void> {
    this.step++;
    const { page } = this;
    await page.waitForLoadState('load');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const report = axe.violations.map((v) => `${name}: ${v.impact}: ${v.id} – ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
    expect(report).toEqual([]);
    await screenshot(page, `journey-${this.role}-${this.step}-${name}`);
    await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
    const width = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    if (width > PHONE_WIDTH) this.tooWide.push(`${name} (${new URL(page.url()).pathname}): ${width} px`);
    await page.setViewportSize(DESKTOP);
  }

  /** Every checked page fits 390 px without sideways scrolling. */
  expectNoSidewaysScroll(): void {
    expect(this.tooWide).toEqual([]);
  }
}
