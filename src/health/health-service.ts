import type { Clock } from '../shared';
import type { HealthRepository } from './health-repository';

export interface Readiness {
  ready: boolean;
  database: { writable: boolean };
  migrations: { applied: number; expected: number; ok: boolean };
  backup: { lastAt: string | null; ageHours: number | null; ok: boolean };
  evaluations: { pending: number };
}

export interface HealthDeps {
  repo: HealthRepository;
  clock: Clock;
  /** The highest migration this version knows. */
  latestMigration: number;
  /** A backup older than this (or none) is reported, not failed: the app still serves. */
  backupMaxAgeHours: number;
}

/**
 * Readiness for a load balancer or monitoring: counts and times only, no personal data.
 * Not ready (503) only when requests would fail: the database not writable or migrations
 * missing. A stale backup or a pending evaluation is reported for monitoring to alert on.
 */
export class HealthService {
  constructor(private readonly d: HealthDeps) {}

  readiness(): Readiness {
    const { repo } = this.d;
    const writable = repo.writable();
    let applied = 0;
    let pending = 0;
    let lastAt: string | null = null;
    try {
      applied = repo.migration();
      pending = repo.pendingEvaluations();
      lastAt = repo.lastBackupAt();
    } catch {
      // An unreadable database is reported as not writable and not migrated.
    }
    const ageHours = lastAt === null ? null : Math.round(((this.d.clock().getTime() - Date.parse(lastAt)) / 3_600_000) * 10) / 10;
    const migrationsOk = applied === this.d.latestMigration;
    return {
      ready: writable && migrationsOk,
      database: { writable },
      migrations: { applied, expected: this.d.latestMigration, ok: migrationsOk },
      backup: { lastAt, ageHours, ok: ageHours !== null && ageHours <= this.d.backupMaxAgeHours },
      evaluations: { pending },
    };
  }
}
