import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { authenticator } from 'otplib';
import request from 'supertest';
import { createApp } from '../../src/app';
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig, type Config } from '../../src/config';
import type { Db } from '../../src/db/connection';
import type { Services } from '../../src/services';

export const PASSWORD = 'ett-testlosenord-2026';
/** The test users' TOTP secret (base32), enrolled by seedBasic so logins pass the second factor. */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Each app's clock and services, so loginAs can compute the code the app expects. */
const appWorld = new WeakMap<Express, { clock: TestClock; secrets: Map<string, string> }>();

/** A settable clock, so lockouts and link expiry can be tested without waiting. */
export class TestClock {
  constructor(public now = new Date('2026-08-18T08:00:00Z')) {}
  readonly fn = (): Date => new Date(this.now);
  advanceMinutes(m: number): void {
    this.now = new Date(this.now.getTime() + m * 60_000);
  }
}

export interface TestEnv {
  dir: string;
  config: Config;
  services: Services;
  /** The services' own database, for assertions on what is stored (closed by close()). */
  db: Db;
  clock: TestClock;
  app: Express;
  close(): void;
}

/**
 * A real SQLite file in a fresh temp folder, migrated, with the real services and app.
 * Imports run in this thread, as the CLI runs them; `importWorkers: true` runs them on
 * worker threads as the server does (src/import-worker.ts; each worker costs about a second
 * to start from source, so only the tests of the web and API paths ask for them).
 */
export function testEnv(env: Record<string, string> = {}, options: { importWorkers?: boolean } = {}): TestEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-test-'));
  const config = loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: dir, ...env });
  const clock = new TestClock();
  const { services, db } = bootstrap(config, clock.fn, { importWorkers: options.importWorkers ?? false });
  const app = createApp(services);
  appWorld.set(app, { clock, secrets: new Map() });
  return {
    dir,
    config,
    services,
    db,
    clock,
    app,
    close() {
      services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const admin = systemActor('test');

/** Two schools and one user per role (principal of the first school), all with PASSWORD. */
export async function seedBasic(services: Services): Promise<void> {
  services.schools.create(admin, { code: '11111111', name: 'Alfaskolan', type: 'grundskola' });
  services.schools.create(admin, { code: '22222222', name: 'Betaskolan', type: 'grundskola' });
  const users = [
    { email: 'admin@test.invalid', name: 'Admin Testsson', roles: ['admin'], schoolCodes: [] as string[] },
    { email: 'rektor@test.invalid', name: 'Rektor Testsson', roles: ['principal'], schoolCodes: ['11111111'] },
    { email: 'samordnare@test.invalid', name: 'Samordnare Testsson', roles: ['coordinator'], schoolCodes: [] },
    { email: 'soc@test.invalid', name: 'Soc Testsson', roles: ['social_services'], schoolCodes: [] },
  ];
  for (const u of users) {
    const created = await services.users.create(admin, u, PASSWORD);
    services.secondFactor.enrolKnownSecret(admin, created.id, TOTP_SECRET);
  }
}

/** The synchroniser token from a rendered form. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

/** Logs in through the real login form (reading its CSRF token) and returns the agent. */
export async function loginAs(app: Express, email: string, password = PASSWORD): Promise<ReturnType<typeof request.agent>> {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
  if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
  if (res.headers.location === '/login/tvafaktor') await passSecondFactor(app, agent, email);
  return agent;
}

/** The TOTP code an authenticator app shows for `secret` at `at`. */
export function totpAt(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

/**
 * Types the TOTP code of TOTP_SECRET (or, for a user created without it, of the secret the
 * enrolment page shows, remembered for their later logins) at the app's test clock. A code
 * works once, so when the same user logs in twice at one frozen time the clock moves on
 * 30 s to the next code.
 */
export async function passSecondFactor(app: Express, agent: ReturnType<typeof request.agent>, email: string): Promise<request.Response> {
  const world = appWorld.get(app);
  if (!world) throw new Error('loginAs: the app was not made by testEnv, so its clock is unknown');
  for (let tries = 0; tries < 2; tries++) {
    const page = await agent.get('/login/tvafaktor');
    const shown = /data-secret>([A-Z2-7]+)</.exec(page.text)?.[1];
    if (shown) world.secrets.set(email, shown);
    const code = totpAt(world.secrets.get(email) ?? TOTP_SECRET, world.clock.now);
    const res = await agent
      .post('/login/tvafaktor')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code });
    // 303 into the app, or 200 with the recovery codes after an enrolment.
    if (res.status === 303 || (shown && res.status === 200)) return res;
    world.clock.now = new Date(world.clock.now.getTime() + 30_000);
  }
  throw new Error(`second factor failed for ${email}`);
}

/** GET a page with the agent and POST a form on it with the page's CSRF token. */
export async function postForm(agent: ReturnType<typeof request.agent>, pagePath: string, action: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

/** Decodes a quoted-printable mail body (how nodemailer encodes Swedish text). */
export function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Every .eml in the outbox folder, decoded, oldest first. */
export function readOutbox(env: TestEnv): string[] {
  if (!fs.existsSync(env.config.outboxDir)) return [];
  return fs
    .readdirSync(env.config.outboxDir)
    .sort()
    .map((f) => decodeQuotedPrintable(fs.readFileSync(path.join(env.config.outboxDir, f), 'utf8')));
}

/**
 * The usual setup of an import test: a fresh environment with the basic schools and
 * users, and the round "HT2026 efter sommarlovet" from Tue 18 Aug 2026, the clock after
 * its window.
 */
export async function summerRoundEnv(): Promise<{ env: TestEnv; roundId: number }> {
  const env = testEnv();
  env.clock.now = new Date('2026-09-15T08:00:00Z');
  await seedBasic(env.services);
  const roundId = env.services.rounds.create(admin, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18' }).id;
  return { env, roundId };
}
