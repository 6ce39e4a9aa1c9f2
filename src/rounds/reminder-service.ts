import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { todayInStockholm } from '../calendar';
import type { Clock } from '../shared';
import type { MailTemplates } from '../mail';
import type { MailLogEntry, MailLogRepository } from './mail-log-repository';
import type { ReminderRepository } from './reminder-repository';
import { daysBetween, dueReminderSteps, type ReminderSettings } from './reminder-schedule';

/** The mails this service sends; like every template they carry no personal data. */
export type ReminderMailTemplates = Pick<MailTemplates, 'reminder' | 'schoolConfirmed' | 'confirmationReset' | 'caseAttention'>;

/** The part of MailService used here. */
export interface ReminderMailer {
  send<T extends keyof ReminderMailTemplates>(template: T, to: string, data: ReminderMailTemplates[T]): Promise<unknown>;
}

/** One mail: the round id, the school's unit code, the recipient and the mail_log step. */
export interface ReminderMail {
  round: number;
  school: string;
  to: string;
  step: string;
}

export interface FailedReminderMail extends ReminderMail {
  /** The transport's message, for the operator (stderr, CLI); never written to the audit log. */
  error: string;
}

export interface ReminderRunResult {
  sent: ReminderMail[];
  /** Mails that could not be sent; they are not recorded, so the next run tries again. */
  failed: FailedReminderMail[];
}

type AuditActor = Pick<Actor, 'userId' | 'label'>;

/** A case whose school should look at it (CaseService.syncRound): its round, the case, its school, and the school whose file had the pupil. */
export interface CaseAttentionNotice {
  roundId: number;
  caseId: number;
  schoolId: number;
  seenAtSchoolId: number;
}
const SYSTEM: AuditActor = { userId: null, label: 'system' };

export const CONFIRMED_NOTICE_STEP = 'confirmed-notice';

/**
 * Reminders to principals of schools that have not confirmed their report by the
 * deadline, and a notice to the coordinators when a school confirms.
 *
 * Every mail is recorded in mail_log before it is sent (to whom, when, which step); the
 * unique index on (round, school, recipient, step) makes a step go at most once, even
 * when the in-process scheduler and a cron `reminders run` overlap.
 *
 * Send failures: the entry is forgotten again (so the next run retries that mail), the
 * failure is collected and the run goes on with the other recipients — one bad address
 * or a mail server hiccup must not stop the reminders to every other school. `run()`
 * returns the failures; the CLI can exit non-zero on them, the scheduler logs them.
 * A crash between recording and sending loses that one mail (at most once, never twice),
 * like the invitations in RoundService.open.
 */
export class ReminderService {
  constructor(
    private readonly deps: {
      repo: ReminderRepository;
      mailLog: MailLogRepository;
      principalEmails: (schoolId: number) => string[];
      mail: ReminderMailer;
      audit: AuditService;
      clock: Clock;
      /** The reminder settings ({ daysBefore, daysAfter }), read at every run. */
      settings: () => ReminderSettings;
    },
  ) {}

  /**
   * Sends the reminder step due today (Europe/Stockholm) to the principals of each school
   * of each open round with a deadline that has not confirmed its report. Audited once
   * per run with counts only.
   */
  async run(actor: AuditActor = SYSTEM): Promise<ReminderRunResult> {
    const settings = this.deps.settings();
    const today = todayInStockholm(this.deps.clock);
    const result: ReminderRunResult = { sent: [], failed: [] };
    let rounds = 0;
    let schools = 0;
    for (const round of this.deps.repo.openRoundsWithDeadline()) {
      const [step] = dueReminderSteps(round.deadline, today, settings);
      if (!step) continue;
      rounds++;
      // The days as they are today: on a late run "in 2 days" would otherwise be wrong.
      const days = step.when === 'before' ? daysBetween(today, round.deadline) : daysBetween(round.deadline, today);
      for (const school of this.deps.repo.unconfirmedSchools(round.id)) {
        schools++;
        for (const to of this.deps.principalEmails(school.id)) {
          await this.sendOnce(result, { round: round.id, school, to, step: `reminder-${step.id}`, template: 'reminder' }, () =>
            this.deps.mail.send('reminder', to, { roundName: round.name, link: `/omgangar/${round.id}`, when: step.when, days }),
          );
        }
      }
    }
    this.deps.audit.record(actor, {
      action: 'reminders.run',
      outcome: result.failed.length ? 'failure' : 'success',
      details: { rounds, schools, sent: result.sent.length, failed: result.failed.length },
    });
    return result;
  }

  /**
   * Tells every active coordinator that a school confirmed its report in an open round,
   * once per school and round (a school that confirms again is not announced again).
   * Does nothing when the school has not confirmed or the round is not open. Never
   * throws on a send failure: the confirmation itself has already been saved.
   */
  async notifyConfirmed(roundId: number, schoolId: number, actor: AuditActor = SYSTEM): Promise<ReminderRunResult> {
    const round = this.deps.repo.openRound(roundId);
    const school = round && this.deps.repo.confirmedSchool(roundId, schoolId);
    if (!round || !school) return { sent: [], failed: [] };
    return this.noticeAboutSchool(actor, round, school, this.deps.repo.coordinatorEmails(), CONFIRMED_NOTICE_STEP, 'schoolConfirmed', 'school_report.notice');
  }

  /**
   * Tells the school's principals that its confirmation was undone (once per reset):
   * only that the report must be confirmed again, and a link.
   */
  async notifyReset(roundId: number, schoolId: number, resetAt: string, actor: AuditActor = SYSTEM): Promise<ReminderRunResult> {
    const round = this.deps.repo.openRound(roundId);
    const school = round && this.deps.repo.unconfirmedSchools(roundId).find((s) => s.id === schoolId);
    if (!round || !school) return { sent: [], failed: [] };
    const to = this.deps.principalEmails(schoolId);
    return this.noticeAboutSchool(actor, round, school, to, `confirmation-reset:${resetAt}`, 'confirmationReset', 'school_report.reset_notice');
  }

  /** One notice about a school's report, once per recipient and step (mail_log); audited as counts when anything was tried. */
  private async noticeAboutSchool(
    actor: AuditActor,
    round: { id: number; name: string },
    school: { id: number; code: string },
    recipients: readonly string[],
    step: string,
    template: 'schoolConfirmed' | 'confirmationReset',
    action: string,
  ): Promise<ReminderRunResult> {
    const result: ReminderRunResult = { sent: [], failed: [] };
    for (const to of recipients) {
      await this.sendOnce(result, { round: round.id, school, to, step, template }, () =>
        this.deps.mail.send(template, to, { roundName: round.name, link: `/omgangar/${round.id}` }),
      );
    }
    if (result.sent.length || result.failed.length) this.auditNotice(actor, action, round.id, result, { school: school.code });
    return result;
  }

  /**
   * Tells each case's school (its principals) and the coordinators that cases need a
   * person's attention — today: the pupil turned up in another school's file. One mail per
   * recipient and call, with a count and a link; never which pupil or what happened.
   * Never throws: the cases are already saved, and failures are audited as counts.
   */
  async notifyCaseAttention(notices: readonly CaseAttentionNotice[], actor: AuditActor = SYSTEM): Promise<ReminderRunResult> {
    const result: ReminderRunResult = { sent: [], failed: [] };
    if (!notices.length) return result;
    const roundId = notices[0]!.roundId;
    // The step names the news, so a later notice about other cases is not taken for this one.
    const step = `case-attention:${notices.map((n) => `${n.caseId}/${n.seenAtSchoolId}`).join(',')}`;
    const link = (ids: number[], fallback: string) => (ids.length === 1 ? `/arenden/${ids[0]}` : fallback);
    const bySchool = new Map<number, number[]>();
    for (const n of notices) (bySchool.get(n.schoolId) ?? bySchool.set(n.schoolId, []).get(n.schoolId)!).push(n.caseId);
    for (const [schoolId, caseIds] of bySchool) {
      const school = this.deps.repo.school(schoolId);
      if (!school) continue;
      for (const to of this.deps.principalEmails(schoolId)) {
        await this.sendOnce(result, { round: roundId, school, to, step, template: 'caseAttention' }, () =>
          this.deps.mail.send('caseAttention', to, { link: link(caseIds, `/omgangar/${roundId}`), count: caseIds.length }),
        );
      }
    }
    const all = [...new Set(notices.map((n) => n.caseId))];
    for (const to of this.deps.repo.coordinatorEmails()) {
      await this.sendOnce(result, { round: roundId, school: null, to, step, template: 'caseAttention' }, () =>
        this.deps.mail.send('caseAttention', to, { link: link(all, `/arenden?round=${roundId}`), count: all.length }),
      );
    }
    this.auditNotice(actor, 'case.attention_notice', roundId, result, { cases: all.length });
    return result;
  }

  /** A notice run in the audit log: counts only, never addresses or pupils. */
  private auditNotice(actor: AuditActor, action: string, roundId: number, result: ReminderRunResult, details: Record<string, unknown>): void {
    this.deps.audit.record(actor, {
      action,
      objectType: 'round',
      objectId: roundId,
      outcome: result.failed.length ? 'failure' : 'success',
      details: { ...details, sent: result.sent.length, failed: result.failed.length },
    });
  }

  private async sendOnce(
    result: ReminderRunResult,
    m: { round: number; school: { id: number; code: string } | null; to: string; step: string; template: keyof ReminderMailTemplates },
    send: () => Promise<unknown>,
  ): Promise<void> {
    const entry: MailLogEntry = {
      sentAt: this.deps.clock().toISOString(),
      toAddress: m.to,
      template: m.template,
      step: m.step,
      roundId: m.round,
      schoolId: m.school?.id ?? null,
    };
    if (!this.deps.mailLog.recordOnce(entry)) return; // this step already went to this recipient
    const mail: ReminderMail = { round: m.round, school: m.school?.code ?? '', to: m.to, step: m.step };
    try {
      await send();
      result.sent.push(mail);
    } catch (e) {
      // Not recorded as sent, so a later run can send it.
      this.deps.mailLog.forget(entry);
      result.failed.push({ ...mail, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

/**
 * Runs `service.run()` every `intervalMs` (hourly in the server) until the returned stop
 * function is called. The timer is unref'd, so it never keeps the process alive. A run
 * that is still going when the next tick comes is not overlapped. Errors never escape:
 * they go to stderr (counts and messages, no pupil data), and the next tick tries again.
 */
export function startReminderScheduler(
  service: Pick<ReminderService, 'run'>,
  intervalMs = 60 * 60_000,
  log: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): () => void {
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const { sent, failed } = await service.run();
      if (failed.length) {
        log(`Saknad reminders: ${sent.length} sent, ${failed.length} failed (retried next run): ${[...new Set(failed.map((f) => f.error))].join('; ')}`);
      }
    } catch (e) {
      log(`Saknad reminders: the run failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
