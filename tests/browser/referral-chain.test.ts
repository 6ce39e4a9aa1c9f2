import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { expectAccessible, loginAs, newPage, screenshot, serverAndBrowser } from '../helpers/browser';
import { pdfText } from '../helpers/pdf-text';

jest.setTimeout(300_000);

const login = (page: Page, baseUrl: string, email: string) => loginAs(page, baseUrl, email, DEMO_PASSWORD);

describe('browser: from a flagged pupil to social services’ acknowledgement', () => {
  const suite = serverAndBrowser();

  it('coordinator works the case and files an acute referral; social services confirm; the coordinator sees it acknowledged', async () => {
    const coordinator = await newPage(suite.browser);
    await login(coordinator, suite.server.baseUrl, 'samordnare@exempelkommun.test');
    await coordinator.goto(`${suite.server.baseUrl}/arenden`);
    await coordinator.getByRole('heading', { name: 'Granskningskö' }).waitFor();
    await expectAccessible(coordinator);
    await screenshot(coordinator, 'cases-1-queue');

    // Leo Larsson: flagged for scattered unexplained absence, being investigated.
    await coordinator.getByRole('link', { name: 'Leo Larsson' }).click();
    await coordinator.getByText('Har varit frånvarande utan giltig orsak').first().waitFor();
    await coordinator.getByLabel('Kontakt med').selectOption('police');
    await coordinator.getByLabel('Datum', { exact: true }).fill('2026-09-01');
    await coordinator.getByLabel('Resultat').fill('Polisen har ingen uppgift om familjen.');
    await coordinator.getByRole('button', { name: 'Spara kontakt' }).click();
    await coordinator.getByText('Kontakten är sparad.').waitFor();
    await coordinator.getByLabel('Kontakt med').selectOption('guardian');
    await coordinator.getByLabel('Datum', { exact: true }).fill('2026-09-02');
    await coordinator.getByLabel('Resultat').fill('Vårdnadshavaren svarar inte.');
    await coordinator.getByRole('button', { name: 'Spara kontakt' }).click();
    await coordinator.getByText('Kontakten är sparad.').waitFor();
    await expectAccessible(coordinator);
    await screenshot(coordinator, 'cases-2-case');
    const caseUrl = coordinator.url();

    await coordinator.getByRole('link', { name: 'Akut fara? Visa vad du ska göra först' }).click();
    const alert = coordinator.getByRole('alert').filter({ hasText: 'Akut – gör detta först' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/socialjouren[\s\S]*112[\s\S]*utreseförbud/);
    await expect(coordinator.getByLabel('Hur brådskande').inputValue()).resolves.toBe('acute');
    await expect(coordinator.getByLabel('Kontaktförsök med datum och resultat').inputValue()).resolves.toContain('Vårdnadshavaren svarar inte.');
    await expect(coordinator.getByLabel(/Andra anmälningar och kontakter/).inputValue()).resolves.toContain('Polisen har ingen uppgift');
    await expectAccessible(coordinator);
    await screenshot(coordinator, 'cases-3-acute-referral');
    await coordinator.getByLabel('Känner eleven till anmälan?').selectOption('no');
    await coordinator.locator('#guardian1Informed').selectOption('no');
    await coordinator.locator('#guardian1NotInformedWhy').fill('Risk för hedersrelaterat våld.');
    await coordinator.getByLabel('Vad du själv har sett').fill('Eleven har varit borta flera dagar utan förklaring.');
    await coordinator.getByLabel('Vad du har hört av andra (och av vem)').fill('En kompis säger att eleven ska resa i morgon.');
    await coordinator.getByLabel('Hur uppgifterna kom till dig').fill('Kompis till mentor i dag.');
    await coordinator.getByLabel('Finns akut fara för barnet?').selectOption('yes');
    await coordinator.getByLabel('Beskriv den akuta faran').fill('Utresa kan ske i morgon.');
    await coordinator.getByLabel('Telefon', { exact: true }).fill('010-000 00 01');
    await coordinator.getByRole('button', { name: 'Skicka orosanmälan' }).click();
    await coordinator.getByText('Orosanmälan är skickad till socialtjänsten.').waitFor();
    const referralUrl = coordinator.url();
    await screenshot(coordinator, 'cases-4-referral-sent');

    const pdf = await coordinator.request.get(`${referralUrl}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await pdf.body());
    for (const field of [
      'Orosanmälan',
      'Leo Larsson',
      '20110306-2384',
      'Socialtjänstens mottagning, barn och unga',
      'Akut – gör detta först',
      'En kompis säger att eleven ska resa i morgon.',
      'Polisen har ingen uppgift om familjen.',
      'Kommunens rutin',
    ]) {
      expect(text).toContain(field);
    }

    const social = await newPage(suite.browser);
    await login(social, suite.server.baseUrl, 'socialtjanst@exempelkommun.test');
    await social.goto(`${suite.server.baseUrl}/socialtjanst`);
    await expectAccessible(social);
    await screenshot(social, 'cases-5-inbox');
    await social.goto(referralUrl);
    await social.getByText('En kompis säger att eleven ska resa i morgon.').waitFor();
    await social.getByLabel('Ert diarienummer').fill('SN 2026/2001');
    await social.getByRole('button', { name: 'Bekräfta mottagandet' }).click();
    await social.getByText('Mottagandet är bekräftat.').waitFor();
    await expectAccessible(social);
    await screenshot(social, 'cases-6-acknowledged');

    await coordinator.goto(caseUrl);
    await coordinator.getByText('Mottagen av socialtjänsten').first().waitFor();
    await coordinator
      .getByText(/SN 2026\/2001/)
      .first()
      .waitFor();
    await screenshot(coordinator, 'cases-7-coordinator-sees');
    await social.close();
    await coordinator.close();
  });
});
