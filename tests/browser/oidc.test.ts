import type { Browser } from 'playwright-core';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp';
import { expectAccessible, freePort, launchBrowser, newPage, screenshot, startServer, type RunningServer } from '../helpers/browser';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(300_000);

describe('browser: a coordinator logs in through the municipality’s identity provider and out again', () => {
  let idp: TestIdp;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestIdp(`http://localhost:${port}`, { 'sara-1': 'samordnare@exempelkommun.test' });
    server = await startServer(idp.env, port);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.stop();
  });

  it('goes to the provider, back as the coordinator without a Saknad code, and out at both', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/login`);
    await expectAccessible(page);
    await screenshot(page, 'login-oidc');
    await page.getByRole('link', { name: 'Logga in med ditt konto i kommunen' }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.getByLabel('Användarnamn').fill('samordnare@exempelkommun.test');
    await page.getByRole('button', { name: 'Logga in hos kommunen' }).click();
    await page.waitForURL(`${server.baseUrl}/samordnare`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Samordnare');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${server.baseUrl}/login`);
    await page.goto(`${server.baseUrl}/samordnare`);
    await page.waitForURL(/\/login\?next=/);
    await page.close();
  });
});
