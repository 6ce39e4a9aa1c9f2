import { systemActor } from '../shared';
import type { Services } from '../services';
import { seedDemoRound } from './demo-round';
import { seedDemoHistory } from './demo-history';

/** Documented in the README; demo data only ever exists outside production. */
export const DEMO_PASSWORD = 'saknad-demo-2026';
/**
 * The demo users' TOTP secret (base32), documented in the README: add it to an
 * authenticator app by hand to log in to the demo. Real accounts get a fresh secret each.
 */
export const DEMO_TOTP_SECRET = 'KRSXG5CTMFVW4YLEMRSW23LPEBUW4ZDF';

export const DEMO_SCHOOLS = [
  { code: '90000001', name: 'Björkskolan', type: 'grundskola' },
  { code: '90000002', name: 'Ekdalsskolan', type: 'grundskola' },
  { code: '90000003', name: 'Lindgymnasiet', type: 'gymnasieskola' },
] as const;

export const DEMO_USERS = [
  { email: 'admin@exempelkommun.test', name: 'Åsa Utbildningskontoret', roles: ['admin'], schoolCodes: [] },
  { email: 'rektor@exempelkommun.test', name: 'Rolf Rektor', roles: ['principal'], schoolCodes: ['90000001'] },
  { email: 'samordnare@exempelkommun.test', name: 'Sara Samordnare', roles: ['coordinator'], schoolCodes: [] },
  { email: 'socialtjanst@exempelkommun.test', name: 'Selma Socialtjänsten', roles: ['social_services'], schoolCodes: [] },
] as const;

export function isEmpty(services: Services): boolean {
  const system = systemActor('demo');
  return services.users.list(system).length === 0 && services.schools.list(system).length === 0;
}

/**
 * A municipality with three schools and one user per role. Never called by the CLI or tests'
 * app setup. Sends no mail: opening the demo's rounds (most of them long past), its
 * referrals and case notices would otherwise mail invitations and notices for made-up data.
 */
export async function seedDemo(services: Services): Promise<void> {
  if (services.config.production) throw new Error('demo data is never seeded in production');
  await services.mail.withoutSending(async () => {
    await seed(services);
    // Case notices after an import go out in the background: wait for them inside.
    await services.settle();
  });
}

async function seed(services: Services): Promise<void> {
  const system = systemActor('demo');
  services.settings.set(system, 'municipalityName', 'Exempelkommun');
  for (const s of DEMO_SCHOOLS) services.schools.create(system, s);
  for (const u of DEMO_USERS) {
    const created = await services.users.create(system, { ...u, roles: [...u.roles], schoolCodes: [...u.schoolCodes] }, DEMO_PASSWORD);
    services.secondFactor.enrolKnownSecret(system, created.id, DEMO_TOTP_SECRET);
  }
  await seedDemoRound(services, system);
  await seedDemoHistory(services, system);
}
