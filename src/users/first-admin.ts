import { systemActor } from '../shared';
import type { Services } from '../services';

/**
 * Production start-up: if no administrator can log in yet, make sure one exists
 * (SAKNAD_FIRST_ADMIN_EMAIL) and return a fresh one-time link to set their password.
 * Returns null once an administrator has a password.
 */
export async function ensureFirstAdmin(services: Services): Promise<string | null> {
  const system = systemActor('system');
  const users = services.users.list(system);
  const admins = users.filter((u) => u.active && u.roles.some((r) => r.role === 'admin'));
  if (admins.some((a) => a.hasPassword)) return null;
  const admin =
    admins[0] ??
    (await services.users.create(system, {
      email: services.config.firstAdminEmail,
      name: 'Administratör',
      roles: ['admin'],
      schoolCodes: [],
    }));
  services.audit.record(system, { action: 'user.first_admin_link', objectType: 'user', objectId: admin.id });
  return services.users.createPasswordLink(admin.id);
}
