import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { schoolDaysFrom } from '../../src/calendar';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { expectAccessible, loginAs, newPage, screenshot, serverAndBrowser } from '../helpers/browser';
import { csv } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(300_000);

const login = (page: Page, baseUrl: string, email: string) => loginAs(page, baseUrl, email, DEMO_PASSWORD);

/** A Monday at least three weeks back, so the whole five-day window has been observed. */
function pastMonday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - 21);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe('browser: a round from opening to the school’s confirmed report', () => {
  const suite = serverAndBrowser();
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-workflow-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('admin opens a round; the principal watch-lists a pupil, uploads, follows up and confirms; the board shows it', async () => {
    const termStart = pastMonday();
    const admin = await newPage(suite.browser);
    await login(admin, suite.server.baseUrl, 'admin@exempelkommun.test');
    await admin.goto(`${suite.server.baseUrl}/omgangar/ny`);
    await admin.getByLabel('Namn', { exact: true }).fill('Höstlovet (test)');
    await admin.getByLabel('Lov', { exact: true }).selectOption('autumn');
    await admin.getByLabel('Terminsstart (första skoldagen efter lovet)').fill(termStart);
    await admin.getByRole('button', { name: 'Skapa omgång' }).click();
    await admin.getByRole('button', { name: 'Öppna omgången och bjud in skolorna' }).click();
    await admin.getByText(/Omgången är öppnad\. \d+ inbjud(an|ningar) skickades\./).waitFor();
    await expectAccessible(admin);
    await screenshot(admin, 'workflow-1-opened');
    const roundUrl = admin.url();

    const page = await newPage(suite.browser);
    await login(page, suite.server.baseUrl, 'rektor@exempelkommun.test');
    await page.goto(roundUrl);
    await page.getByRole('link', { name: 'Bevakningslista före lovet' }).click();
    await page.getByLabel('Elevens personnummer').fill(PUPILS[0]);
    await page.getByLabel('Förnamn').fill('Nora');
    await page.getByLabel('Efternamn').fill('Bevakad');
    await page.getByLabel('En kamrat har uttryckt oro').check();
    await page.getByRole('button', { name: 'Lägg till på bevakningslistan' }).click();
    await page.getByText('Eleven är tillagd på bevakningslistan.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'workflow-2-watchlist');

    await page.goto(roundUrl);
    await page.getByRole('link', { name: 'Läs in närvaro – Björkskolan' }).click();
    const days = schoolDaysFrom(termStart, 5, new Set());
    const file = path.join(dir, 'narvaro.csv');
    fs.writeFileSync(
      file,
      csv([
        ['Personnummer', 'Namn', 'Datum', 'Närvaro'],
        ...PUPILS.slice(0, 3).flatMap((pn, i) =>
          days.map((d) => [pn, i === 0 ? 'Nora Bevakad' : 'Elev Eleven', d, i === 0 ? 'Oanmäld frånvaro' : 'Närvarande']),
        ),
      ]),
    );
    await page.getByLabel('Närvarofil').setInputFiles(file);
    await page.getByRole('button', { name: 'Ladda upp och granska' }).click();
    await page.getByRole('button', { name: 'Bekräfta och läs in' }).click();
    await page.getByText(/Filen är inläst: 3 elever/).waitFor();
    await screenshot(page, 'workflow-3-uploaded');

    await page.goto(roundUrl);
    await page.getByRole('cell', { name: /Står på bevakningslistan inför lovet/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'workflow-4-flags');
    await page.getByRole('link', { name: 'Uppföljning – Nora Bevakad' }).click();
    await page.getByLabel('Hur').selectOption('home_visit');
    await page.getByLabel('Datum').fill(days[4]!);
    await page.getByLabel('Resultat').fill('Ingen hemma; grannar säger att familjen rest.');
    await page.getByRole('button', { name: 'Registrera kontaktförsök' }).click();
    await page.getByText('Kontaktförsöket är registrerat.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'workflow-5-followup');

    await page.goto(roundUrl);
    await page.getByLabel('Bekräftelse').fill('Uppföljningen är registrerad.');
    await page.getByRole('button', { name: 'Bekräfta rapporten' }).click();
    await page.getByText('Skolans rapport är bekräftad.').first().waitFor();
    await screenshot(page, 'workflow-6-confirmed');

    await admin.goto(roundUrl);
    const row = admin.getByRole('row', { name: /Björkskolan/ }).first();
    await expect(row.textContent()).resolves.toContain('Bekräftad');
    await expectAccessible(admin);
    await screenshot(admin, 'workflow-7-board');
    await admin.close();
    await page.close();
  });
});
