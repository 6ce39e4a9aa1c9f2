import { anUpload, type PupilPlan } from './builders';
import { admin, type TestEnv } from './test-env';

/** The three school days the case tests' rounds observe (window 3 from Tue 18 Aug 2026). */
export const THREE_DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];

/** A school's file over THREE_DAYS, each pupil in class 8B unless the plan says otherwise. */
export const importThreeDays = (env: TestEnv, roundId: number, code: string, plan: PupilPlan[]) =>
  anUpload(roundId, code)
    .onDays(THREE_DAYS)
    .withPupils(plan.map((p) => ({ className: '8B', ...p })))
    .named(`${code}.csv`)
    .commit(env);

/** Social services unit "Mottagningen Norr" with seedBasic's social services user as its member; returns its id. */
export function unitNorr(env: TestEnv): number {
  const soc = env.services.auth.actorForEmail('soc@test.invalid')!;
  return env.services.referrals.saveUnit(admin, null, {
    name: 'Mottagningen Norr',
    email: 'mottagning-norr@test.invalid',
    onCallPhone: '08-100 100',
    members: [String(soc.userId)],
  });
}
