import type { Db } from '../db';

export const AUTH_KINDS = ['client_credentials', 'certificate'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/** The feed's settings as stored, secret included: only the service reads this, to build the client. */
export interface FeedRecord {
  baseUrl: string;
  authKind: AuthKind;
  tokenUrl: string | null;
  clientId: string | null;
  clientSecret: string | null;
  scope: string | null;
  certFile: string | null;
  keyFile: string | null;
  requestsPerSecond: number;
  enabled: boolean;
  updatedAt: string;
  updatedByLabel: string;
}

export interface UnitMapping {
  schoolUnitId: string;
  schoolId: number;
  displayName: string;
  matchedAt: string;
}

export interface FeedRound {
  roundId: number;
  enabledAt: string;
  enabledByLabel: string;
}

export interface FeedRun {
  id: number;
  roundId: number;
  schoolId: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  message: string | null;
  persons: number;
  pupils: number;
  protectedPersons: number;
  emigrated: number;
  uploadId: number | null;
}

const FEED_COLUMNS = `base_url AS baseUrl, auth_kind AS authKind, token_url AS tokenUrl, client_id AS clientId, client_secret AS clientSecret,
  scope, cert_file AS certFile, key_file AS keyFile, requests_per_second AS requestsPerSecond, enabled, updated_at AS updatedAt, updated_by_label AS updatedByLabel`;
const RUN_COLUMNS = `id, round_id AS roundId, school_id AS schoolId, started_at AS startedAt, finished_at AS finishedAt, status, message,
  persons, pupils, protected_persons AS protectedPersons, emigrated, upload_id AS uploadId`;

/** All SQL of the SS 12000 feed. */
export class FeedRepository {
  constructor(private readonly db: Db) {}

  feed(): FeedRecord | null {
    const r = this.db.prepare(`SELECT ${FEED_COLUMNS} FROM feeds WHERE id = 1`).get() as (Omit<FeedRecord, 'enabled'> & { enabled: number }) | undefined;
    return r ? { ...r, enabled: r.enabled === 1 } : null;
  }

  saveFeed(f: FeedRecord): void {
    this.db
      .prepare(
        `INSERT INTO feeds (id, base_url, auth_kind, token_url, client_id, client_secret, scope, cert_file, key_file, requests_per_second, enabled, updated_at, updated_by_label)
         VALUES (1, @baseUrl, @authKind, @tokenUrl, @clientId, @clientSecret, @scope, @certFile, @keyFile, @requestsPerSecond, @enabled, @updatedAt, @updatedByLabel)
         ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, auth_kind = excluded.auth_kind, token_url = excluded.token_url,
           client_id = excluded.client_id, client_secret = excluded.client_secret, scope = excluded.scope, cert_file = excluded.cert_file,
           key_file = excluded.key_file, requests_per_second = excluded.requests_per_second, enabled = excluded.enabled,
           updated_at = excluded.updated_at, updated_by_label = excluded.updated_by_label`,
      )
      .run({ ...f, enabled: f.enabled ? 1 : 0 });
  }

  units(): UnitMapping[] {
    return this.db
      .prepare(
        'SELECT school_unit_id AS schoolUnitId, school_id AS schoolId, display_name AS displayName, matched_at AS matchedAt FROM feed_school_units ORDER BY display_name',
      )
      .all() as UnitMapping[];
  }

  /** Replaces the whole mapping (a test of the feed matches every unit anew). */
  replaceUnits(units: UnitMapping[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM feed_school_units').run();
      const insert = this.db.prepare(
        'INSERT INTO feed_school_units (school_unit_id, school_id, display_name, matched_at) VALUES (@schoolUnitId, @schoolId, @displayName, @matchedAt)',
      );
      for (const u of units) insert.run(u);
    })();
  }

  rounds(): FeedRound[] {
    return this.db
      .prepare('SELECT round_id AS roundId, enabled_at AS enabledAt, enabled_by_label AS enabledByLabel FROM feed_rounds ORDER BY round_id')
      .all() as FeedRound[];
  }

  setRound(roundId: number, enabled: boolean, at: string, label: string): void {
    if (enabled) this.db.prepare('INSERT OR IGNORE INTO feed_rounds (round_id, enabled_at, enabled_by_label) VALUES (?, ?, ?)').run(roundId, at, label);
    else this.db.prepare('DELETE FROM feed_rounds WHERE round_id = ?').run(roundId);
  }

  startRun(roundId: number, schoolId: number, at: string): number {
    return Number(
      this.db.prepare("INSERT INTO feed_runs (round_id, school_id, started_at, status) VALUES (?, ?, ?, 'running')").run(roundId, schoolId, at).lastInsertRowid,
    );
  }

  finishRun(
    id: number,
    r: {
      finishedAt: string;
      status: 'ok' | 'failed';
      message: string | null;
      persons: number;
      pupils: number;
      protectedPersons: number;
      emigrated: number;
      uploadId: number | null;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE feed_runs SET finished_at = @finishedAt, status = @status, message = @message, persons = @persons, pupils = @pupils,
           protected_persons = @protectedPersons, emigrated = @emigrated, upload_id = @uploadId WHERE id = @id`,
      )
      .run({ id, ...r });
  }

  /** Each school's latest finished run in the round. */
  latestRuns(roundId: number): FeedRun[] {
    return this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM feed_runs WHERE id IN (
           SELECT max(id) FROM feed_runs WHERE round_id = ? AND status <> 'running' GROUP BY school_id)`,
      )
      .all(roundId) as FeedRun[];
  }

  /**
   * Replaces the school's emigrated pupils in the round (pupils the import stored under
   * these personal numbers); returns whether the set changed.
   */
  replaceEmigrations(roundId: number, schoolId: number, personalNumbers: string[], at: string): boolean {
    return this.db.transaction(() => {
      const before = this.db
        .prepare('SELECT pupil_id FROM feed_emigrations WHERE round_id = ? AND school_id = ? ORDER BY pupil_id')
        .pluck()
        .all(roundId, schoolId) as number[];
      const ids = (
        this.db
          .prepare('SELECT id FROM pupils WHERE personal_number IN (SELECT value FROM json_each(?)) ORDER BY id')
          .pluck()
          .all(JSON.stringify(personalNumbers)) as number[]
      ).filter((id) => this.db.prepare('SELECT 1 FROM roster WHERE round_id = ? AND school_id = ? AND pupil_id = ?').get(roundId, schoolId, id));
      this.db.prepare('DELETE FROM feed_emigrations WHERE round_id = ? AND school_id = ?').run(roundId, schoolId);
      const insert = this.db.prepare('INSERT INTO feed_emigrations (round_id, school_id, pupil_id) VALUES (?, ?, ?)');
      for (const id of ids) insert.run(roundId, schoolId, id);
      const changed = before.join() !== ids.join();
      // A change is stored with the round's "evaluation pending" mark (migration 012): a process
      // stopped before the feed's evaluation leaves it, and the next start evaluates the round.
      if (changed) {
        this.db.prepare('INSERT INTO round_evaluation_pending (round_id, since) VALUES (?, ?) ON CONFLICT(round_id) DO NOTHING').run(roundId, at);
        // Records changed: the next evaluation reads the whole round (migration 027).
        this.db.prepare('DELETE FROM round_evaluation_basis WHERE round_id = ?').run(roundId);
      }
      return changed;
    })();
  }

  /** For the rules, keyed "pupilId:schoolId": pupils SS 12000 says emigrated, as a transfer abroad with no known destination. */
  emigrations(roundId: number): Map<string, { transfer: 'abroad'; receivingSchool: null }> {
    const rows = this.db.prepare('SELECT pupil_id, school_id FROM feed_emigrations WHERE round_id = ?').raw().all(roundId) as [number, number][];
    return new Map(rows.map(([p, s]) => [`${p}:${s}`, { transfer: 'abroad', receivingSchool: null }]));
  }
}
