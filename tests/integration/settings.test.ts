import { aRound, anUpload } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { PUPILS } from '../helpers/personal-numbers';
import { loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

describe('admin settings', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
  });
  afterEach(() => env.close());

  it('saves the municipality’s own status words and non-school days, and the import uses them', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const res = await postForm(agent, '/admin/installningar', '/admin/installningar', {
      municipalityName: 'Provkommun',
      statusVocabulary: 'Skolk = ogiltig',
      nonSchoolDays: '2026-08-21 Studiedag',
      excludeProtectedFromImport: 'on',
      reminderDaysBefore: '3, 1',
      reminderDaysAfter: '2',
    });
    expect(res.status).toBe(303);
    expect(env.services.settings.get('reminderDaysBefore')).toEqual([1, 3]);
    expect(env.services.settings.get('reminderDaysAfter')).toEqual([2]);
    const page = await agent.get('/admin/installningar');
    expect(page.text).toContain('Skolk = ogiltig');
    expect(page.text).toContain('2026-08-21 Studiedag');
    expect(page.text).toContain('Provkommun');
    expect(env.services.settings.get('excludeProtectedFromImport')).toBe(true);

    const round = await aRound().named('HT2026').build(env);
    // The study day moves the window's end: 10 school days now end on 1 September.
    expect(env.services.rounds.windowDates(round)).not.toContain('2026-08-21');
    expect(env.services.rounds.windowDates(round).at(-1)).toBe('2026-09-01');
    const file = csv([
      ['Personnummer', 'Datum', 'Närvaro'],
      [PUPILS[0], '2026-08-18', 'Skolk'],
      [PUPILS[0], '2026-08-21', 'Skolk'],
    ]);
    const report = await anUpload(round.id, '11111111').file(file).send(env);
    expect(report).toMatchObject({ status: 'committed', days: 1 });
    expect(report.warnings[0]!.message).toContain('kommunens läsårskalender');
  });

  it('re-renders with 400 and changes nothing when a line is wrong', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const res = await postForm(agent, '/admin/installningar', '/admin/installningar', {
      municipalityName: 'Provkommun',
      statusVocabulary: 'Skolk är ogiltig',
      nonSchoolDays: '30 oktober',
      reminderDaysAfter: '0',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Påminnelser efter sista dagen: skriv hela dagar från 1 till 60');
    expect(res.text).toContain('Rad 1 i listan med närvaroord');
    expect(res.text).toContain('Rad 1 i listan med lovdagar');
    expect(res.text).toContain('href="#statusVocabulary"');
    expect(res.text).toContain('Skolk är ogiltig');
    expect(env.services.settings.get('municipalityName')).toBe('Kommunen');
  });

  it('is for admins only', async () => {
    const principal = await loginAs(env.app, 'rektor@test.invalid');
    expect((await principal.get('/admin/installningar')).status).toBe(403);
  });
});
