import type { RoundFacts } from './stats-types';

/**
 * A round's facts with pupil and case ids replaced by numbers 1, 2, … within the round, in
 * order of first appearance. Every figure depends only on which rows share a pupil or a
 * case, never on the id itself, so the statistics computed from the result are the same.
 */
export function pseudonymise(facts: RoundFacts): { facts: RoundFacts } {
  const pupils = new Map<number, number>();
  const cases = new Map<number, number>();
  const pupil = (id: number) => pupils.get(id) ?? (pupils.set(id, pupils.size + 1), pupils.size);
  const kase = (id: number) => cases.get(id) ?? (cases.set(id, cases.size + 1), cases.size);
  return {
    facts: {
      ...facts,
      flags: facts.flags.map((f) => ({ ...f, pupilId: pupil(f.pupilId) })),
      cases: facts.cases.map((c) => ({ ...c, id: kase(c.id), pupilId: pupil(c.pupilId) })),
      referrals: facts.referrals.map((r) => ({ ...r, caseId: kase(r.caseId) })),
      watchList: facts.watchList.map((w) => ({ ...w, pupilId: pupil(w.pupilId) })),
      transfers: facts.transfers.map((t) => ({ ...t, pupilId: pupil(t.pupilId) })),
    },
  };
}
