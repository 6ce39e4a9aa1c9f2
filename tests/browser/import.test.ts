import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { expectAccessible, loginAs, newPage, screenshot, serverAndBrowser } from '../helpers/browser';
import { csv } from '../helpers/fixtures';
import { BAD_CHECKSUM, PUPILS } from '../helpers/personal-numbers';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(300_000);

const login = (page: Page, baseUrl: string, email: string) => loginAs(page, baseUrl, email, DEMO_PASSWORD);

describe('browser: a principal uploads the school’s attendance file', () => {
  const suite = serverAndBrowser();
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-upload-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('admin creates a round; principal previews a bad file, then a good one, and confirms it', async () => {
    const admin = await newPage(suite.browser);
    await login(admin, suite.server.baseUrl, 'admin@exempelkommun.test');
    await admin.goto(`${suite.server.baseUrl}/omgangar/ny`);
    await expectAccessible(admin);
    await admin.getByLabel('Namn', { exact: true }).fill('VT2027 efter jullovet');
    await admin.getByLabel('Lov', { exact: true }).selectOption('christmas');
    await admin.getByLabel('Terminsstart (första skoldagen efter lovet)').fill('2027-01-11');
    await admin.getByRole('button', { name: 'Skapa omgång' }).click();
    await admin.getByRole('heading', { name: 'VT2027 efter jullovet' }).waitFor();
    await expectAccessible(admin);
    await admin.close();

    const page = await newPage(suite.browser);
    await login(page, suite.server.baseUrl, 'rektor@exempelkommun.test');
    await page.getByRole('link', { name: 'Omgångar' }).click();
    await page.getByRole('link', { name: /efter sommarlovet/ }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Läs in närvaro – Björkskolan' }).click();
    await expectAccessible(page);
    const uploadUrl = page.url();

    // The demo round is the latest summer: take its year from the back link, and use
    // the first weekdays from 18 August (weekend rows would only give warnings).
    const round = await page.getByRole('link', { name: /← HT(\d{4})/ }).textContent();
    const y = /HT(\d{4})/.exec(round!)![1]!;
    const days = ['18', '19', '20', '21', '24']
      .map((d) => new Date(`${y}-08-${d}T12:00:00Z`))
      .filter((d) => d.getUTCDay() % 6 !== 0)
      .slice(0, 3)
      .map((d) => d.toISOString().slice(0, 10));

    const bad = path.join(dir, 'fel.csv');
    fs.writeFileSync(
      bad,
      csv(
        [
          ['Personnummer', 'Namn', 'Datum', 'Närvaro'],
          [BAD_CHECKSUM, 'Anna Ek', days[0]!, 'N'],
        ],
        { encoding: 'cp1252' },
      ),
    );
    await page.getByLabel('Närvarofil').setInputFiles(bad);
    await page.getByRole('button', { name: 'Ladda upp och granska' }).click();
    await page.getByText('Filen kan inte läsas in. Inget har sparats.').waitFor();
    // Post/Redirect/Get: the preview has a URL of its own, with no token in it (the script sent the file).
    expect(page.url()).toMatch(/\/inlasning\/[A-Za-z0-9_-]{32}$/);
    await expect(page.getByRole('cell', { name: /fel kontrollsiffra/ }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'import-rejected');

    await page.getByRole('link', { name: '← Björkskolan' }).click();
    const good = path.join(dir, 'närvaro.csv');
    // The first pupil has not come back: absent without excuse every day.
    fs.writeFileSync(
      good,
      csv(
        [
          ['Personnummer', 'Namn', 'Datum', 'Närvaro'],
          ...PUPILS.slice(0, 3).flatMap((pn, i) => days.map((d) => [pn, i === 0 ? 'Omar Ek' : 'Anna Ek', d, i === 0 ? 'Ogiltig frånvaro' : 'Närvarande'])),
        ],
        { encoding: 'cp1252' },
      ),
    );
    await page.getByLabel('Närvarofil').setInputFiles(good);
    await page.getByRole('button', { name: 'Ladda upp och granska' }).click();
    await page.getByText('Filen kan läsas in.', { exact: false }).waitFor();
    const previewUrl = page.url();
    expect(previewUrl).toMatch(/\/inlasning\/[A-Za-z0-9_-]{32}$/);
    await expectAccessible(page);
    await screenshot(page, 'import-preview');
    // Reloading the preview is a GET: no resubmission, the same preview.
    await page.reload();
    await page.getByText('Filen kan läsas in.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Bekräfta och läs in' }).click();
    // After the commit the principal goes on to the school's page in the round.
    await page.waitForURL(/\/omgangar\/\d+\/skolor\/\d+$/);
    expect(page.url()).not.toContain('_csrf');
    await page.goto(uploadUrl);
    await expect(page.getByRole('cell', { name: 'närvaro.csv', exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'import-done');

    // The rules ran on the upload: the round page explains why the pupil is flagged.
    await page.getByRole('link', { name: /← HT/ }).click();
    // (The file covers three days; the window's later days are unreported and count as absence.)
    await page.getByRole('heading', { name: /Flaggade elever/ }).waitFor();
    await expect(
      page.getByRole('cell', { name: /Har inte varit närvarande någon av de 10 skoldagarna sedan terminsstart 18 augusti \d{4}/ }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: /^Omar Ek/ }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'round-flags');
    await page.close();
  });
});
