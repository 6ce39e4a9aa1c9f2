import { serverAndBrowser } from '../helpers/browser';
import { Journey } from '../helpers/journey';

// Generous: the suite may wait for another browser suite to finish (see startServer).
jest.setTimeout(300_000);

describe('browser journey: the admin creates and opens a round, follows its progress and closes it after confirming', () => {
  const suite = serverAndBrowser();

  it('start page with progress → new round → open → progress → close with confirmation', async () => {
    const j = await Journey.login(suite.browser, suite.server.baseUrl, 'admin', 'admin@exempelkommun.test');
    const { page } = j;
    // The demo round: Björkskolan and Ekdalsskolan have confirmed; Lindgymnasiet is late.
    await page.getByText('2 av 3 skolor bekräftade').waitFor();
    await page.getByRole('progressbar', { name: '2 av 3 skolor bekräftade' }).waitFor();
    await page.getByText('Lindgymnasiet').waitFor();
    await j.check('start');

    await page.getByRole('link', { name: 'Ny omgång' }).click();
    await page.getByLabel('Namn', { exact: true }).fill('Jullovet (journey)');
    await page.getByLabel('Lov', { exact: true }).selectOption('christmas');
    await page.getByLabel('Terminsstart (första skoldagen efter lovet)').fill('2027-01-11');
    await j.check('new-round');
    await page.getByRole('button', { name: 'Skapa omgång' }).click();
    await page.getByRole('heading', { name: 'Jullovet (journey)' }).waitFor();
    await j.check('draft');

    await page.getByRole('button', { name: 'Öppna omgången och bjud in skolorna' }).click();
    await page.getByText(/Omgången är öppnad\./).waitFor();
    await j.check('opened');

    await page.goto(`${suite.server.baseUrl}/admin`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Jullovet (journey)' }) });
    await card.getByText('0 av 3 skolor bekräftade').waitFor();
    await j.check('progress');

    await card.getByRole('link', { name: 'Jullovet (journey)' }).click();
    await page.getByRole('link', { name: 'Stäng omgången' }).click();
    await page.getByText('Inga fler filer kan läsas in.').waitFor();
    await page.getByText(/3 av 3 skolor har inte bekräftat/).waitFor();
    await j.check('close-confirm');
    // Without the box ticked nothing closes; the page says why.
    await page.getByRole('button', { name: 'Stäng omgången' }).click();
    await page.getByText('Kryssa i rutan för att bekräfta att omgången ska stängas.').first().waitFor();
    await j.check('close-refused');
    await page.getByLabel('Jag förstår att omgången låses och inte kan öppnas igen.').check();
    await page.getByRole('button', { name: 'Stäng omgången' }).click();
    await page.getByText('Omgången är stängd.').first().waitFor();
    await j.check('closed');
    j.expectNoSidewaysScroll();
  });
});
