import type { Db } from '../db';

export interface MailLogEntry {
  sentAt: string;
  toAddress: string;
  template: string;
  step: string;
  roundId: number | null;
  schoolId: number | null;
}

/** Every round e-mail: to whom, when, which step. A step goes once per school and recipient. */
export class MailLogRepository {
  constructor(private readonly db: Db) {}

  /** Records the mail; false when this step already went to this recipient (nothing recorded). */
  recordOnce(e: MailLogEntry): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO mail_log (sent_at, to_address, template, step, round_id, school_id)
           VALUES (@sentAt, @toAddress, @template, @step, @roundId, @schoolId)`,
        )
        .run(e).changes === 1
    );
  }

  forget(e: Pick<MailLogEntry, 'toAddress' | 'step' | 'roundId' | 'schoolId'>): void {
    this.db
      .prepare('DELETE FROM mail_log WHERE round_id IS @roundId AND ifnull(school_id, 0) = ifnull(@schoolId, 0) AND to_address = @toAddress AND step = @step')
      .run(e);
  }

  list(roundId: number): MailLogEntry[] {
    return this.db
      .prepare(
        `SELECT sent_at AS sentAt, to_address AS toAddress, template, step, round_id AS roundId, school_id AS schoolId
           FROM mail_log WHERE round_id = ? ORDER BY id`,
      )
      .all(roundId) as MailLogEntry[];
  }
}
