import fs from 'node:fs';
import path from 'node:path';
import type { AuditService } from '../audit';
import { hasRole, type Actor } from '../shared';
import type { SettingsService } from '../settings';
import type { Clock } from '../shared';
import { ForbiddenError, ValidationError, fieldErrorsFromZod } from '../shared';
import { cutoffs, TMP_FILE_HOURS, type RetentionSettings } from './retention-policy';
import type { RetentionRepository, RoundCounts } from './retention-repository';
import { retentionSettingsSchema } from './retention-schema';

export interface RoundRetention {
  roundId: number;
  roundName: string;
  closedAt: string;
  /** The round's pupil data is past its period (otherwise only expired cases go). */
  roundDataExpired: boolean;
  counts: RoundCounts;
  /** Pupils removed altogether (no row points to them any more); 0 in a dry run. */
  pupilsRemoved: number;
  /** Pupils whose round data stays because they have an open case. */
  pupilsKept: number;
}

export interface RetentionReport {
  at: string;
  dryRun: boolean;
  settings: RetentionSettings;
  rounds: RoundRetention[];
  auditEntries: number;
  tmpFiles: number;
  backups: number;
}

export interface RetentionDeps {
  repo: RetentionRepository;
  audit: AuditService;
  clock: Clock;
  settings: SettingsService;
  /** The data folder: raw file paths in `uploads.raw_file` are relative to it. */
  dataDir: string;
  /** Temporary upload files (previews never committed). */
  tmpDir: string;
  /** Freezes a round's statistics (inside the deletion's transaction). */
  snapshotRound: (roundId: number) => boolean;
  /** Removes backups written before the cutoff (or counts them in a dry run). */
  pruneBackups?: (before: string, dryRun: boolean) => number;
}

/**
 * Retention (gallring): deletes what has passed its period, per docs/operations.md. Each
 * round goes in one transaction with secure_delete on: statistics snapshot first, then
 * the rows, with one audit entry of counts; its raw files are removed after the commit (a
 * file left by a crash is swept at the next start, as no upload row points to it).
 */
export class RetentionService {
  constructor(private readonly d: RetentionDeps) {}

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }

  settings(): RetentionSettings {
    const s = this.d.settings;
    return {
      roundDataMonths: s.get('retentionRoundDataMonths'),
      closedCaseMonths: s.get('retentionClosedCaseMonths'),
      referralCaseMonths: s.get('retentionReferralCaseMonths'),
      auditYears: s.get('retentionAuditYears'),
    };
  }

  /** Validates and saves the four periods whole, or nothing. Each change is audited by the settings service. */
  updateSettings(actor: Actor, input: unknown): RetentionSettings {
    this.requireAdmin(actor);
    const parsed = retentionSettingsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const v = parsed.data;
    this.d.settings.set(actor, 'retentionRoundDataMonths', v.roundDataMonths);
    this.d.settings.set(actor, 'retentionClosedCaseMonths', v.closedCaseMonths);
    this.d.settings.set(actor, 'retentionReferralCaseMonths', v.referralCaseMonths);
    this.d.settings.set(actor, 'retentionAuditYears', v.auditYears);
    return v;
  }

  /** What the next run would delete, changing nothing. */
  preview(actor: Actor): RetentionReport {
    return this.run(actor, { dryRun: true });
  }

  lastReport(actor: Actor): (RetentionReport & { finishedAt: string; actor: string }) | null {
    this.requireAdmin(actor);
    const last = this.d.repo.lastRun();
    return last ? { ...(JSON.parse(last.report) as RetentionReport), finishedAt: last.finishedAt, actor: last.actorLabel } : null;
  }

  /** The date of the last real run, for the server's daily schedule. */
  lastRunAt(): string | null {
    return this.d.repo.lastRun()?.startedAt ?? null;
  }

  run(actor: Actor, { dryRun }: { dryRun: boolean }): RetentionReport {
    this.requireAdmin(actor);
    const { repo, audit } = this.d;
    const started = this.d.clock();
    const settings = this.settings();
    const cut = cutoffs(settings, started);
    const caseCut = { closedCase: cut.closedCase, referralCase: cut.referralCase };
    const rounds: RoundRetention[] = [];
    for (const r of repo.closedRounds()) {
      const roundDataExpired = r.closedAt <= cut.roundData;
      const counts = repo.count(r.id, roundDataExpired, caseCut);
      if (Object.values(counts).every((n) => n === 0)) continue;
      const entry: RoundRetention = {
        roundId: r.id,
        roundName: r.name,
        closedAt: r.closedAt,
        roundDataExpired,
        counts,
        pupilsRemoved: 0,
        pupilsKept: roundDataExpired ? repo.keptPupils(r.id) : 0,
      };
      rounds.push(entry);
      if (dryRun) continue;
      const files = roundDataExpired ? repo.rawFiles(r.id) : [];
      entry.pupilsRemoved = repo.secureTransaction(() => {
        // Counted again inside the transaction: the audit entry states exactly what went.
        entry.counts = repo.count(r.id, roundDataExpired, caseCut);
        entry.pupilsKept = roundDataExpired ? repo.keptPupils(r.id) : 0;
        this.d.snapshotRound(r.id);
        const removed = repo.delete(r.id, roundDataExpired, caseCut);
        // Counts only: never a name or personal number in the audit log.
        audit.record(actor, {
          action: 'retention.round',
          objectType: 'round',
          objectId: r.id,
          details: { ...entry.counts, pupilsRemoved: removed, pupilsKept: entry.pupilsKept },
        });
        return removed;
      });
      for (const f of files) fs.rmSync(path.join(this.d.dataDir, f), { force: true });
      this.removeEmptyDir(path.join(this.d.dataDir, 'uploads', `round-${r.id}`));
    }
    let auditEntries = repo.countAuditBefore(cut.audit);
    if (!dryRun && auditEntries > 0) {
      auditEntries = repo.deleteAuditBefore(cut.audit);
      audit.record(actor, { action: 'retention.audit', objectType: 'audit_log', details: { entries: auditEntries, before: cut.audit } });
    }
    const tmpFiles = this.tmpFiles(started, dryRun);
    const backups = this.d.pruneBackups?.(cut.backups, dryRun) ?? 0;
    if (!dryRun) repo.checkpoint();
    const report: RetentionReport = { at: started.toISOString(), dryRun, settings, rounds, auditEntries, tmpFiles, backups };
    if (!dryRun) repo.saveRun(started.toISOString(), this.d.clock().toISOString(), actor.label, report);
    return report;
  }

  /** Temporary files and folders older than a day (a preview nobody committed, a crashed backup's staging). */
  private tmpFiles(now: Date, dryRun: boolean): number {
    if (!fs.existsSync(this.d.tmpDir)) return 0;
    let n = 0;
    for (const name of fs.readdirSync(this.d.tmpDir)) {
      const file = path.join(this.d.tmpDir, name);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st || now.getTime() - st.mtimeMs < TMP_FILE_HOURS * 3_600_000) continue;
      n++;
      if (!dryRun) fs.rmSync(file, { force: true, recursive: true });
    }
    return n;
  }

  private removeEmptyDir(dir: string): void {
    try {
      if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    } catch {
      // Not there: nothing to remove.
    }
  }
}
