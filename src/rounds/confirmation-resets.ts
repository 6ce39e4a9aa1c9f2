import type { AuditService } from '../audit';
import type { SchoolRepository } from '../schools';
import type { Actor } from '../shared';
import type { ReminderService } from './reminder-service';
import type { ResetReason, SchoolReportRepository, SchoolReportReset } from './school-report-repository';

/**
 * A confirmation means "we have read what is stored now": a new upload or a change in the
 * school's flags undoes it, in the evaluation's transaction; the principals are told after.
 */
export class ConfirmationResets {
  private readonly repo: SchoolReportRepository;
  private readonly schools: SchoolRepository;
  private readonly audit: AuditService;
  private readonly reminders: Pick<ReminderService, 'notifyReset'>;

  constructor(deps: { repo: SchoolReportRepository; schools: SchoolRepository; audit: AuditService; reminders: Pick<ReminderService, 'notifyReset'> }) {
    this.repo = deps.repo;
    this.schools = deps.schools;
    this.audit = deps.audit;
    this.reminders = deps.reminders;
  }

  /**
   * Undoes the confirmation of every school whose upload changed since it confirmed, or
   * whose set of active flags changed now. Runs inside the evaluation's transaction
   * (RoundEvaluation.evaluateRound), so the flags and the reset are stored together.
   */
  resetStale(actor: Actor, roundId: number, flagsChanged: ReadonlySet<number>, at: string): SchoolReportReset[] {
    const done: SchoolReportReset[] = [];
    for (const r of this.repo.confirmedWithUpload(roundId)) {
      const reason: ResetReason | null = r.uploadId !== r.currentUploadId ? 'upload' : flagsChanged.has(r.schoolId) ? 'flags' : null;
      if (!reason) continue;
      const reset: SchoolReportReset = { roundId, schoolId: r.schoolId, resetAt: at, reason, confirmedAt: r.confirmedAt, nilReport: r.nilReport };
      this.repo.reset(reset);
      const code = this.schools.listByIds([r.schoolId])[0]?.code ?? String(r.schoolId);
      this.audit.record(actor, {
        action: 'school_report.reset',
        objectType: 'round',
        objectId: roundId,
        details: { school: code, reason, wasNilReport: r.nilReport },
      });
      done.push(reset);
    }
    return done;
  }

  /** E-mails the principals of the schools resetStale reset, once the evaluation's transaction has committed. */
  async sendNotices(resets: readonly SchoolReportReset[]): Promise<void> {
    for (const r of resets) {
      // Only what was stored: a rolled-back evaluation left no reset to tell about.
      let stored: SchoolReportReset | undefined;
      try {
        stored = this.repo.findReset(r.roundId, r.schoolId);
      } catch {
        return; // the database was closed meanwhile (shutdown): the page still shows the reset
      }
      if (stored?.resetAt !== r.resetAt) continue;
      // A failed send is audited by notifyReset; the reset itself is stored and shown on the school's page.
      await this.reminders.notifyReset(r.roundId, r.schoolId, r.resetAt).catch(() => undefined);
    }
  }
}
