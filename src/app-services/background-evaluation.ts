import type { RulesRepository } from '../rules';
import type { Actor, Clock } from '../shared';

/** What BackgroundEvaluation needs of ImportService: the import queue and its workers. */
export interface EvaluatesOnWorker {
  evaluateOnWorker(actor: Actor, roundId: number, hooks: { started?: () => void }): Promise<void>;
}

/**
 * The evaluation after a follow-up or watch-list change (issue 19). On a 60,000-pupil
 * round it takes most of a second (docs/benchmarks.md, "Evaluation after a change"), so
 * in the server it runs on an import worker, in the import queue, and the request answers
 * at once; flags and cases follow a moment later. The round is marked "evaluation
 * pending" first, so a process that stops before the worker is done evaluates it at its
 * next start, and confirming a school's report waits for it. Changes that come while an
 * evaluation waits in the queue are covered by it: one more is queued only once it has
 * started. Without workers (the CLI, most tests, the workers themselves) it evaluates
 * here and now, as before.
 */
export class BackgroundEvaluation {
  /** Rounds with an evaluation queued that has not started yet. */
  private readonly queued = new Set<number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      evaluation: { evaluateRound(actor: Actor, roundId: number): unknown };
      pending: Pick<RulesRepository, 'markEvaluationPending' | 'transaction'>;
      workers: EvaluatesOnWorker | null;
      clock: Clock;
    },
  ) {}

  /**
   * Stores a change to the round's data (`write`) in one transaction with the round's
   * "evaluation pending" mark, so that a process killed before the evaluation below has
   * stored its flags leaves the mark, and the next start evaluates the round. A write that
   * fails leaves no mark either. Then call evaluateRound.
   */
  change<T>(roundId: number, write: () => T): T {
    return this.deps.pending.transaction(() => {
      this.deps.pending.markEvaluationPending(roundId, this.deps.clock().toISOString());
      return write();
    });
  }

  evaluateRound(actor: Actor, roundId: number): void {
    const workers = this.deps.workers;
    if (!workers) {
      this.deps.evaluation.evaluateRound(actor, roundId);
      return;
    }
    this.deps.pending.markEvaluationPending(roundId, this.deps.clock().toISOString());
    if (this.queued.has(roundId)) return;
    this.queued.add(roundId);
    const job: Promise<void> = workers
      .evaluateOnWorker(actor, roundId, { started: () => this.queued.delete(roundId) })
      .catch((e: unknown) => {
        this.queued.delete(roundId);
        // Stopping: the mark stays and the next start evaluates the round.
        if (e instanceof Error && e.name === 'WorkersClosedError') return;
        // The queue was full or the worker failed: evaluate here, so nothing waits for a restart.
        try {
          this.deps.evaluation.evaluateRound(actor, roundId);
        } catch (err) {
          process.stderr.write(`Saknad: an evaluation failed (round ${roundId}): ${err instanceof Error ? err.message : String(err)}\n`);
        }
      })
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Waits for the evaluations handed to workers. */
  async settle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
