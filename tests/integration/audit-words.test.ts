/** Issue 15, item 5: the audit log shows what happened in Swedish words, and objects by name. */
import { aRound } from '../helpers/builders';
import { loginAs, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';
import { visibleText } from '../helpers/page-text';

describe('the audit log page', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-20T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().named('HT2026 efter sommarlovet').build(env)).id;
  });
  afterEach(() => env.close());

  it('says each event in words and names the round, with no action code in the text', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const html = (await agent.get('/admin/logg').expect(200)).text;
    const text = visibleText(html);
    expect(text).toContain('Inloggning');
    expect(text).toContain('Omgång skapad');
    expect(text).toContain('Omgång HT2026 efter sommarlovet');
    expect(text).not.toMatch(/login\.success|round\.create|\bround \d|second_factor\./);
    expect(text).not.toContain(`Omgång ${roundId}`);
  });

  it('filters by the words the page shows, and still by an action name', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const byWord = visibleText((await agent.get('/admin/logg?action=omgång skapad').expect(200)).text);
    expect(byWord).toContain('Omgång skapad');
    expect(byWord).not.toContain('Inloggning bekräftad med kod');
    const byName = visibleText((await agent.get('/admin/logg?action=second_factor.').expect(200)).text);
    expect(byName).toContain('Inloggning bekräftad med kod');
    expect(byName).not.toContain('Omgång skapad');
  });

  it('exports the words alongside the action names', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const csv = (await agent.get('/admin/logg.csv?action=round.create').expect(200)).text;
    expect(csv).toContain('detaljer;beskrivning');
    expect(csv).toMatch(/round\.create;round;\d+;success;[^\n]*;Omgång skapad/);
  });
});
