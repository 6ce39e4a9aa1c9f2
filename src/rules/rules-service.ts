import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole, systemActor } from '../shared';
import { todayInStockholm } from '../calendar';
import type { Status } from '../imports';
import type { Round } from '../rounds';
import type { RoundService } from '../rounds';
import type { School, SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { ForbiddenError, ValidationError } from '../shared';
import { DEFAULT_RULES } from './engine/default-rules';
import { applyModifiers, evaluatePupil, evaluateVanished, presentEveryDayIsQuiet, type FlaggedPupil as EngineFlagged } from './engine/evaluate';
import { computeDayFacts, minutesFacts, summaryFacts } from './engine/facts';
import { validateRuleSet } from './engine/parameters';
import { daysBetween } from '../calendar';
import { STATUS_OF_LETTER, type NewFlag, type RosterEntry, type RulesRepository, type StoredFlag } from './rules-repository';
import { RULE_IDS, type PupilFacts, type RuleDefinition, type RuleId, type RuleSet, type Severity } from './types';
import { maskedNumber } from '../shared';
import { changedSchools, flagSetsBySchool } from './flag-set-change';
import { t } from '../i18n';

/** A pupil's flags at one school, as pages, the API and the CLI show them. */
export interface FlaggedPupil {
  pupil: { id: number; personalNumber: string; name: string | null; protected: boolean; className: string | null };
  school: { code: string; name: string };
  severity: Severity;
  rules: { id: string; severity: Severity; explanation: string; evidence: Record<string, unknown>; ruleSetVersion: number; since: string }[];
}

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
type PupilKey = number;
/** A flagged pupil at one school of the round. */
type FlaggedEntry = EngineFlagged & { pupilId: number; schoolId: number };
const key = (pupilId: number, schoolId: number): PupilKey => pupilId * 1_048_576 + schoolId;
const schoolOf = (k: PupilKey): number => k % 1_048_576;

const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

/**
 * Turns a round's attendance into flags. Facts are gathered from the database, the
 * pure engine (./engine) decides, and the result replaces the round's flags in one
 * transaction: new flags are added, changed ones updated, and flags that no longer
 * fire are kept as cleared with when and why — never silently dropped.
 */
export class RulesService {
  /** Run in every evaluation's transaction (cases follow the flags). */
  private readonly listeners: ((actor: Actor, roundId: number) => void)[] = [];
  private readonly committedListeners: ((actor: Actor, roundId: number) => void)[] = [];
  /** Run inside the evaluation's transaction, with the schools whose set of active flags changed. */
  private readonly flagSetListeners: FlagSetListener[] = [];

  constructor(
    private readonly repo: RulesRepository,
    private readonly rounds: RoundService,
    private readonly schools: SchoolRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly inputs: RecordInputs = { watchList: () => new Map(), transfers: () => new Map() },
  ) {}

  /** The rule set in force; version 1 is the defaults, stored on first use. */
  ruleSet(): RuleSet {
    const latest = this.repo.latestRuleSet();
    if (latest) return latest;
    const version = this.repo.insertRuleSet(DEFAULT_RULES, this.clock().toISOString(), null, 'Standardregler');
    return { version, rules: DEFAULT_RULES };
  }

  versions(actor: Actor) {
    this.requireAdmin(actor);
    return this.repo.ruleSetVersions();
  }

  /** Saves the admin's changes as a new rule-set version and re-evaluates open rounds. */
  saveRuleSet(actor: Actor, rules: unknown, note: string | null): RuleSet {
    this.requireAdmin(actor);
    const checked = validateRuleSet(rules);
    if (!checked.ok) throw new ValidationError(checked.errors);
    const version = this.repo.insertRuleSet(checked.rules, this.clock().toISOString(), actor.userId, note);
    this.audit.record(actor, { action: 'rules.save', objectType: 'rule_set', objectId: version });
    for (const round of this.rounds.list(actor)) if (round.state !== 'closed') this.evaluateRound(actor, round.id);
    return { version, rules: checked.rules };
  }

  /** Per school: pupils flagged now and under the proposed rules, without saving anything. */
  dryRun(actor: Actor, roundId: number, rules: unknown): { school: School; now: number; proposed: number }[] {
    this.requireAdmin(actor);
    const checked = validateRuleSet(rules);
    if (!checked.ok) throw new ValidationError(checked.errors);
    const round = this.rounds.get(actor, roundId);
    const now = countBySchool(this.repo.activeFlags(roundId).map((f) => key(f.pupilId, f.schoolId)));
    const proposed = countBySchool([...this.compute(round, { version: 0, rules: checked.rules }).keys()]);
    return this.schools
      .listByIds(round.schoolIds)
      .map((school) => ({ school, now: now.get(school.id) ?? 0, proposed: proposed.get(school.id) ?? 0 }));
  }

  /** Re-evaluates the whole round (siblings cross schools) and stores the flags. */
  evaluateRound(actor: Actor, roundId: number): EvaluationSummary {
    const round = this.rounds.get(actor, roundId);
    const ruleSet = this.ruleSet();
    // The flags, the cases that follow them (listeners) and the removal of the round's
    // "evaluation pending" mark (migration 012) are stored together or not at all.
    const summary = this.repo.transaction(() => {
      const stored = this.storeFlags(actor, round, ruleSet);
      this.audit.record(actor, { action: 'rules.evaluate', objectType: 'round', objectId: roundId, details: { ...stored.flags, version: ruleSet.version } });
      for (const l of this.listeners) l(actor, roundId);
      this.repo.clearEvaluationPending(roundId);
      return stored;
    });
    for (const l of this.committedListeners) l(actor, roundId);
    return summary;
  }

  /** Run after an evaluation's transaction has committed (e-mails about what it stored). */
  onEvaluationCommitted(listener: (actor: Actor, roundId: number) => void): void {
    this.committedListeners.push(listener);
  }

  /**
   * Evaluates every round an upload left marked (a process stopped between an upload's
   * commit and its evaluation). Run at start-up by the server and the CLI, before
   * anything reads a round. Returns the rounds evaluated.
   */
  evaluatePending(actor: Actor): number[] {
    const rounds = this.repo.pendingEvaluations();
    for (const roundId of rounds) this.evaluateRound(actor, roundId);
    return rounds;
  }

  /** True while an upload of the round is stored but its flags and cases are not yet recomputed. */
  isEvaluationPending(roundId: number): boolean {
    return this.repo.isEvaluationPending(roundId);
  }

  /** Computes the round's flags and stores the difference; runs inside evaluateRound's transaction. */
  private storeFlags(actor: Actor, round: Round & { schoolIds: number[] }, ruleSet: RuleSet): EvaluationSummary {
    const roundId = round.id;
    const at = this.clock().toISOString();
    const roster = this.repo.roster(roundId, this.rounds.windowDates(round)[0]!);
    const results = this.compute(round, ruleSet, roster);
    const active = new Map<string, StoredFlag>();
    for (const f of this.repo.activeFlags(roundId)) active.set(`${key(f.pupilId, f.schoolId)}:${f.ruleId}`, f);
    const before = flagSetsBySchool([...active.values()].map((f) => [f.schoolId, `${f.pupilId}:${f.ruleId}`]));
    let onRosterSet: Set<PupilKey> | null = null;
    const onRoster = (k: PupilKey): boolean => (onRosterSet ??= new Set(roster.map((r) => key(r.pupilId, r.schoolId)))).has(k);
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
        inserts.push({ pupilId, schoolId, ruleId: r.ruleId, ruleSetVersion: ruleSet.version, severity: r.severity, evidence, explanation: r.explanation, firstFlaggedAt: existing?.firstFlaggedAt ?? at });
      }
    }
    for (const f of active.values()) {
      const rule = ruleSet.rules.find((r) => r.id === f.ruleId);
      const reason =
        rule && !rule.enabled
          ? t('rules.text.regelnArAvstangdRegeluppsattning', { version: ruleSet.version })
          : f.ruleId !== 'vanished-from-roster' && !onRoster(key(f.pupilId, f.schoolId))
            ? t('rules.text.elevenLangreSkolansInlasta')
            : t('rules.text.villkorenUppfyllsLangreDe');
      clears.push({ id: f.id, reason });
    }
    this.repo.clearFlags(clears, at);
    this.repo.insertFlags(roundId, inserts, at);
    this.repo.updateFlags(updates, at);
    const activeCount = this.repo.countActiveFlags(roundId);
    const after = flagSetsBySchool([...results.values()].flatMap(({ pupilId, schoolId, results: rs }) => rs.map((r) => [schoolId, `${pupilId}:${r.ruleId}`] as [number, string])));
    const changed = changedSchools(before, after);
    for (const l of this.flagSetListeners) l(actor, roundId, changed, at);
    return {
      round: roundId,
      ruleSetVersion: ruleSet.version,
      pupils: roster.length,
      flaggedPupils: results.size,
      flags: { new: inserts.length, updated: updates.length, cleared: clears.length, active: activeCount },
    };
  }

  /** Rule id → its Swedish title in the rule set in force (pages and statistics label rules with it). */
  ruleTitles(): Record<string, string> {
    return Object.fromEntries(this.ruleSet().rules.map((r) => [r.id, r.title]));
  }

  onEvaluated(listener: (actor: Actor, roundId: number) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Called in the evaluation's transaction (its writes commit or roll back with the
   * flags) with the schools whose set of active flags — pupil and rule — changed.
   */
  onFlagSetChanged(listener: FlagSetListener): void {
    this.flagSetListeners.push(listener);
  }

  /** Flagged pupils of the round, scoped to the actor's schools; protected pupils masked. The read is audited. */
  listFlags(actor: Actor, roundId: number): FlaggedPupil[] {
    return this.flagged(actor, roundId, null);
  }

  /**
   * The re-check list: every flagged pupil of the round whose school has not located
   * them. Admins and coordinators, from the round's re-check date (and before, as a preview).
   */
  recheck(actor: Actor, roundId: number): FlaggedPupil[] {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const located = new Set(this.repo.locatedPupils(roundId).map(([p, s]) => key(p, s)));
    return this.listFlags(actor, roundId).filter((f) => !located.has(key(f.pupil.id, this.schools.findByCode(f.school.code)!.id)));
  }

  /** One pupil's flags at one school (the follow-up page): only that pupil's read is audited. */
  flagsFor(actor: Actor, roundId: number, schoolCode: string, pupilId: number): FlaggedPupil | null {
    return this.flagged(actor, roundId, pupilId).find((f) => f.school.code === schoolCode) ?? null;
  }

  private flagged(actor: Actor, roundId: number, pupilId: number | null): FlaggedPupil[] {
    const round = this.rounds.get(actor, roundId);
    // Flags not yet computed for the latest upload are never shown as the round's flags:
    // they are computed first (normally start-up already did; this is for a mark another
    // process left, or an evaluation that failed, which then fails this read too).
    if (this.repo.isEvaluationPending(roundId)) this.evaluateRound(systemActor('evaluation-pending'), roundId);
    let scope: number[] | null;
    if (hasRole(actor, 'admin', 'coordinator')) scope = null;
    else if (hasRole(actor, 'principal')) scope = actor.schoolIds.filter((id) => round.schoolIds.includes(id));
    else throw new ForbiddenError();
    const byPupil = new Map<PupilKey, FlaggedPupil>();
    for (const f of this.repo.listFlags(roundId, scope, pupilId)) {
      const k = key(f.pupilId, f.schoolId);
      let entry = byPupil.get(k);
      if (!entry) {
        entry = {
          pupil: {
            id: f.pupilId,
            personalNumber: f.protectedIdentity ? maskedNumber(f.personalNumber) : f.personalNumber,
            name: f.protectedIdentity ? null : [f.firstName, f.lastName].filter(Boolean).join(' ') || null,
            protected: f.protectedIdentity,
            className: f.className,
          },
          school: { code: f.schoolCode, name: f.schoolName },
          severity: f.severity,
          rules: [],
        };
        byPupil.set(k, entry);
      }
      const parsed = JSON.parse(f.evidence) as { evidence: Record<string, unknown> };
      entry.rules.push({ id: f.ruleId, severity: f.severity, explanation: f.explanation, evidence: parsed.evidence, ruleSetVersion: f.ruleSetVersion, since: f.firstFlaggedAt });
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[entry.severity]) entry.severity = f.severity;
    }
    // Rules in the order of the rule set: what happened first, then what raises it.
    for (const e of byPupil.values()) e.rules.sort((a, b) => RULE_IDS.indexOf(a.id as RuleId) - RULE_IDS.indexOf(b.id as RuleId));
    const list = [...byPupil.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.school.name.localeCompare(b.school.name, 'sv'));
    this.audit.record(actor, pupilId === null
      ? { action: 'flags.read', objectType: 'round', objectId: roundId, details: { pupils: list.length, scope: scope ?? 'all' } }
      : { action: 'flags.read', objectType: 'pupil', objectId: pupilId, details: { round: roundId } });
    return list;
  }

  /** Every flagged pupil-school pair of the round under a rule set, computed in memory. */
  private compute(
    round: Round & { schoolIds: number[] },
    ruleSet: RuleSet,
    roster?: RosterEntry[],
  ): Map<PupilKey, FlaggedEntry> {
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
    for (const entry of roster ?? this.repo.roster(round.id, first)) {
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

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}

export type FlagSetListener = (actor: Actor, roundId: number, changedSchoolIds: ReadonlySet<number>, at: string) => void;

function countBySchool(keys: Iterable<PupilKey>): Map<number, number> {
  const pupils = new Set(keys);
  const out = new Map<number, number>();
  for (const k of pupils) {
    const schoolId = schoolOf(k);
    out.set(schoolId, (out.get(schoolId) ?? 0) + 1);
  }
  return out;
}

export type { RuleDefinition };
