import { ReadCache, type Db } from '../db';
import { LOCATED, severityRank, severityRankSql } from '../shared';
import type { Status } from '../imports';
import type { SummaryMinutes } from './engine/facts';

/** The one-letter status codes of a roster entry's stored days ('-', no row, is not in it). */
export const STATUS_OF_LETTER: Record<string, Status> = { p: 'present', v: 'valid', x: 'unexplained', u: 'unknown', n: 'not_reported' };
import type { RuleDefinition, RuleId, Severity } from './types';

export interface RosterEntry {
  pupilId: number;
  schoolId: number;
  shape: 'daily' | 'matrix' | 'summary';
  summary: {
    daysPresent: number;
    validAbsenceDays: number | null;
    unexplainedAbsenceDays: number | null;
    unknownAbsenceDays: number | null;
    firstDayPresent: string | null;
  } | null;
  /** A summary in minutes (migration 014); null for any other file. */
  minutes: SummaryMinutes | null;
  /** The stored days (see `roster`), or null when the file had none for the pupil. */
  days: { codes: string; shift: number } | null;
}

export interface NewFlag {
  pupilId: number;
  schoolId: number;
  ruleId: RuleId;
  ruleSetVersion: number;
  severity: Severity;
  evidence: string;
  explanation: string;
  firstFlaggedAt: string;
}

export interface StoredFlag extends NewFlag {
  id: number;
}

export interface FlagListRow {
  pupilId: number;
  schoolId: number;
  schoolCode: string;
  schoolName: string;
  personalNumber: string;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
  className: string | null;
  ruleId: RuleId;
  severity: Severity;
  evidence: string;
  explanation: string;
  ruleSetVersion: number;
  firstFlaggedAt: string;
}

/** Which flagged pupils a page of the flag list (or the re-check list) shows. */
export interface FlagPageFilter {
  /** The actor's schools (null: all). */
  scope: number[] | null;
  schoolId?: number;
  severity?: Severity;
  /** Only pupils their school has not located (the re-check list, see LOCATED). */
  notLocated?: boolean;
}

export class RulesRepository {
  private readonly flagPages: ReadCache<{ keys: readonly { pupilId: number; schoolId: number }[]; total: number }>;

  constructor(private readonly db: Db) {
    this.flagPages = new ReadCache(db, ['flags', 'followups']);
  }

  latestRuleSet(): { version: number; rules: RuleDefinition[] } | undefined {
    const r = this.db.prepare('SELECT version, rules FROM rule_sets ORDER BY version DESC LIMIT 1').get() as { version: number; rules: string } | undefined;
    return r && { version: r.version, rules: JSON.parse(r.rules) as RuleDefinition[] };
  }

  ruleSetVersions(): { version: number; createdAt: string; note: string | null }[] {
    return this.db.prepare('SELECT version, created_at AS createdAt, note FROM rule_sets ORDER BY version DESC').all() as {
      version: number;
      createdAt: string;
      note: string | null;
    }[];
  }

  insertRuleSet(rules: RuleDefinition[], at: string, by: number | null, note: string | null): number {
    return Number(
      this.db.prepare('INSERT INTO rule_sets (rules, created_at, created_by, note) VALUES (?, ?, ?, ?)').run(JSON.stringify(rules), at, by, note)
        .lastInsertRowid,
    );
  }

  /**
   * Immediate: the evaluation reads the round before it writes, and an import worker's
   * connection (src/import-worker.ts) evaluates beside the server's; a deferred transaction
   * whose snapshot went stale meanwhile would fail at its first write instead of waiting.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Rounds whose flags and cases wait for an evaluation (migration 012), oldest first. */
  pendingEvaluations(): number[] {
    return this.db.prepare('SELECT round_id FROM round_evaluation_pending ORDER BY since, round_id').pluck().all() as number[];
  }

  isEvaluationPending(roundId: number): boolean {
    return this.db.prepare('SELECT 1 FROM round_evaluation_pending WHERE round_id = ?').get(roundId) !== undefined;
  }

  /** Marks the round for evaluation (a follow-up or watch-list change handed to an import worker); an existing mark stays. */
  markEvaluationPending(roundId: number, since: string): void {
    this.db.prepare('INSERT INTO round_evaluation_pending (round_id, since) VALUES (?, ?) ON CONFLICT(round_id) DO NOTHING').run(roundId, since);
    // A change to records (follow-ups, watch list, feeds) is followed by a whole-round evaluation (migration 027).
    this.db.prepare('DELETE FROM round_evaluation_basis WHERE round_id = ?').run(roundId);
  }

  /** What the round's last evaluation was computed under (migration 027), if it can be built on. */
  evaluationBasis(roundId: number): { basis: string; uploadId: number } | undefined {
    return this.db.prepare('SELECT basis, upload_id AS uploadId FROM round_evaluation_basis WHERE round_id = ?').get(roundId) as
      { basis: string; uploadId: number } | undefined;
  }

  /** Records the evaluation just computed under `basis`, with the round's newest upload. */
  saveEvaluationBasis(roundId: number, basis: string): void {
    this.db
      .prepare(
        `INSERT INTO round_evaluation_basis (round_id, basis, upload_id) VALUES (?, ?, (SELECT coalesce(max(id), 0) FROM uploads WHERE round_id = ?))
         ON CONFLICT(round_id) DO UPDATE SET basis = excluded.basis, upload_id = excluded.upload_id`,
      )
      .run(roundId, basis, roundId);
  }

  clearEvaluationPending(roundId: number): void {
    this.db.prepare('DELETE FROM round_evaluation_pending WHERE round_id = ?').run(roundId);
  }

  /**
   * The round's rosters, each pupil with their days as stored (migration 009): `codes`
   * holds one status letter (STATUS_OF_LETTER, '-' for no row) per calendar day from
   * the row's first date, which is `shift` calendar days after `from`. One query over
   * both tables (same primary key): 100,000 rows with a short string each, nothing
   * aggregated.
   *
   * With `skip`, rows that say nothing leave out: a daily or matrix file's pupil whose
   * stored days from `from` are exactly `skip.codes` (present every observed day, which
   * the engine settles without facts, presentEveryDayIsQuiet) and who is not one of
   * `skip.keep` (pupils with records on the watch list or a transfer). That is most of
   * a round; comparing in SQL spares building 100,000 objects after every upload (issue 19).
   * With `skip.since` (an upload id), only the rosters of uploads newer than it, the
   * pupils with an active flag and `skip.keep` are read (see migration 027).
   */
  roster(roundId: number, from: string, skip?: { codes: string; keep: number[]; since?: number | null }): RosterEntry[] {
    const since = skip?.since ?? null;
    // Shapes per upload (a few dozen), not joined per pupil: this runs for 100,000 rows.
    const shapes = new Map(this.db.prepare('SELECT id, shape FROM uploads WHERE round_id = ?').raw().all(roundId) as [number, RosterEntry['shape']][]);
    // Only summary files have counts: without one in the round they are not read at all.
    const counts = [...shapes.values()].includes('summary')
      ? `r.days_present, r.valid_absence_days, r.unexplained_absence_days, r.unknown_absence_days, r.first_day_present,
         r.scheduled_minutes, r.attended_minutes, r.valid_absence_minutes, r.unexplained_absence_minutes`
      : 'NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL';
    const rows = this.db
      .prepare(
        `SELECT r.pupil_id, r.school_id, r.upload_id, a.codes,
                CASE a.first_date WHEN ? THEN 0 ELSE CAST(round(julianday(a.first_date) - julianday(?)) AS INTEGER) END,
                ${counts}
           FROM roster r
           LEFT JOIN pupil_attendance a ON a.round_id = r.round_id AND a.school_id = r.school_id AND a.pupil_id = r.pupil_id
          WHERE r.round_id = ?${
            skip
              ? ` AND (a.codes IS NOT ? OR a.first_date IS NOT ?
                   OR r.upload_id IN (SELECT id FROM uploads WHERE round_id = ? AND shape = 'summary')
                   OR r.pupil_id IN (SELECT value FROM json_each(?)))`
              : ''
          }${
            since !== null
              ? ` AND (r.upload_id > ? OR r.pupil_id IN (SELECT value FROM json_each(?))
                   OR r.pupil_id IN (SELECT pupil_id FROM flags WHERE round_id = ? AND cleared_at IS NULL))`
              : ''
          }`,
      )
      .raw()
      .all(
        from,
        from,
        roundId,
        ...(skip ? [skip.codes, from, roundId, JSON.stringify(skip.keep)] : []),
        ...(since !== null ? [since, JSON.stringify(skip!.keep), roundId] : []),
      ) as [
      number,
      number,
      number,
      string | null,
      number | null,
      number | null,
      number | null,
      number | null,
      number | null,
      string | null,
      number | null,
      number | null,
      number | null,
      number | null,
    ][];
    const out: RosterEntry[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [pupilId, schoolId, uploadId, codes, shift, dp, v, u, k, first, sm, am, vm, um] = rows[i]!;
      const shape = shapes.get(uploadId)!;
      out[i] = {
        pupilId,
        schoolId,
        shape,
        summary:
          shape === 'summary' && dp !== null
            ? { daysPresent: dp, validAbsenceDays: v, unexplainedAbsenceDays: u, unknownAbsenceDays: k, firstDayPresent: first }
            : null,
        minutes: shape === 'summary' && sm !== null && am !== null ? { scheduled: sm, attended: am, valid: vm, unexplained: um } : null,
        days: codes === null ? null : { codes, shift: shift ?? 0 },
      };
    }
    return out;
  }

  /**
   * One pupil's row in a school's file this round, for the case page: the file's shape,
   * the stored days (see `roster`) and a summary file's counts. Undefined: not in the file.
   */
  pupilAttendance(
    roundId: number,
    schoolId: number,
    pupilId: number,
  ):
    | { shape: RosterEntry['shape']; days: { firstDate: string; codes: string } | null; summary: RosterEntry['summary']; minutes: SummaryMinutes | null }
    | undefined {
    const r = this.db
      .prepare(
        `SELECT u.shape, a.first_date AS firstDate, a.codes, r.days_present AS daysPresent, r.valid_absence_days AS validAbsenceDays,
                r.unexplained_absence_days AS unexplainedAbsenceDays, r.unknown_absence_days AS unknownAbsenceDays, r.first_day_present AS firstDayPresent,
                r.scheduled_minutes AS scheduled, r.attended_minutes AS attended, r.valid_absence_minutes AS valid, r.unexplained_absence_minutes AS unexplained
           FROM roster r JOIN uploads u ON u.id = r.upload_id
           LEFT JOIN pupil_attendance a ON a.round_id = r.round_id AND a.school_id = r.school_id AND a.pupil_id = r.pupil_id
          WHERE r.round_id = ? AND r.school_id = ? AND r.pupil_id = ?`,
      )
      .get(roundId, schoolId, pupilId) as
      | (NonNullable<RosterEntry['summary']> & {
          shape: RosterEntry['shape'];
          firstDate: string | null;
          codes: string | null;
          scheduled: number | null;
          attended: number | null;
          valid: number | null;
          unexplained: number | null;
        })
      | undefined;
    if (!r) return undefined;
    const summary = r.shape === 'summary' && r.daysPresent !== null ? r : null;
    return {
      shape: r.shape,
      days: r.firstDate !== null && r.codes !== null ? { firstDate: r.firstDate, codes: r.codes } : null,
      summary: summary && {
        daysPresent: summary.daysPresent,
        validAbsenceDays: summary.validAbsenceDays,
        unexplainedAbsenceDays: summary.unexplainedAbsenceDays,
        unknownAbsenceDays: summary.unknownAbsenceDays,
        firstDayPresent: summary.firstDayPresent,
      },
      minutes:
        r.shape === 'summary' && r.scheduled !== null && r.attended !== null
          ? { scheduled: r.scheduled, attended: r.attended, valid: r.valid, unexplained: r.unexplained }
          : null,
    };
  }

  /** Guardian links of the given pupils: [pupilId, guardian]. */
  guardians(pupilIds: number[]): [number, string][] {
    return this.db
      .prepare('SELECT DISTINCT pupil_id, guardian_personal_number FROM school_guardians WHERE pupil_id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(pupilIds)) as [number, string][];
  }

  /** For each pupil flagged in an earlier round (active or cleared), the name of the latest such round. */
  previouslyFlagged(termStart: string): Map<number, string> {
    const rows = this.db
      .prepare(
        `SELECT f.pupil_id, r.name FROM flags f JOIN rounds r ON r.id = f.round_id
          WHERE r.term_start < ? ORDER BY r.term_start`,
      )
      .raw()
      .all(termStart) as [number, string][];
    return new Map(rows);
  }

  /** The round before this one (by term start), any break type. */
  previousRound(termStart: string): { id: number; name: string } | undefined {
    return this.db.prepare('SELECT id, name FROM rounds WHERE term_start < ? ORDER BY term_start DESC, id DESC LIMIT 1').get(termStart) as
      { id: number; name: string } | undefined;
  }

  /** Schools that have a committed upload in the round. */
  committedSchools(roundId: number): Set<number> {
    return new Set(this.db.prepare('SELECT DISTINCT school_id FROM uploads WHERE round_id = ? AND superseded_by IS NULL').pluck().all(roundId) as number[]);
  }

  /** How many pupil-school pairs the round's rosters hold. */
  rosterSize(roundId: number): number {
    return (this.db.prepare('SELECT count(*) FROM roster WHERE round_id = ?').pluck().get(roundId) as number) ?? 0;
  }

  /** Whether a pupil is on a school's roster this round. */
  onRoster(roundId: number, pupilId: number, schoolId: number): boolean {
    return !!this.db.prepare('SELECT 1 FROM roster WHERE round_id = ? AND school_id = ? AND pupil_id = ?').get(roundId, schoolId, pupilId);
  }

  /** Pupils on a school's roster in the previous round who are on no roster in this one: [pupilId, schoolId, className]. */
  missingFromRosters(previousRoundId: number, roundId: number): [number, number, string | null][] {
    return this.db
      .prepare(
        // NOT EXISTS looks each pupil up in roster_pupil; NOT IN built a temporary table of the whole round first.
        `SELECT r.pupil_id, r.school_id, r.class_name FROM roster r
          WHERE r.round_id = ? AND NOT EXISTS (SELECT 1 FROM roster n WHERE n.pupil_id = r.pupil_id AND n.round_id = ?)`,
      )
      .raw()
      .all(previousRoundId, roundId) as [number, number, string | null][];
  }

  activeFlags(roundId: number): StoredFlag[] {
    return this.db
      .prepare(
        `SELECT id, pupil_id AS pupilId, school_id AS schoolId, rule_id AS ruleId, rule_set_version AS ruleSetVersion, severity,
                evidence, explanation, first_flagged_at AS firstFlaggedAt
           FROM flags WHERE round_id = ? AND cleared_at IS NULL`,
      )
      .all(roundId) as StoredFlag[];
  }

  countActiveFlags(roundId: number): number {
    return this.db.prepare('SELECT count(*) FROM flags WHERE round_id = ? AND cleared_at IS NULL').pluck().get(roundId) as number;
  }

  insertFlags(roundId: number, flags: NewFlag[], at: string): void {
    const stmt = this.db.prepare(
      `INSERT INTO flags (round_id, pupil_id, school_id, rule_id, rule_set_version, severity, evidence, explanation, first_flagged_at, evaluated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of flags) stmt.run(roundId, f.pupilId, f.schoolId, f.ruleId, f.ruleSetVersion, f.severity, f.evidence, f.explanation, f.firstFlaggedAt, at);
  }

  updateFlags(updates: { id: number; severity: Severity; evidence: string; explanation: string }[], at: string): void {
    const stmt = this.db.prepare('UPDATE flags SET severity = ?, evidence = ?, explanation = ?, evaluated_at = ? WHERE id = ?');
    for (const u of updates) stmt.run(u.severity, u.evidence, u.explanation, at, u.id);
  }

  clearFlags(clears: { id: number; reason: string }[], at: string): void {
    const stmt = this.db.prepare('UPDATE flags SET cleared_at = ?, cleared_reason = ? WHERE id = ?');
    for (const c of clears) stmt.run(at, c.reason, c.id);
  }

  /**
   * One page of the round's flagged pupils (a pupil at a school with active flags), worst
   * severity first, then school id and pupil id: a stable order. Each pupil is read as
   * their worst flag (the first by id among equals), so the page comes straight off the
   * index flags_active_order in order and stops after its rows: no grouping or sorting of
   * the whole round. `total` counts every pupil the filter matches (index flags_active_school).
   */
  flaggedPage(roundId: number, f: FlagPageFilter, limit: number, offset: number): { keys: readonly { pupilId: number; schoolId: number }[]; total: number } {
    // Most requests read a page of this list (the round page, the API); it changes only with the flags or follow-ups.
    return this.flagPages.get(JSON.stringify([roundId, f, limit, offset]), () => this.readFlaggedPage(roundId, f, limit, offset));
  }

  private readFlaggedPage(roundId: number, f: FlagPageFilter, limit: number, offset: number): { keys: { pupilId: number; schoolId: number }[]; total: number } {
    const where = ['f.round_id = ?', 'f.cleared_at IS NULL'];
    const params: unknown[] = [roundId];
    if (f.scope) where.push(`f.school_id IN (${f.scope.map(Number).join(', ') || '0'})`);
    if (f.schoolId !== undefined) {
      where.push('f.school_id = ?');
      params.push(f.schoolId);
    }
    const located = f.notLocated ? `LEFT JOIN followups fu ON fu.round_id = f.round_id AND fu.school_id = f.school_id AND fu.pupil_id = f.pupil_id` : '';
    if (f.notLocated) where.push(`NOT (${LOCATED})`);
    const rank = severityRankSql('f.severity');
    const worst = `f.id = (SELECT h.id FROM flags h WHERE h.round_id = f.round_id AND h.pupil_id = f.pupil_id AND h.school_id = f.school_id
                             AND h.cleared_at IS NULL ORDER BY ${severityRankSql('h.severity')} DESC, h.id LIMIT 1)`;
    const severity = f.severity ? [`${rank} = ${severityRank(f.severity) + 1}`] : [];
    const keys = this.db
      .prepare(
        `SELECT f.pupil_id AS pupilId, f.school_id AS schoolId FROM flags f ${located}
          WHERE ${[...where, ...severity, worst].join(' AND ')} ORDER BY ${rank} DESC, f.school_id, f.pupil_id LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as { pupilId: number; schoolId: number }[];
    const total = (
      f.severity
        ? this.db.prepare(`SELECT count(*) FROM flags f ${located} WHERE ${[...where, ...severity, worst].join(' AND ')}`)
        : this.db.prepare(`SELECT count(*) FROM (SELECT DISTINCT f.pupil_id, f.school_id FROM flags f ${located} WHERE ${where.join(' AND ')})`)
    )
      .pluck()
      .get(...params) as number;
    return { keys, total };
  }

  /** Active flags of the round with pupil and school, for the given schools (null: all), optionally only the given pupils. */
  listFlags(roundId: number, schoolIds: number[] | null, pupilIds: number[] | null = null): FlagListRow[] {
    // Filters written only when given: an "(? IS NULL OR …)" term keeps SQLite from using
    // the pupil index for a page's 50 pupils and it read every flag of the round instead.
    const where = ['f.round_id = ?', 'f.cleared_at IS NULL'];
    const params: unknown[] = [roundId];
    if (schoolIds !== null) {
      where.push('f.school_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(schoolIds));
    }
    if (pupilIds !== null) {
      where.push('f.pupil_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(pupilIds));
    }
    return (
      this.db
        .prepare(
          `SELECT f.pupil_id AS pupilId, f.school_id AS schoolId, s.code AS schoolCode, s.name AS schoolName,
                  p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName,
                  p.protected_identity AS protectedIdentity, ro.class_name AS className,
                  f.rule_id AS ruleId, f.severity, f.evidence, f.explanation, f.rule_set_version AS ruleSetVersion,
                  f.first_flagged_at AS firstFlaggedAt
             FROM flags f
             JOIN pupils p ON p.id = f.pupil_id
             JOIN schools s ON s.id = f.school_id
             LEFT JOIN school_pupils sp ON sp.school_id = f.school_id AND sp.pupil_id = f.pupil_id
             LEFT JOIN roster ro ON ro.round_id = f.round_id AND ro.school_id = f.school_id AND ro.pupil_id = f.pupil_id
            WHERE ${where.join(' AND ')}
            ORDER BY s.name, sp.last_name, sp.first_name, p.personal_number, f.rule_id`,
        )
        .all(...params) as (Omit<FlagListRow, 'protectedIdentity'> & { protectedIdentity: number })[]
    ).map((r) => ({ ...r, protectedIdentity: r.protectedIdentity === 1 }));
  }

  /** Flags cleared in the round, newest first (for the record). */
  clearedFlags(roundId: number, schoolIds: number[] | null): { pupilId: number; schoolId: number; ruleId: RuleId; clearedAt: string; clearedReason: string }[] {
    return this.db
      .prepare(
        `SELECT pupil_id AS pupilId, school_id AS schoolId, rule_id AS ruleId, cleared_at AS clearedAt, cleared_reason AS clearedReason
           FROM flags WHERE round_id = ? AND cleared_at IS NOT NULL
            AND (? IS NULL OR school_id IN (SELECT value FROM json_each(?)))
          ORDER BY cleared_at DESC`,
      )
      .all(roundId, schoolIds === null ? null : 1, JSON.stringify(schoolIds ?? [])) as {
      pupilId: number;
      schoolId: number;
      ruleId: RuleId;
      clearedAt: string;
      clearedReason: string;
    }[];
  }
}
