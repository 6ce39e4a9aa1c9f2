import { aCase, aRound, anUpload, aUser } from '../helpers/builders';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, readOutbox, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/**
 * Issue 13, item 5: schools own their rows. Alfaskolan's missing pupil turns up in
 * Betaskolan's file under another name and class: Alfaskolan's case keeps its name, is told
 * ("finns i Betaskolans fil"), and nothing about the case changes without a person.
 */
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
const P = PUPILS[0];
const SIBLING = PUPILS[4];

const upload = (env: TestEnv, roundId: number, code: string, rows: { pn: string; name: string; className: string; status: string; guardian?: string }[]) =>
  anUpload(roundId, code)
    .onDays(DAYS)
    .withPupils(rows.map((r) => ({ ...r, statuses: DAYS.map(() => r.status) })))
    .named(`${code}.csv`)
    .commit(env);

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('schools own their rows', () => {
  let env: TestEnv;
  let roundId: number;
  let caseId: number;
  let mailsBefore: Set<string>;

  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-08-21T08:00:00Z');
    await seedBasic(env.services);
    await aUser('rektor-b@test.invalid').named('Rektor Beta').withRole('principal', '22222222').build(env);
    roundId = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
    // School A: P never came back (flagged, case opened).
    caseId = await aCase(roundId, '11111111', { pn: P, name: 'Amal Ek', className: '8B', guardian: GUARDIANS[0] }).onDays(DAYS).open(env);
    mailsBefore = new Set(readOutbox(env));
    // School B: P is in its file under another name and class, present; a sibling (same guardian) is away.
    await upload(env, roundId, '22222222', [
      { pn: P, name: 'Amira Eriksson', className: '9C', status: 'N', guardian: GUARDIANS[0] },
      { pn: SIBLING, name: 'Sara Eriksson', className: '7A', status: 'O', guardian: GUARDIANS[0] },
    ]);
  });
  afterEach(() => env.close());

  it('keeps each school’s name and class for the pupil', async () => {
    const coordinator = env.services.auth.actorForEmail('samordnare@test.invalid')!;
    const c = env.services.cases.get(coordinator, caseId).case;
    expect(c.pupil).toMatchObject({ name: 'Amal Ek', className: '8B' });
    expect(c.school.code).toBe('11111111');

    const a = await loginAs(env.app, 'rektor@test.invalid');
    const casePage = await a.get(`/arenden/${caseId}`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain('Amal Ek');
    expect(casePage.text).not.toContain('Amira');
    expect(casePage.text).not.toContain('9C');
    const aPupil = await a.get(`/omgangar/${roundId}/skolor/11111111/elever/${c.pupil.id}`);
    expect(aPupil.text).toContain('Amal Ek');
    expect(aPupil.text).not.toContain('Amira');

    const b = await loginAs(env.app, 'rektor-b@test.invalid');
    const bPupil = await b.get(`/omgangar/${roundId}/skolor/22222222/elever/${c.pupil.id}`);
    expect(bPupil.status).toBe(200);
    expect(bPupil.text).toContain('Amira Eriksson');
    expect(bPupil.text).not.toContain('Amal');
    // B's flag list shows its own sibling by B's name.
    expect(env.services.rules.listFlags(admin, roundId).find((f) => f.pupil.personalNumber === SIBLING)!.pupil.name).toBe('Sara Eriksson');

    // A's re-upload renames the pupil at A only.
    await upload(env, roundId, '11111111', [{ pn: P, name: 'Amal Ekström', className: '8C', status: 'O', guardian: GUARDIANS[0] }]);
    expect(env.services.cases.get(coordinator, caseId).case.pupil).toMatchObject({ name: 'Amal Ekström', className: '8C' });
    expect((await b.get(`/omgangar/${roundId}/skolor/22222222/elever/${c.pupil.id}`)).text).toContain('Amira Eriksson');
  });

  it('still links siblings across schools through the guardians each school gave', () => {
    const flags = env.services.rules.flagsFor(admin, roundId, '11111111', env.services.cases.get(admin, caseId).case.pupil.id)!;
    expect(flags.rules.map((r) => r.id)).toContain('siblings');
  });

  it('notes "finns i Betaskolans fil" on A’s case and changes nothing else about it', () => {
    const coordinator = env.services.auth.actorForEmail('samordnare@test.invalid')!;
    const detail = env.services.cases.get(coordinator, caseId);
    expect(detail.case).toMatchObject({ state: 'new', transferredTo: null, outcome: null, closedAt: null, seenIn: 'Betaskolan' });
    expect(env.services.cases.row(caseId).locatedAt).toBeNull();
    const seen = detail.events.filter((e) => e.kind === 'seen_elsewhere');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      actorLabel: 'Saknad (automatiskt)',
      at: '2026-08-21T08:00:00.000Z',
      details: { school: env.services.schools.findByCode('22222222')!.id, upload: expect.any(Number) },
    });
    expect(seen[0]!.text).toMatch(/^Finns i Betaskolans fil/);
    expect(detail.events.some((e) => e.kind === 'transferred')).toBe(false);
    // The re-check list still has the pupil: only a person's record locates them.
    expect(env.services.rules.recheck(coordinator, roundId).flagged.some((f) => f.pupil.personalNumber === P)).toBe(true);
    expect(env.services.schoolReports.board(admin, roundId).find((r) => r.school.code === '11111111')).toMatchObject({ notLocated: 1 });
  });

  it('tells A’s principal and the coordinators by mail, with no personal data; B’s principal is not told', async () => {
    const newMails = () => readOutbox(env).filter((m) => !mailsBefore.has(m));
    const to = (address: string) => newMails().filter((m) => new RegExp(`^To: ${address.replace(/\./g, '\\.')}$`, 'm').test(m));
    await waitFor(() => to('rektor@test.invalid').length >= 1 && to('samordnare@test.invalid').length >= 1);
    const mails = [...to('rektor@test.invalid'), ...to('samordnare@test.invalid')];
    for (const m of mails) {
      expect(m).toContain('Det finns nya uppgifter om ett ärende i Saknad.');
      expect(m).toContain(`/arenden/${caseId}`);
      for (const secret of [P, P.slice(2), 'Amal', 'Amira', 'Eriksson', '8B', '9C', 'Betaskolan', 'Alfaskolan']) expect(m).not.toContain(secret);
    }
    expect(to('rektor-b@test.invalid').filter((m) => m.includes('nya uppgifter om'))).toHaveLength(0);
  });

  it('shows B’s principal nothing of A’s case', async () => {
    const b = await loginAs(env.app, 'rektor-b@test.invalid');
    expect((await b.get(`/arenden/${caseId}`)).status).toBe(404);
    const round = await b.get(`/omgangar/${roundId}`);
    expect(round.status).toBe(200);
    expect(round.text).not.toContain('Amal');
    expect(round.text).not.toContain('Alfaskolan');
    const pupilId = env.services.cases.get(admin, caseId).case.pupil.id;
    const bPupil = await b.get(`/omgangar/${roundId}/skolor/22222222/elever/${pupilId}`);
    expect(bPupil.text).not.toContain('Alfaskolan');
    expect(bPupil.text).not.toContain(`/arenden/${caseId}`);
  });
});
