import { spawn, type ChildProcess } from 'node:child_process';
import { authenticator } from 'otplib';
import { DEMO_TOTP_SECRET } from '../../src/demo/seed';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../src/shared/project-root';

/** Debian's Chromium; no test tool may download a browser of its own. */
export const CHROMIUM = process.env.SAKNAD_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const screenshotDir = path.join(projectRoot, 'tests', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

import { freePort } from './free-port';
export { freePort };

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

const LOCK_DIR = path.join(os.tmpdir(), 'saknad-browser-tests.lock');

/**
 * Browser suites on one machine take turns. Within one jest run this never waits:
 * jest.config.js runs one test file at a time (maxWorkers 1). The lock is for separate
 * jest processes — several checkouts of the project, or `npm run test:browser` beside
 * `npm test` — whose servers and Chromiums, on a 2-core machine, starve each other into
 * timeouts; hence a folder in the machine's temp dir, not a variable. A lock left by a
 * process that died is taken over.
 */
async function acquireBrowserLock(): Promise<() => void> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      return () => fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch {
      const owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      let alive = owner > 0;
      try {
        if (alive) process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Starts the real server (src/server.ts) as a newcomer would, on a fresh data folder
 * in development mode — so it seeds its own demo data — and waits until it listens.
 */
export async function startServer(env: Record<string, string> = {}, knownPort?: number): Promise<RunningServer> {
  const release = await acquireBrowserLock();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-browser-'));
  // A port chosen beforehand when something else must know the address first (the test IdP's redirect URI).
  const port = knownPort ?? (await freePort());
  const child: ChildProcess = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['src/server.ts'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'development', SAKNAD_DATA_DIR: dataDir, SAKNAD_PORT: String(port), SAKNAD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Saknad is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  try {
    await started;
  } catch (e) {
    child.kill('SIGKILL');
    release();
    throw e;
  }
  return {
    baseUrl: `http://localhost:${port}`,
    dataDir,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      release();
    },
  };
}

/** Fails on serious or critical WCAG 2.1 A/AA violations of the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact}: ${v.id} – ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(report).toBe('');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** A page in its own context (own cookies); axe-core needs pages made from a context. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Not awaited by anyone: when the suite's afterAll closes the browser first, closing the
  // context rejects ("Target page, context or browser has been closed"); that is expected,
  // and left unhandled it failed whichever test had just closed its last page.
  page.on('close', () => void context.close().catch(() => {}));
  return page;
}

/** Logs in through the login form with a demo account and waits to leave the login page. */
export async function loginAs(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await passSecondFactor(page, email);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Per demo user, the last TOTP time step typed: the server takes each code once. */
const lastStep = new Map<string, number>();

/**
 * On the second-factor page, types the demo secret's code (the server runs on the real
 * clock). A second login of the same person within one 30 s step uses the next step's
 * code (the server allows one step of drift) and, if that is used too, waits for time to
 * catch up.
 */
export async function passSecondFactor(page: Page, email = ''): Promise<void> {
  await page.waitForURL((u) => u.pathname === '/login/tvafaktor');
  const key = email || 'demo';
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (lastStep.get(key) ?? -1) + 1);
  if (step > now + 1) await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 200));
  lastStep.set(key, step);
  await page.getByLabel('Kod').fill(authenticator.clone({ epoch: step * 30_000 }).generate(DEMO_TOTP_SECRET));
  await page.getByRole('button', { name: 'Fortsätt' }).click();
}

/** A suite's own server (with demo data) and Chromium, started before its tests and stopped after them. */
export function serverAndBrowser(): { server: RunningServer; browser: Browser } {
  const suite = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
