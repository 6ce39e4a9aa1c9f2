import type { Db } from '../db';

export interface ReminderRound {
  id: number;
  name: string;
  /** 'YYYY-MM-DD' */
  deadline: string;
}

export interface ReminderSchool {
  id: number;
  code: string;
}

/** The reads the reminders need: open rounds, schools that have not confirmed, coordinators. */
export class ReminderRepository {
  constructor(private readonly db: Db) {}

  /** Open rounds that have a reporting deadline, oldest deadline first. */
  openRoundsWithDeadline(): ReminderRound[] {
    return this.db
      .prepare(`SELECT id, name, deadline FROM rounds WHERE state = 'open' AND deadline IS NOT NULL ORDER BY deadline, id`)
      .all() as ReminderRound[];
  }

  /** An open round by id (any deadline), or undefined when it does not exist or is not open. */
  openRound(roundId: number): { id: number; name: string } | undefined {
    return this.db.prepare(`SELECT id, name FROM rounds WHERE id = ? AND state = 'open'`).get(roundId) as { id: number; name: string } | undefined;
  }

  /** Active schools of the round without a confirmed report (no school_reports row). */
  unconfirmedSchools(roundId: number): ReminderSchool[] {
    return this.db
      .prepare(
        `SELECT s.id, s.code FROM round_schools rs JOIN schools s ON s.id = rs.school_id
           LEFT JOIN school_reports r ON r.round_id = rs.round_id AND r.school_id = rs.school_id
          WHERE rs.round_id = ? AND s.active = 1 AND r.school_id IS NULL
          ORDER BY s.code`,
      )
      .all(roundId) as ReminderSchool[];
  }

  /** The school, when it takes part in the round and has confirmed its report. */
  confirmedSchool(roundId: number, schoolId: number): ReminderSchool | undefined {
    return this.db
      .prepare(
        `SELECT s.id, s.code FROM school_reports r JOIN schools s ON s.id = r.school_id
           JOIN round_schools rs ON rs.round_id = r.round_id AND rs.school_id = r.school_id
          WHERE r.round_id = ? AND r.school_id = ?`,
      )
      .get(roundId, schoolId) as ReminderSchool | undefined;
  }

  school(schoolId: number): ReminderSchool | undefined {
    return this.db.prepare('SELECT id, code FROM schools WHERE id = ?').get(schoolId) as ReminderSchool | undefined;
  }

  /** E-mail addresses of the active coordinators. */
  coordinatorEmails(): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
          WHERE r.role = 'coordinator' AND u.active = 1 ORDER BY u.email`,
      )
      .pluck()
      .all() as string[];
  }
}
