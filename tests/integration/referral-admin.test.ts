import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

describe('admin: social services units and the referral routine', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = testEnv();
    await seedBasic(env.services);
  });
  afterEach(() => env.close());

  it('adds a unit with its members; bad input re-renders with 400, the input kept, and saves nothing', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const soc = env.services.auth.actorForEmail('soc@test.invalid')!;
    const bad = await postForm(agent, '/admin/orosanmalan/enheter/ny', '/admin/orosanmalan/enheter/ny', {
      name: 'Mottagningen',
      email: 'inte-en-adress',
      onCallPhone: 'ring oss',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Ange enhetens funktionsbrevlåda');
    expect(bad.text).toContain('Ange socialjourens telefonnummer');
    expect(bad.text).toContain('href="#email"');
    expect(bad.text).toContain('value="Mottagningen"');
    expect(env.services.referrals.units(admin)).toEqual([]);
    const ok = await postForm(agent, '/admin/orosanmalan/enheter/ny', '/admin/orosanmalan/enheter/ny', {
      name: 'Mottagningen',
      email: 'mottagning@test.invalid',
      onCallPhone: '08-123 45',
      members: String(soc.userId),
    });
    expect(ok.status).toBe(303);
    const [unit] = env.services.referrals.units(admin);
    expect(unit).toMatchObject({ name: 'Mottagningen', email: 'mottagning@test.invalid', active: true });
    expect(env.services.referrals.unitForm(admin, unit!.id).members).toEqual([soc.userId]);
    const principal = env.services.auth.actorForEmail('rektor@test.invalid')!;
    expect(() =>
      env.services.referrals.saveUnit(admin, null, {
        name: 'X-enheten',
        email: 'x@test.invalid',
        onCallPhone: '08-123 45',
        members: [String(principal.userId)],
      }),
    ).toThrow('Bara användare med rollen socialtjänst');
    expect(() => env.services.referrals.saveUnit(admin, null, { name: 'mottagningen', email: 'x@test.invalid', onCallPhone: '08-123 45' })).toThrow(
      'redan en enhet',
    );
  });

  it('saves the routine, the second-approval setting and the working days; refuses bad values', async () => {
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const bad = await postForm(agent, '/admin/orosanmalan', '/admin/orosanmalan', { referralRoutine: 'Kort', acknowledgeWorkingDays: '99' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Skriv kommunens rutin');
    expect(bad.text).toContain('Ange antal arbetsdagar, 0–30.');
    const routine = 'Vid oro: gör en orosanmälan genast. Vid akut fara ring socialjouren och 112.';
    expect(
      (
        await postForm(agent, '/admin/orosanmalan', '/admin/orosanmalan', {
          referralRoutine: routine,
          secondApprovalRequired: 'on',
          acknowledgeWorkingDays: '3',
        })
      ).status,
    ).toBe(303);
    expect(env.services.settings.get('referralRoutine')).toBe(routine);
    expect(env.services.settings.get('secondApprovalRequired')).toBe(true);
    expect(env.services.settings.get('acknowledgeWorkingDays')).toBe(3);
  });

  it('is for admins only', async () => {
    const coordinator = await loginAs(env.app, 'samordnare@test.invalid');
    expect((await coordinator.get('/admin/orosanmalan')).status).toBe(403);
  });
});
