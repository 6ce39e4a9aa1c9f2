import type { AuditService } from '../audit';
import type { CaseSync } from '../cases';
import type { ConfirmationResets, ReminderService, RoundService } from '../rounds';
import type { EvaluationSummary, FlagEvaluator, RulesRepository } from '../rules';
import type { Actor } from '../shared';

/**
 * What follows a change to a round's data: an upload's commit (ImportService), a
 * follow-up or watch-list entry (FollowUpService, WatchListService), a new rule set
 * (RulesService.saveRuleSet), a read that finds the round's evaluation pending, the
 * start-up's pending rounds and the CLI's `rules evaluate`. Every one of them calls
 * evaluateRound below, whose steps are the whole story (docs/architecture.md).
 */
export class RoundEvaluation {
  /** Notices being sent, so a short-lived process (the CLI) can wait for them (settle). */
  private readonly sending = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      rounds: RoundService;
      flags: FlagEvaluator;
      /** The rules' repository: its transaction and the round's "evaluation pending" mark (migration 012). */
      pending: RulesRepository;
      cases: CaseSync;
      confirmations: ConfirmationResets;
      reminders: Pick<ReminderService, 'notifyCaseAttention'>;
      audit: AuditService;
    },
  ) {}

  /**
   * Re-evaluates the whole round (siblings cross schools), in this order:
   *   1. in one transaction — stored together or not at all:
   *      a. compute the round's flags and store the difference;
   *      b. undo the confirmation of each school whose upload or set of flags changed;
   *      c. audit the evaluation;
   *      d. bring the round's cases in line with the flags;
   *      e. remove the round's "evaluation pending" mark (set by the upload's commit);
   *   2. after the commit — so a rolled-back evaluation tells no one:
   *      a. mail the case notices (a flagged pupil found in another school's file);
   *      b. mail the principals of the schools whose confirmation was undone.
   * A process stopped between an upload's commit and step 1 leaves the mark, and the next
   * start (evaluatePending) or read of the round's flags runs this again.
   */
  evaluateRound(actor: Actor, roundId: number, options: { afterUpload?: boolean } = {}): EvaluationSummary {
    const round = this.deps.rounds.get(actor, roundId);
    const ruleSet = this.deps.flags.ruleSet();
    const { summary, resets, notices } = this.deps.pending.transaction(() => {
      const { summary, changedSchools, at } = this.deps.flags.store(round, ruleSet, options);
      const resets = this.deps.confirmations.resetStale(actor, roundId, changedSchools, at);
      this.deps.audit.record(actor, {
        action: 'rules.evaluate',
        objectType: 'round',
        objectId: roundId,
        details: { ...summary.flags, version: ruleSet.version },
      });
      const { notices } = this.deps.cases.sync(actor, roundId);
      this.deps.pending.clearEvaluationPending(roundId);
      return { summary, resets, notices };
    });
    if (notices.length) this.track(this.deps.reminders.notifyCaseAttention(notices));
    if (resets.length) void this.deps.confirmations.sendNotices(resets);
    return summary;
  }

  /**
   * Evaluates every round an upload left marked (a process stopped between an upload's
   * commit and its evaluation). Run at start-up by the server and the CLI, before
   * anything reads a round. Returns the rounds evaluated.
   */
  evaluatePending(actor: Actor): number[] {
    const rounds = this.deps.pending.pendingEvaluations();
    for (const roundId of rounds) this.evaluateRound(actor, roundId);
    return rounds;
  }

  /** Waits for the case notices being sent; call before closing in a short-lived process. */
  async settle(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  private track(send: Promise<unknown>): void {
    const sending: Promise<unknown> = send
      .catch((e: unknown) => process.stderr.write(`Saknad: a case notice failed: ${e instanceof Error ? e.message : String(e)}\n`))
      .finally(() => this.sending.delete(sending));
    this.sending.add(sending);
  }
}
