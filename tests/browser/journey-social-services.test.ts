import { serverAndBrowser } from '../helpers/browser';
import { Journey } from '../helpers/journey';

jest.setTimeout(300_000);

describe('browser journey: social services acknowledge a referral from their start page', () => {
  const suite = serverAndBrowser();

  it('inbox (unacknowledged first) → referral → acknowledged → nothing waiting', async () => {
    const j = await Journey.login(suite.browser, suite.server.baseUrl, 'social-services', 'socialtjanst@exempelkommun.test');
    const { page } = j;
    // The demo's referral for Wilma waits for confirmation; Omar's is confirmed.
    await page.getByRole('heading', { name: 'Väntar på er bekräftelse (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Bekräftade (1)' }).waitFor();
    await j.check('start');

    await page.getByRole('link', { name: /Öppna och bekräfta/ }).click();
    await page.getByLabel('Ert diarienummer').waitFor();
    await j.check('referral');
    await page.getByLabel('Ert diarienummer').fill('SN 2026/3003');
    await page.getByRole('button', { name: 'Bekräfta mottagandet' }).click();
    await page.getByText('Mottagandet är bekräftat.').waitFor();
    await j.check('acknowledged');

    await page.goto(`${suite.server.baseUrl}/socialtjanst`);
    await page.getByRole('heading', { name: 'Väntar på er bekräftelse (0)' }).waitFor();
    await page.getByRole('heading', { name: 'Bekräftade (2)' }).waitFor();
    await j.check('start-after');
    j.expectNoSidewaysScroll();
  });
});
