import { serverAndBrowser } from '../helpers/browser';
import { Journey } from '../helpers/journey';

jest.setTimeout(300_000);

describe('browser journey: the coordinator goes from the start page to a sent referral', () => {
  const suite = serverAndBrowser();

  it("start page (today's re-checks) → case → referral form → sent → waiting for acknowledgement", async () => {
    const j = await Journey.login(suite.browser, suite.server.baseUrl, 'coordinator', 'samordnare@exempelkommun.test');
    const { page } = j;
    // The demo: Leo Larsson's re-check is today; Wilma's referral (and one from an earlier round) wait for social services.
    await page.getByRole('heading', { name: 'Återkontroll i dag (1)' }).waitFor();
    await page.getByRole('heading', { name: /Orosanmälningar som väntar på socialtjänstens bekräftelse \(2\)/ }).waitFor();
    await j.check('start');

    await page.getByRole('link', { name: 'Leo Larsson' }).click();
    await page.getByRole('heading', { name: /Leo Larsson/ }).waitFor();
    await j.check('case');

    await page.getByRole('link', { name: 'Gör orosanmälan' }).click();
    await page.getByLabel('Vad du själv har sett').waitFor();
    await j.check('referral-form');
    await page.getByLabel('Känner eleven till anmälan?').selectOption('no');
    await page.locator('#guardian1Informed').selectOption('yes');
    await page.getByLabel('Vad du själv har sett').fill('Eleven har varit borta flera dagar utan förklaring.');
    await page.getByLabel('Hur uppgifterna kom till dig').fill('Skolans närvaroregistrering.');
    await page.getByLabel('Finns akut fara för barnet?').selectOption('no');
    await page.getByLabel('Telefon', { exact: true }).fill('010-000 00 01');
    await page.getByRole('button', { name: 'Skicka orosanmälan' }).click();
    await page.getByText('Orosanmälan är skickad till socialtjänsten.').waitFor();
    await j.check('referral-sent');

    await page.goto(`${suite.server.baseUrl}/samordnare`);
    await page.getByRole('heading', { name: /Orosanmälningar som väntar på socialtjänstens bekräftelse \(3\)/ }).waitFor();
    await j.check('start-after');
    j.expectNoSidewaysScroll();
  });
});
