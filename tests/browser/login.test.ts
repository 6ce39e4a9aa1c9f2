import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/seed';
import { expectAccessible, newPage, passSecondFactor, screenshot, serverAndBrowser } from '../helpers/browser';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(300_000);

describe('browser: logging in as each demo role', () => {
  const suite = serverAndBrowser();

  const starts: Record<string, { path: string; heading: string }> = {
    admin: { path: '/admin', heading: 'Utbildningskontoret' },
    principal: { path: '/rektor', heading: 'Rektor' },
    coordinator: { path: '/samordnare', heading: 'Samordnare' },
    social_services: { path: '/socialtjanst', heading: 'Socialtjänsten' },
  };

  it.each(DEMO_USERS.map((u) => [u.roles[0], u.email] as const))('%s (%s) lands on their start page', async (role, email) => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.baseUrl}/`);
    await expectAccessible(page);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${suite.server.baseUrl}/login/tvafaktor`);
    await expectAccessible(page);
    await screenshot(page, `second-factor-${role}`);
    await passSecondFactor(page, email);
    await page.waitForURL(`${suite.server.baseUrl}${starts[role]!.path}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(starts[role]!.heading);
    await expectAccessible(page);
    await screenshot(page, `start-${role}`);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/login\?utloggad=1$/);
    await page.close();
  });

  it('shows an error for a wrong password, linked to the field', async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.getByLabel('E-postadress').fill('rektor@exempelkommun.test');
    await page.getByLabel('Lösenord').fill('fel-losenord-2026');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Fel e-postadress eller lösenord.');
    await expect(page.getByLabel('E-postadress').inputValue()).resolves.toBe('rektor@exempelkommun.test');
    await expectAccessible(page);
    await screenshot(page, 'login-failed');
    await page.close();
  });

  it('lets the admin reach schools, users and the audit log without accessibility faults', async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.getByLabel('E-postadress').fill('admin@exempelkommun.test');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await passSecondFactor(page, 'admin@exempelkommun.test');
    await page.waitForURL(`${suite.server.baseUrl}/admin`);
    for (const [path, name] of [
      ['/admin/skolor', 'schools'],
      ['/admin/anvandare', 'users'],
      ['/admin/anvandare/ny', 'user-new'],
      ['/admin/logg', 'audit'],
      ['/konto/api-nycklar', 'tokens'],
      ['/admin/installningar', 'settings'],
      ['/omgangar', 'rounds'],
      ['/omgangar/ny', 'round-new'],
      ['/admin/regler', 'rules'],
      ['/admin/gallring', 'retention'],
    ]) {
      await page.goto(`${suite.server.baseUrl}${path}`);
      await expectAccessible(page);
      await screenshot(page, `admin-${name}`);
    }
    // The rules page: a dry run shows per school how many would be flagged.
    await page.goto(`${suite.server.baseUrl}/admin/regler`);
    await page.getByLabel('Antal skoldagar med ogiltig frånvaro eller frånvaro utan angiven orsak').fill('2');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Så många elever per skola skulle flaggas' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-rules-dryrun');

    // A failing form: 400 with the error summary linking to the field.
    await page.goto(`${suite.server.baseUrl}/admin/skolor`);
    await page.getByLabel('Skolenhetskod').fill('123');
    await page.getByRole('button', { name: 'Lägg till skola' }).click();
    await page.locator('.ds-error-summary').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-school-error');
    await page.close();
  });
});
