import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { AuditService } from '../audit';
import { SWEDISH_MONTHS, todayInStockholm } from '../calendar';
import { plural, t } from '../i18n';
import { normalisePersonalNumber, type ImportReport, type UploadRequest } from '../imports';
import type { Round, RoundWithSchools } from '../rounds';
import type { School, SchoolRepository } from '../schools';
import { csvLine, ForbiddenError, hasRole, systemActor, ValidationError, type Actor, type Clock } from '../shared';
import { enrolledInWindow, mapSchool } from './feed-mapping';
import type { FeedRecord, FeedRepository, FeedRun, UnitMapping } from './feed-repository';
import { parseFeedInput } from './feed-schema';
import type { CivicNoCheck, Person, Ss12000Api, Ss12000ClientOptions } from './ss12000';

/** Who commits the feed's data: the school's upload history shows this label. */
export const FEED_LABEL = 'SS 12000';

/** The feed's settings as pages and the CLI show them: never the secret, only whether one is stored. */
export type FeedView = Omit<FeedRecord, 'clientSecret'> & { hasSecret: boolean };

export interface UnitMatch {
  schoolUnitId: string;
  displayName: string;
  schoolUnitCode: string | null;
  school: Pick<School, 'id' | 'code' | 'name'> | null;
}

export type FeedTestResult = { ok: true; units: UnitMatch[]; schoolsWithoutUnit: Pick<School, 'code' | 'name'>[] } | { ok: false; message: string };

export interface SchoolRunResult {
  school: Pick<School, 'code' | 'name'>;
  status: 'ok' | 'failed';
  message: string | null;
  pupils: number;
  uploadId: number | null;
}

export interface FeedRunResult {
  round: number;
  from: string;
  to: string;
  schools: SchoolRunResult[];
}

export interface FeedDeps {
  repo: FeedRepository;
  rounds: {
    get(actor: Actor, id: number): RoundWithSchools;
    list(actor: Actor): Round[];
    windowDates(round: Pick<Round, 'termStart' | 'windowDays'>): string[];
  };
  schools: SchoolRepository;
  imports: { importFile(actor: Actor, req: UploadRequest): Promise<ImportReport> };
  /** RoundEvaluation: run again when the emigrated pupils changed after a commit. */
  evaluation: { evaluateRound(actor: Actor, roundId: number): unknown };
  audit: AuditService;
  clock: Clock;
  /** data/tmp: the summary file lives here only while it is imported. */
  tmpDir: string;
  /** The SS 12000 client for the stored settings (tests may point it anywhere). */
  clientFor: (options: Ss12000ClientOptions) => Ss12000Api;
  checkCivicNo: (value: string) => CivicNoCheck;
}

/**
 * The SS 12000 feed: its settings, the school-unit mapping, the rounds it fills, and the
 * run that fetches every mapped school's roster and minutes and commits them through the
 * import, school by school: a school is fetched whole before anything is committed, and
 * a school that fails keeps its last good data (its error shows on the round's board).
 */
export class FeedService {
  constructor(private readonly deps: FeedDeps) {}

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }

  settings(actor: Actor): FeedView | null {
    this.requireAdmin(actor);
    const f = this.deps.repo.feed();
    if (!f) return null;
    const { clientSecret, ...rest } = f;
    return { ...rest, hasSecret: clientSecret !== null };
  }

  /** Saves the settings (a blank secret keeps the stored one); every problem is a field error. */
  save(actor: Actor, raw: Record<string, unknown>): FeedView {
    this.requireAdmin(actor);
    const stored = this.deps.repo.feed();
    const parsed = parseFeedInput(raw, stored?.clientSecret != null);
    if (!parsed.ok) throw new ValidationError(parsed.errors);
    const v = parsed.value;
    const cc = v.authKind === 'client_credentials';
    this.deps.repo.saveFeed({
      baseUrl: v.baseUrl,
      authKind: v.authKind,
      tokenUrl: cc ? v.tokenUrl : null,
      clientId: cc ? v.clientId : null,
      clientSecret: cc ? (v.clientSecret ?? stored?.clientSecret ?? null) : null,
      scope: cc ? v.scope : null,
      certFile: cc ? null : v.certFile,
      keyFile: cc ? null : v.keyFile,
      requestsPerSecond: v.requestsPerSecond,
      enabled: v.enabled,
      updatedAt: this.deps.clock().toISOString(),
      updatedByLabel: actor.label,
    });
    // The audit says that the secret changed, never what it is.
    this.deps.audit.record(actor, {
      action: 'feed.save',
      objectType: 'setting',
      objectId: 'ss12000_feed',
      details: { baseUrl: v.baseUrl, authKind: v.authKind, secretChanged: cc && v.clientSecret !== null, enabled: v.enabled },
    });
    return this.settings(actor)!;
  }

  units(actor: Actor): (UnitMapping & { school: School | undefined })[] {
    this.requireAdmin(actor);
    return this.deps.repo.units().map((u) => ({ ...u, school: this.deps.schools.findById(u.schoolId) }));
  }

  /** Fetches /schoolUnits, matches each unit to a school by its code, and stores the matches. */
  async test(actor: Actor): Promise<FeedTestResult> {
    this.requireAdmin(actor);
    const feed = this.deps.repo.feed();
    if (!feed) return { ok: false, message: t('feed.errors.noFeed') };
    let units;
    try {
      units = await this.deps.clientFor(clientOptions(feed)).schoolUnits();
    } catch (e) {
      const message = t('feed.test.failed', { reason: reasonOf(e) });
      this.deps.audit.record(actor, {
        action: 'feed.test',
        objectType: 'setting',
        objectId: 'ss12000_feed',
        outcome: 'failure',
        details: { reason: reasonOf(e) },
      });
      return { ok: false, message };
    }
    const schools = this.deps.schools.list().filter((s) => s.active);
    const byCode = new Map(schools.map((s) => [s.code, s]));
    const at = this.deps.clock().toISOString();
    const matches: UnitMatch[] = units.map((u) => {
      const s = u.schoolUnitCode ? byCode.get(u.schoolUnitCode.trim()) : undefined;
      return { schoolUnitId: u.id, displayName: u.displayName, schoolUnitCode: u.schoolUnitCode, school: s ? { id: s.id, code: s.code, name: s.name } : null };
    });
    // Two units with one code: the first keeps the school (the page lists both).
    const taken = new Set<number>();
    const mapped = matches.filter((m) => m.school && !taken.has(m.school.id) && taken.add(m.school.id));
    this.deps.repo.replaceUnits(mapped.map((m) => ({ schoolUnitId: m.schoolUnitId, schoolId: m.school!.id, displayName: m.displayName, matchedAt: at })));
    this.deps.audit.record(actor, {
      action: 'feed.test',
      objectType: 'setting',
      objectId: 'ss12000_feed',
      details: { units: units.length, matched: mapped.length },
    });
    return { ok: true, units: matches, schoolsWithoutUnit: schools.filter((s) => !taken.has(s.id)).map((s) => ({ code: s.code, name: s.name })) };
  }

  /** Rounds that are not closed, and whether the feed fills each. */
  rounds(actor: Actor): { round: Round; enabled: boolean }[] {
    this.requireAdmin(actor);
    const on = new Set(this.deps.repo.rounds().map((r) => r.roundId));
    return this.deps.rounds
      .list(actor)
      .filter((r) => r.state !== 'closed')
      .map((round) => ({ round, enabled: on.has(round.id) }));
  }

  setRound(actor: Actor, roundId: number, enabled: boolean): void {
    this.requireAdmin(actor);
    const round = this.deps.rounds.get(actor, roundId);
    if (enabled && round.state === 'closed') throw new ValidationError([{ field: `round-${roundId}`, message: t('feed.errors.roundClosed') }]);
    this.deps.repo.setRound(roundId, enabled, this.deps.clock().toISOString(), actor.label);
    this.deps.audit.record(actor, { action: enabled ? 'feed.round.enable' : 'feed.round.disable', objectType: 'round', objectId: roundId });
  }

  /**
   * Fetches and commits every mapped school of the round. Refuses (ValidationError) when
   * the feed cannot run for the round at all; a school's failure is in its result line.
   */
  async run(actor: Actor, roundId: number): Promise<FeedRunResult> {
    this.requireAdmin(actor);
    // An unknown round is not found before anything else is said about it.
    const round = this.deps.rounds.get(actor, roundId);
    const feed = this.requireFeed();
    const refuse = (message: string) => new ValidationError([{ field: 'round', message }]);
    if (!feed.enabled) throw refuse(t('feed.errors.feedDisabled'));
    if (round.state === 'closed') throw refuse(t('feed.errors.roundClosed'));
    if (!this.deps.repo.rounds().some((r) => r.roundId === roundId)) throw refuse(t('feed.errors.roundNotEnabled'));
    const window = this.deps.rounds.windowDates(round);
    const today = todayInStockholm(this.deps.clock);
    const from = window[0]!;
    const to = window.filter((d) => d <= today).pop();
    if (!to) throw refuse(t('feed.errors.windowNotStarted', { from }));
    const units = this.deps.repo.units().filter((u) => round.schoolIds.includes(u.schoolId));
    if (!units.length) throw refuse(t('feed.errors.noMappedSchools'));
    let client: Ss12000Api;
    try {
      client = this.deps.clientFor(clientOptions(feed));
    } catch (e) {
      throw refuse(t('feed.run.fetchFailed', { reason: reasonOf(e) }));
    }
    const schools: SchoolRunResult[] = [];
    for (const unit of units) schools.push(await this.runSchool(actor, client, round, unit, from, to));
    return { round: roundId, from, to, schools };
  }

  /** Every open round the feed is on for, run in turn; never throws (the scheduler logs the lines). */
  async runScheduled(actor: Actor): Promise<string[]> {
    const feed = this.deps.repo.feed();
    if (!feed?.enabled) return [];
    const lines: string[] = [];
    for (const { roundId } of this.deps.repo.rounds()) {
      try {
        const round = this.deps.rounds.get(actor, roundId);
        if (round.state !== 'open') continue;
        const today = todayInStockholm(this.deps.clock);
        if (this.deps.rounds.windowDates(round)[0]! > today) continue;
        const r = await this.run(actor, roundId);
        for (const s of r.schools) if (s.status === 'failed') lines.push(`round ${roundId} school ${s.school.code}: ${s.message}`);
      } catch (e) {
        lines.push(`round ${roundId}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return lines;
  }

  /** For the round's board: school unit code → "Flödet misslyckades 4 dec 14:03: …", for schools whose latest run failed. */
  boardLines(actor: Actor, roundId: number): Map<string, string> {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const lines = new Map<string, string>();
    for (const [schoolId, f] of this.lastFailures(roundId)) {
      const code = this.deps.schools.findById(schoolId)?.code;
      if (code) lines.set(code, t('feed.board.failed', { at: stockholmShort(f.at), message: f.message }));
    }
    return lines;
  }

  /**
   * Schools (by id) whose latest run in the round failed: when it ended (ISO UTC) and the
   * message. No actor: the board service asks, and checks its own caller.
   */
  lastFailures(roundId: number): Map<number, { at: string; message: string }> {
    const out = new Map<number, { at: string; message: string }>();
    for (const r of this.deps.repo.latestRuns(roundId))
      if (r.status === 'failed') out.set(r.schoolId, { at: r.finishedAt ?? r.startedAt, message: r.message ?? '' });
    return out;
  }

  /** Each school's latest run in the round, for the admin page. */
  latestRuns(actor: Actor, roundId: number): (FeedRun & { school: School | undefined })[] {
    this.requireAdmin(actor);
    return this.deps.repo.latestRuns(roundId).map((r) => ({ ...r, school: this.deps.schools.findById(r.schoolId) }));
  }

  private requireFeed(): FeedRecord {
    const feed = this.deps.repo.feed();
    if (!feed) throw new ValidationError([{ field: 'baseUrl', message: t('feed.errors.noFeed') }]);
    return feed;
  }

  /**
   * The guardians the school's roster names: those the server sent along with the pupils,
   * and the rest fetched with POST /persons/lookup. A guardian is not a pupil: when the
   * lookup fails the school is still committed, its guardians counted as not linked and
   * the reason kept for the run's message.
   */
  private async guardiansOf(
    client: Ss12000Api,
    persons: Person[],
    schoolUnitId: string,
    from: string,
    to: string,
  ): Promise<{ guardians: Map<string, Person>; lookupFailure: string | null }> {
    const guardians = new Map(persons.map((p) => [p.id, p]));
    const named = persons.filter((p) => enrolledInWindow(p, schoolUnitId, from, to)).flatMap((p) => p.guardianIds);
    const missing = [...new Set(named)].filter((id) => !guardians.has(id));
    if (!missing.length) return { guardians, lookupFailure: null };
    try {
      for (const g of await client.personsById(missing)) guardians.set(g.id, g);
      return { guardians, lookupFailure: null };
    } catch (e) {
      return { guardians, lookupFailure: reasonOf(e) };
    }
  }

  /** One school: fetch everything, build the summary, commit it through the import; or record why not. */
  private async runSchool(actor: Actor, client: Ss12000Api, round: RoundWithSchools, unit: UnitMapping, from: string, to: string): Promise<SchoolRunResult> {
    const { repo, clock } = this.deps;
    const school = this.deps.schools.findById(unit.schoolId)!;
    const runId = repo.startRun(round.id, school.id, clock().toISOString());
    const counts = { persons: 0, pupils: 0, protectedPersons: 0, emigrated: 0, uploadId: null as number | null };
    const finish = (status: 'ok' | 'failed', message: string | null): SchoolRunResult => {
      repo.finishRun(runId, { finishedAt: clock().toISOString(), status, message, ...counts });
      this.deps.audit.record(actor, {
        action: 'feed.run',
        objectType: 'round',
        objectId: round.id,
        outcome: status === 'ok' ? 'success' : 'failure',
        details: { school: school.code, pupils: counts.pupils, upload: counts.uploadId },
      });
      return { school: { code: school.code, name: school.name }, status, message, pupils: counts.pupils, uploadId: counts.uploadId };
    };

    // Everything is fetched before anything is committed: a failure half-way commits nothing.
    let persons: Person[];
    let attendance;
    try {
      persons = await client.persons({ schoolUnit: unit.schoolUnitId });
      attendance = await client.aggregatedAttendance({ startDate: from, endDate: to, schoolUnit: unit.schoolUnitId });
    } catch (e) {
      return finish('failed', t('feed.run.fetchFailed', { reason: reasonOf(e) }));
    }
    counts.persons = persons.length;
    const { guardians, lookupFailure } = await this.guardiansOf(client, persons, unit.schoolUnitId, from, to);
    const mapped = mapSchool({ schoolUnitId: unit.schoolUnitId, from, to, persons, attendance, guardians, checkCivicNo: this.deps.checkCivicNo });
    if (!mapped.ok) return finish('failed', mapped.message);
    counts.pupils = mapped.pupils;
    counts.protectedPersons = mapped.protectedPersons;
    counts.emigrated = mapped.emigrated.length;

    fs.mkdirSync(this.deps.tmpDir, { recursive: true });
    const file = path.join(this.deps.tmpDir, `ss12000-${crypto.randomUUID()}.csv`);
    let report: ImportReport;
    try {
      fs.writeFileSync(file, '\uFEFF' + mapped.rows.map(csvLine).join(''));
      report = await this.deps.imports.importFile(systemActor(FEED_LABEL), {
        roundId: round.id,
        schoolCode: school.code,
        filePath: file,
        fileName: `SS 12000 ${from}–${to}.csv`,
      });
    } catch (e) {
      return finish('failed', t('feed.run.importFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      fs.rmSync(file, { force: true });
    }
    if (report.status !== 'committed') {
      return finish(
        'failed',
        t('feed.run.importRejected', {
          errors: report.errors
            .slice(0, 3)
            .map((p) => p.message)
            .join(' '),
        }),
      );
    }
    counts.uploadId = report.uploadId ?? null;
    const numbers = mapped.emigrated.map((n) => normalisePersonalNumber(n)).flatMap((r) => (r.ok ? [r.value] : []));
    if (repo.replaceEmigrations(round.id, school.id, numbers, clock().toISOString())) this.deps.evaluation.evaluateRound(systemActor(FEED_LABEL), round.id);
    const notes = [
      report.excludedProtected ? t('feed.run.protectedExcluded', { pupils: plural(report.excludedProtected, 'elev', 'elever') }) : null,
      mapped.emigrated.length ? t('feed.run.emigrated', { pupils: plural(mapped.emigrated.length, 'elev', 'elever') }) : null,
      mapped.deceased ? t('feed.run.deceased', { persons: plural(mapped.deceased, 'person', 'personer') }) : null,
      mapped.guardiansUnlinked ? t('feed.run.guardiansUnlinked', { count: mapped.guardiansUnlinked }) : null,
      lookupFailure ? t('feed.run.guardianLookupFailed', { reason: lookupFailure }) : null,
    ].filter((n): n is string => n !== null);
    return finish('ok', notes.length ? notes.join(' ') : null);
  }
}

/** The client's options from the stored settings. */
export function clientOptions(feed: FeedRecord): Ss12000ClientOptions {
  return {
    baseUrl: feed.baseUrl,
    rateLimitPerSecond: feed.requestsPerSecond,
    auth:
      feed.authKind === 'client_credentials'
        ? {
            kind: 'client_credentials',
            tokenUrl: feed.tokenUrl!,
            clientId: feed.clientId!,
            clientSecret: feed.clientSecret!,
            ...(feed.scope ? { scope: feed.scope } : {}),
          }
        : { kind: 'certificate', certFile: feed.certFile!, keyFile: feed.keyFile! },
  };
}

/** The client's errors are Swedish and name no person; anything else is said plainly. */
function reasonOf(e: unknown): string {
  return e instanceof Error && e.message ? e.message : t('feed.errors.unknown');
}

/** "4 dec 14:03" in Stockholm time. */
export function stockholmShort(iso: string): string {
  const d = DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Stockholm');
  return `${d.day} ${SWEDISH_MONTHS[d.month - 1]!.slice(0, 3)} ${d.toFormat('HH:mm')}`;
}
