import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../src/shared/roles';
import { aRound, anUpload, aUser } from './builders';
import { GUARDIANS, PUPILS } from './personal-numbers';
import { REFERRAL_FIELDS } from './referral-fields';
import { numberForms, type ParamKind, type Side } from './route-matrix';
import type { Caller } from './route-matrix-table';
import { admin, seedBasic, type TestEnv } from './test-env';

/**
 * The world the role × route matrix calls into: school A (Alfaskolan, the principal's) and
 * school B (Betaskolan) in one open round, each with flagged pupils, cases, a sent referral
 * (A's to unit A, whose member is the social services caller; B's to unit B, confirmed),
 * watch-list entries and follow-up; plus a second round that only school B takes part in.
 * Surnames are distinctive words, so a body can be searched for out-of-scope pupils.
 */
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
const ABSENT = ['O', 'O', 'O'];
const PRESENT = ['N', 'N', 'N'];

export const PEOPLE = {
  a1: { pn: PUPILS[0], first: 'Alma', last: 'Alfasyster' }, // flagged, sibling of b1 (shared guardian)
  a2: { pn: PUPILS[1], first: 'Albin', last: 'Alfabevakad' }, // present, on A's watch list
  a3: { pn: PUPILS[2], first: 'Aziz', last: 'Alfaanmald' }, // flagged, referred to unit A
  a4: { pn: PUPILS[3], first: 'Agnes', last: 'Alfamanuell' }, // added by hand at A
  a5: { pn: PUPILS[8], first: 'Dagny', last: 'Alfaskyddad' }, // flagged, protected identity: masked for everyone
  b1: { pn: PUPILS[4], first: 'Bodil', last: 'Betasyster' }, // flagged, sibling of a1
  b2: { pn: PUPILS[5], first: 'Bruno', last: 'Betaanmald' }, // flagged, referred to unit B
  b3: { pn: PUPILS[6], first: 'Berit', last: 'Betabevakad' }, // present, on B's watch list
  b4: { pn: PUPILS[7], first: 'Bengt', last: 'Betamanuell' }, // added by hand at B
} as const;
type Person = keyof typeof PEOPLE;

/** Unit B's reference and a phrase of B's referral: only the office and unit B may see them. */
export const REFERENCE_B = 'SN-BETA-8888';
const CONCERN_B = 'Betaresan till utlandet';

export const EMAILS: Record<Exclude<Caller, 'anonymous'>, string> = {
  admin: 'admin@test.invalid',
  principal: 'rektor@test.invalid',
  coordinator: 'samordnare@test.invalid',
  social_services: 'soc@test.invalid',
};

export interface MatrixWorld {
  /** The case of the protected pupil (a5), for checking that its identity is stored and only shown on reveal. */
  protectedCaseId: number;
  /** Bearer token of each role for the API (none for anonymous). */
  apiTokens: Record<Caller, string | null>;
  /** The value for a parameter: own scope (school A, unit A, the caller's own key), other scope, or nonexistent. */
  value(kind: ParamKind, side: Side, caller: Caller): string;
  /** Whether the filled-in parameters name something that exists together (e.g. that pupil at that school in that round). */
  exists(filled: { kind: ParamKind; side: Side }[]): boolean;
  /** Whether the caller may see the other-scope value of a kind (admins and coordinators see every school). */
  seesOther(kind: ParamKind, caller: Caller): boolean;
  /**
   * Strings that must never appear in an answer to the caller: out-of-scope pupils' names
   * and numbers, unit B's reference, and for everyone the protected pupil's name and full
   * number (the matrix never reveals that pupil, so no answer may show them).
   */
  secretsFor(caller: Caller): string[];
}

const upload = (env: TestEnv, roundId: number, code: string, plan: { who: Person; statuses: string[]; guardian?: string; protectedId?: boolean }[]) =>
  anUpload(roundId, code)
    .onDays(DAYS)
    .withPupils(plan.map(({ who, ...p }) => ({ ...p, pn: PEOPLE[who].pn, name: `${PEOPLE[who].first} ${PEOPLE[who].last}` })))
    .named(`${code}.csv`)
    .commit(env);

export async function seedMatrixWorld(env: TestEnv): Promise<MatrixWorld> {
  const s = env.services;
  env.clock.now = new Date('2026-08-21T08:00:00Z');
  await seedBasic(s); // Alfaskolan 11111111, Betaskolan 22222222; admin, rektor (A), samordnare, soc
  await aUser('soc-b@test.invalid').named('Soc Betasson').withRole('social_services').build(env);
  const actor = (email: string) => s.auth.actorForEmail(email)!;
  const socB = actor('soc-b@test.invalid');
  const coordinator = actor(EMAILS.coordinator);
  const principal = actor(EMAILS.principal);
  const unitA = s.referrals.saveUnit(admin, null, {
    name: 'Mottagningen Norr',
    email: 'norr@test.invalid',
    onCallPhone: '08-100 100',
    members: [String(actor(EMAILS.social_services).userId)],
  });
  const unitB = s.referrals.saveUnit(admin, null, {
    name: 'Mottagningen Söder',
    email: 'soder@test.invalid',
    onCallPhone: '08-200 200',
    members: [String(socB.userId)],
  });

  const round = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
  const roundB = (await aRound().named('HT2026 Betaskolan').windowDays(3).forSchools('22222222').open().build(env)).id;
  await upload(env, round, '11111111', [
    { who: 'a1', statuses: ABSENT, guardian: GUARDIANS[0] },
    { who: 'a2', statuses: PRESENT },
    { who: 'a3', statuses: ABSENT, guardian: GUARDIANS[1] },
    { who: 'a5', statuses: ABSENT, protectedId: true },
  ]);
  await upload(env, round, '22222222', [
    { who: 'b1', statuses: ABSENT, guardian: GUARDIANS[0] },
    { who: 'b2', statuses: ABSENT, guardian: GUARDIANS[2] },
    { who: 'b3', statuses: PRESENT },
  ]);

  s.watchList.add(principal, round, '11111111', { personalNumber: PEOPLE.a2.pn, reasons: ['pupil_worry'] });
  s.watchList.add(admin, round, '22222222', { personalNumber: PEOPLE.b3.pn, reasons: ['pupil_worry'] });
  s.followUps.addManual(principal, round, '11111111', {
    personalNumber: PEOPLE.a4.pn,
    firstName: PEOPLE.a4.first,
    lastName: PEOPLE.a4.last,
    reason: 'Syster berättade om en resa',
  });
  s.followUps.addManual(admin, round, '22222222', {
    personalNumber: PEOPLE.b4.pn,
    firstName: PEOPLE.b4.first,
    lastName: PEOPLE.b4.last,
    reason: 'Kompis berättade om en resa',
  });

  const cases = s.cases.queue(admin, { state: 'all' }).cases;
  const caseOf = (who: Person) => {
    // Matched on the birth date: a protected pupil's number is masked even for an admin.
    const c = cases.find((x) => x.pupil.personalNumber.slice(0, 8) === PEOPLE[who].pn.slice(0, 8));
    if (!c) throw new Error(`seed: no case for ${who}`);
    return c;
  };
  const pupilA = caseOf('a1').pupil.id;
  const pupilB = caseOf('b1').pupil.id;
  s.followUps.save(principal, round, '11111111', pupilA, { knownReason: 'Familjen är utomlands enligt en granne.' });
  s.followUps.save(admin, round, '22222222', pupilB, { knownReason: 'Familjen är utomlands enligt en Betagranne.' });

  const referralA = (
    await s.referrals.save(coordinator, caseOf('a3').id, { ...REFERRAL_FIELDS, unitId: unitA, concernSeen: 'Eleven har inte kommit tillbaka.' }, true)
  ).id;
  const referralB = (
    await s.referrals.save(coordinator, caseOf('b2').id, { ...REFERRAL_FIELDS, unitId: unitB, concernSeen: `${CONCERN_B} nämndes av klassen.` }, true)
  ).id;
  await s.referrals.acknowledge(socB, referralB, { reference: REFERENCE_B });

  const apiTokens: Record<Caller, string | null> = { anonymous: null, admin: null, principal: null, coordinator: null, social_services: null };
  const spareTokens: Partial<Record<Caller, number>> = {};
  for (const [caller, email] of Object.entries(EMAILS) as [Caller, string][]) {
    apiTokens[caller] = s.tokens.create(actor(email), { name: 'matris' }).token;
    // A second key of the caller's own, for the revoke route (the API key stays usable).
    spareTokens[caller] = s.tokens.create(actor(email), { name: 'reserv' }).record.id;
  }
  const otherToken = s.tokens.create(socB, { name: 'annan' }).record.id;
  const schoolId = (code: string) => s.schools.list(admin).find((x) => x.code === code)!.id;
  // A pending web upload of the principal's (a file with an error: its commit stores nothing).
  const previewOf = async (who: Actor, code: string) => {
    const tmpFile = path.join(env.dir, 'tmp', `matris-${code}`);
    fs.mkdirSync(path.dirname(tmpFile), { recursive: true });
    fs.writeFileSync(tmpFile, 'Personnummer;Datum;Närvaro\n');
    const { id, done } = s.pendingPreviews.upload(who, { roundId: round, schoolCode: code, tmpFile, fileName: 'matris.csv' });
    await done;
    return id;
  };
  const previewOwn: Partial<Record<Caller, string>> = {
    principal: await previewOf(principal, '11111111'),
    admin: await previewOf(actor(EMAILS.admin), '11111111'),
  };
  // Another admin's: no caller of the matrix uploaded it.
  await aUser('admin-b@test.invalid').named('Admin Betasson').withRole('admin').build(env);
  const previewOther = await previewOf(actor('admin-b@test.invalid'), '22222222');

  const own: Record<ParamKind, (caller: Caller) => number | string> = {
    round: () => round,
    schoolCode: () => '11111111',
    pupil: () => pupilA,
    case: () => caseOf('a1').id,
    referral: () => referralA,
    schoolId: () => schoolId('11111111'),
    user: () => principal.userId!,
    unit: () => unitA,
    token: (caller) => spareTokens[caller] ?? otherToken,
    preview: (caller) => previewOwn[caller] ?? previewOther,
  };
  const other: Record<ParamKind, number | string> = {
    round: roundB,
    schoolCode: '22222222',
    pupil: pupilB,
    case: caseOf('b1').id,
    referral: referralB,
    schoolId: schoolId('22222222'),
    user: socB.userId!,
    unit: unitB,
    token: otherToken,
    preview: previewOther,
  };
  const OFFICE: Caller[] = ['admin', 'coordinator'];
  const seesOther: Record<ParamKind, Caller[]> = {
    round: OFFICE,
    schoolCode: OFFICE,
    pupil: OFFICE,
    case: OFFICE,
    referral: OFFICE,
    schoolId: ['admin'],
    user: ['admin'],
    unit: ['admin'],
    token: [], // nobody's keys but one's own
    preview: [], // nobody's pending upload but one's own
  };

  // Which school each side's round takes part with, and where each side's pupil is.
  const roundSchools: Record<'own' | 'other', ('own' | 'other')[]> = { own: ['own', 'other'], other: ['other'] };
  const pupilAt: Record<'own' | 'other', { round: 'own'; code: 'own' | 'other' }> = {
    own: { round: 'own', code: 'own' },
    other: { round: 'own', code: 'other' },
  };

  const secretsOf = (who: Person[]) => who.flatMap((p) => [PEOPLE[p].last, ...numberForms(PEOPLE[p].pn)]);
  const bSide = [...secretsOf(['b1', 'b2', 'b3', 'b4']), REFERENCE_B, CONCERN_B];
  // Its masked form (YYYYMMDD-****) may show; the last four digits and the name never.
  const protectedPupil = [PEOPLE.a5.first, PEOPLE.a5.last, ...numberForms(PEOPLE.a5.pn).filter((f) => f !== PEOPLE.a5.pn.slice(0, 8))];
  return {
    protectedCaseId: caseOf('a5').id,
    apiTokens,
    value: (kind, side, caller) =>
      String(side === 'missing' ? (kind === 'schoolCode' ? '99999999' : 999999) : side === 'own' ? own[kind](caller) : other[kind]),
    exists(filled) {
      const side = (k: ParamKind) => filled.find((f) => f.kind === k)?.side;
      const r = side('round');
      const c = side('schoolCode');
      const p = side('pupil');
      if (filled.some((f) => f.side === 'missing')) return false;
      if (r && c && !roundSchools[r as 'own' | 'other'].includes(c as 'own' | 'other')) return false;
      if (p) {
        const at = pupilAt[p as 'own' | 'other'];
        if ((r && r !== at.round) || (c && c !== at.code)) return false;
      }
      return true;
    },
    seesOther: (kind, caller) => seesOther[kind].includes(caller),
    secretsFor(caller) {
      switch (caller) {
        case 'admin':
        case 'coordinator':
          return protectedPupil;
        case 'principal':
          return [...protectedPupil, ...bSide]; // only school A
        case 'social_services':
          return [...protectedPupil, ...secretsOf(['a1', 'a2', 'a4']), ...bSide]; // only unit A's referral (pupil a3)
        case 'anonymous':
          return [...protectedPupil, ...secretsOf(['a1', 'a2', 'a3', 'a4']), ...bSide];
      }
    },
  };
}
