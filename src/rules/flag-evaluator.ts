import { todayInStockholm } from '../calendar';
import { t } from '../i18n';
import type { Status } from '../imports';
import type { Round, RoundService } from '../rounds';
import type { Clock } from '../shared';
import { DEFAULT_RULES } from './engine/default-rules';
import { applyModifiers, evaluatePupil, evaluateVanished, presentEveryDayIsQuiet, type FlaggedPupil as EngineFlagged } from './engine/evaluate';
import { computeDayFacts, minutesFacts, summaryFacts } from './engine/facts';
import { daysBetween } from '../calendar';
import { STATUS_OF_LETTER, type NewFlag, type RulesRepository, type StoredFlag } from './rules-repository';
import type { PupilFacts, RuleSet, Severity } from './types';
import { changedSchools, flagSetsBySchool } from './flag-set-change';

export interface EvaluationSummary {
  round: number;
  ruleSetVersion: number;
  pupils: number;
  flaggedPupils: number;
  flags: { new: number; updated: number; cleared: number; active: number };
}

/** What schools recorded outside the files: the watch list (with leave) and transfers. */
export interface RecordInputs {
  /** Keyed "pupilId:schoolId": what one school recorded applies at that school only. */
  watchList: (roundId: number) => Map<string, { leaveTo: string | null }>;
  transfers: (roundId: number) => Map<string, { transfer: string; receivingSchool: string | null }>;
}

/** A pupil at a school, as one number (school ids stay far below 2^20). */
export type PupilKey = number;
/** A flagged pupil at one school of the round. */
type FlaggedEntry = EngineFlagged & { pupilId: number; schoolId: number };
export const pupilKey = (pupilId: number, schoolId: number): PupilKey => pupilId * 1_048_576 + schoolId;
export const schoolOfKey = (k: PupilKey): number => k % 1_048_576;
const key = pupilKey;

/**
 * Turns a round's attendance into flags. Facts are gathered from the database, the
 * pure engine (./engine) decides, and store() replaces the round's flags: new flags are
 * added, changed ones updated, and flags that no longer fire are kept as cleared with
 * when and why — never silently dropped. It opens no transaction and calls no one: the
 * steps around it are RoundEvaluation's (src/rounds/round-evaluation.ts).
 */
export class FlagEvaluator {
  private readonly repo: RulesRepository;
  private readonly rounds: RoundService;
  private readonly clock: Clock;
  private readonly inputs: RecordInputs;

  constructor(deps: { repo: RulesRepository; rounds: RoundService; clock: Clock; inputs?: RecordInputs }) {
    this.repo = deps.repo;
    this.rounds = deps.rounds;
    this.clock = deps.clock;
    this.inputs = deps.inputs ?? { watchList: () => new Map(), transfers: () => new Map() };
  }

  /** The rule set in force; version 1 is the defaults, stored on first use. */
  ruleSet(): RuleSet {
    const latest = this.repo.latestRuleSet();
    if (latest) return latest;
    const version = this.repo.insertRuleSet(DEFAULT_RULES, this.clock().toISOString(), null, 'Standardregler');
    return { version, rules: DEFAULT_RULES };
  }

  /**
   * Computes the round's flags and stores the difference. Runs inside the caller's
   * transaction (RoundEvaluation.evaluateRound); also returns the schools whose set of
   * active flags (pupil and rule) changed, and the time stamp the changes carry.
   */
  store(
    round: Round & { schoolIds: number[] },
    ruleSet: RuleSet,
    options: { afterUpload?: boolean } = {},
  ): { summary: EvaluationSummary; changedSchools: ReadonlySet<number>; at: string } {
    const roundId = round.id;
    const at = this.clock().toISOString();
    // Taken before computing, so a day that ends meanwhile makes the next evaluation read the whole round.
    const basis = `${ruleSet.version}|${todayInStockholm(this.clock)}|${this.rounds.windowDates(round).join(',')}`;
    // After an upload, when the last evaluation was under the same rules, day and window:
    // only the uploads since then, the flagged pupils and those with records (migration 027).
    const prior = options.afterUpload ? this.repo.evaluationBasis(roundId) : undefined;
    const results = this.compute(round, ruleSet, prior?.basis === basis ? prior.uploadId : null);
    this.repo.saveEvaluationBasis(roundId, basis);
    const active = new Map<string, StoredFlag>();
    for (const f of this.repo.activeFlags(roundId)) active.set(`${key(f.pupilId, f.schoolId)}:${f.ruleId}`, f);
    const before = flagSetsBySchool([...active.values()].map((f) => [f.schoolId, `${f.pupilId}:${f.ruleId}`]));
    const inserts: NewFlag[] = [];
    const updates: { id: number; severity: Severity; evidence: string; explanation: string }[] = [];
    const clears: { id: number; reason: string }[] = [];
    for (const [k, { pupilId, schoolId, results: rs }] of results) {
      for (const r of rs) {
        const evidence = JSON.stringify({ conditions: r.conditions, evidence: r.evidence });
        const existing = active.get(`${k}:${r.ruleId}`);
        active.delete(`${k}:${r.ruleId}`);
        if (existing && existing.ruleSetVersion === ruleSet.version) {
          if (existing.evidence !== evidence || existing.severity !== r.severity || existing.explanation !== r.explanation) {
            updates.push({ id: existing.id, severity: r.severity, evidence, explanation: r.explanation });
          }
          continue;
        }
        if (existing) clears.push({ id: existing.id, reason: t('rules.text.omprovadRegeluppsattningVersionFlaggan', { version: ruleSet.version }) });
        inserts.push({
          pupilId,
          schoolId,
          ruleId: r.ruleId,
          ruleSetVersion: ruleSet.version,
          severity: r.severity,
          evidence,
          explanation: r.explanation,
          firstFlaggedAt: existing?.firstFlaggedAt ?? at,
        });
      }
    }
    for (const f of active.values()) {
      const rule = ruleSet.rules.find((r) => r.id === f.ruleId);
      const reason =
        rule && !rule.enabled
          ? t('rules.text.regelnArAvstangdRegeluppsattning', { version: ruleSet.version })
          : f.ruleId !== 'vanished-from-roster' && !this.repo.onRoster(roundId, f.pupilId, f.schoolId)
            ? t('rules.text.elevenLangreSkolansInlasta')
            : t('rules.text.villkorenUppfyllsLangreDe');
      clears.push({ id: f.id, reason });
    }
    this.repo.clearFlags(clears, at);
    this.repo.insertFlags(roundId, inserts, at);
    this.repo.updateFlags(updates, at);
    const activeCount = this.repo.countActiveFlags(roundId);
    const after = flagSetsBySchool(
      [...results.values()].flatMap(({ pupilId, schoolId, results: rs }) => rs.map((r) => [schoolId, `${pupilId}:${r.ruleId}`] as [number, string])),
    );
    const summary: EvaluationSummary = {
      round: roundId,
      ruleSetVersion: ruleSet.version,
      pupils: this.repo.rosterSize(roundId),
      flaggedPupils: results.size,
      flags: { new: inserts.length, updated: updates.length, cleared: clears.length, active: activeCount },
    };
    return { summary, changedSchools: changedSchools(before, after), at };
  }

  /**
   * Every flagged pupil-school pair of the round under a rule set, computed in memory.
   * With `since` (an upload id; see store), pupils on older uploads who are not flagged
   * now and have no records are taken to be still unflagged and are not read.
   */
  compute(round: Round & { schoolIds: number[] }, ruleSet: RuleSet, since: number | null = null): Map<PupilKey, FlaggedEntry> {
    const today = todayInStockholm(this.clock);
    const window = this.rounds.windowDates(round);
    const observed = window.filter((d) => d <= today);
    const previous = this.repo.previouslyFlagged(round.termStart);
    const watched = this.inputs.watchList(round.id);
    const transfers = this.inputs.transfers(round.id);
    // Most rounds have few or no such records: then one shared answer, no key per pupil.
    const none = { watchListed: false, leaveEnded: null, leftRoll: null };
    const recordsOf = (pupilId: number, schoolId: number) => {
      if (!watched.size && !transfers.size) return none;
      const w = watched.get(`${pupilId}:${schoolId}`);
      const t = transfers.get(`${pupilId}:${schoolId}`);
      const left = t && (t.transfer === 'abroad' || t.transfer === 'unregistered') ? { date: null, destinationKnown: !!t.receivingSchool } : null;
      return { watchListed: w !== undefined, leaveEnded: w?.leaveTo && w.leaveTo < today ? w.leaveTo : null, leftRoll: left };
    };

    // Calendar day offsets from the first window day → position among the observed days.
    const first = window[0]!;
    const offsetToIndex: number[] = [];
    observed.forEach((d, i) => (offsetToIndex[daysBetween(first, d)] = i));
    // The letters of a pupil present on every observed day, as the import stores them
    // from the first window day: most pupils, recognised by one string comparison.
    let allPresent = '';
    for (let at = 0; at < offsetToIndex.length; at++) allPresent += offsetToIndex[at] === undefined ? '-' : 'p';
    const presentDays = ({ codes, shift }: { codes: string; shift: number }): number => {
      if (shift === 0 && codes === allPresent) return observed.length;
      let present = 0;
      for (let i = codes.indexOf('p'); i >= 0; i = codes.indexOf('p', i + 1)) if (offsetToIndex[shift + i] !== undefined) present++;
      return present;
    };
    const decode = ({ codes, shift }: { codes: string; shift: number }): (Status | null)[] => {
      const arr = new Array<Status | null>(observed.length).fill(null);
      for (let i = 0; i < codes.length; i++) {
        const at = offsetToIndex[shift + i];
        if (at !== undefined && codes[i] !== '-') arr[at] = STATUS_OF_LETTER[codes[i]!]!;
      }
      return arr;
    };

    const flagged = new Map<PupilKey, FlaggedEntry>();
    // Pupils present every observed day with no records are quiet (below): SQL leaves them out.
    const keep = [...new Set([...watched.keys(), ...transfers.keys()].map((k) => Number(k.split(':')[0])))];
    for (const entry of this.repo.roster(round.id, first, { codes: allPresent, keep, since })) {
      const attendance = entry.days;
      // Most pupils were present every observed day; the engine says when that settles it.
      const records = recordsOf(entry.pupilId, entry.schoolId);
      const counted = entry.summary !== null || entry.minutes !== null;
      if (!counted && attendance && presentEveryDayIsQuiet(observed.length, presentDays(attendance), records)) continue;
      const pupilDays = counted ? null : attendance ? decode(attendance) : new Array<Status | null>(observed.length).fill(null);
      const dayFacts = entry.summary
        ? summaryFacts(observed.length, entry.summary)
        : entry.minutes
          ? minutesFacts(observed.length, entry.minutes)
          : computeDayFacts(observed, pupilDays!);
      const facts: PupilFacts = {
        pupilId: entry.pupilId,
        schoolId: entry.schoolId,
        termStart: round.termStart,
        observedDates: observed,
        days: pupilDays,
        ...dayFacts,
        ...records,
        previousRound: previous.get(entry.pupilId) ?? null,
      };
      const results = evaluatePupil(facts, ruleSet);
      if (results.length) flagged.set(key(entry.pupilId, entry.schoolId), { pupilId: entry.pupilId, schoolId: entry.schoolId, results, facts });
    }

    // Pupils who vanished from a school's roster: only for schools that have reported this round.
    const prev = this.repo.previousRound(round.termStart);
    if (prev) {
      const committed = this.repo.committedSchools(round.id);
      for (const [pupilId, schoolId, className] of this.repo.missingFromRosters(prev.id, round.id)) {
        // Only once the school has reported, and not when the school recorded a transfer.
        if (!committed.has(schoolId) || transfers.has(`${pupilId}:${schoolId}`)) continue;
        const r = evaluateVanished({ pupilId, schoolId, previousRound: prev.name, previousClass: className }, ruleSet);
        if (r) {
          const k = key(pupilId, schoolId);
          const existing = flagged.get(k);
          if (existing) existing.results.push(r);
          // No facts this round (not on any roster), so the earlier flag is passed on its own.
          else flagged.set(k, { pupilId, schoolId, results: [r], previouslyFlaggedIn: previous.get(pupilId) ?? null });
        }
      }
    }

    // Siblings: flagged pupils sharing a guardian, anywhere in the municipality's rosters
    // this round. Only flagged pupils can raise each other, so only their links are read.
    const byGuardian = new Map<string, number[]>();
    const guardiansOf = new Map<number, string[]>();
    const flaggedPupils = [...new Set([...flagged.values()].map((f) => f.pupilId))];
    for (const [pupilId, guardian] of this.repo.guardians(flaggedPupils)) {
      (byGuardian.get(guardian) ?? byGuardian.set(guardian, []).get(guardian)!).push(pupilId);
      (guardiansOf.get(pupilId) ?? guardiansOf.set(pupilId, []).get(pupilId)!).push(guardian);
    }
    const siblingsOf = (pupilId: number): number[] => {
      const out = new Set<number>();
      for (const g of guardiansOf.get(pupilId) ?? []) for (const p of byGuardian.get(g) ?? []) if (p !== pupilId) out.add(p);
      return [...out];
    };
    applyModifiers(flagged, siblingsOf, ruleSet);
    return flagged;
  }
}
