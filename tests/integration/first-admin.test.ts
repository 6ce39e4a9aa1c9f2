import { ensureFirstAdmin } from '../../src/users/first-admin';
import { admin, testEnv } from '../helpers/test-env';

describe('production start-up without an administrator', () => {
  it('creates the first administrator and gives a one-time link until a password is set', async () => {
    const env = testEnv({ SAKNAD_FIRST_ADMIN_EMAIL: 'it@kommun.test' });
    const first = await ensureFirstAdmin(env.services);
    expect(first).toMatch(/^\/losenord\?token=[A-Za-z0-9_-]{40,}$/);
    const users = env.services.users.list(admin);
    expect(users).toEqual([expect.objectContaining({ email: 'it@kommun.test', hasPassword: false, roles: [{ role: 'admin', schoolId: null }] })]);

    // A restart before the password is set prints a new link; the old one stops working.
    const second = await ensureFirstAdmin(env.services);
    expect(second).not.toBe(first);
    expect(env.services.users.passwordLinkValid(first!.split('=')[1]!)).toBe(false);
    await env.services.users.setPasswordWithToken(second!.split('=')[1]!, 'ett-forsta-losenord', 'ett-forsta-losenord');
    expect(await ensureFirstAdmin(env.services)).toBeNull();
    expect(env.services.schools.list(admin)).toEqual([]);
    env.close();
  });
});
