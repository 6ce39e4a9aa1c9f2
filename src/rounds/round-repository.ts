import type { Db } from '../db';

export const BREAK_TYPES = ['summer', 'christmas', 'autumn', 'winter', 'easter', 'other'] as const;
export type BreakType = (typeof BREAK_TYPES)[number];
export type RoundState = 'draft' | 'open' | 'closed';

export interface Round {
  id: number;
  name: string;
  breakType: BreakType;
  termStart: string;
  windowDays: number;
  deadline: string | null;
  recheckDate: string | null;
  state: RoundState;
  createdAt: string;
}

export type NewRound = Omit<Round, 'id' | 'state' | 'createdAt'>;

const COLUMNS = `id, name, break_type AS breakType, term_start AS termStart, window_days AS windowDays,
  deadline, recheck_date AS recheckDate, state, created_at AS createdAt`;

export class RoundRepository {
  constructor(private readonly db: Db) {}

  insert(r: NewRound, schoolIds: number[], createdAt: string, createdBy: number | null): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO rounds (name, break_type, term_start, window_days, deadline, recheck_date, created_at, created_by)
             VALUES (@name, @breakType, @termStart, @windowDays, @deadline, @recheckDate, @createdAt, @createdBy)`,
          )
          .run({ ...r, createdAt, createdBy }).lastInsertRowid,
      );
      const add = this.db.prepare('INSERT INTO round_schools (round_id, school_id) VALUES (?, ?)');
      for (const s of schoolIds) add.run(id, s);
      return id;
    })();
  }

  update(id: number, r: NewRound, schoolIds: number[]): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE rounds SET name = @name, break_type = @breakType, term_start = @termStart, window_days = @windowDays,
             deadline = @deadline, recheck_date = @recheckDate WHERE id = @id`,
        )
        .run({ ...r, id });
      this.db.prepare('DELETE FROM round_schools WHERE round_id = ?').run(id);
      const add = this.db.prepare('INSERT INTO round_schools (round_id, school_id) VALUES (?, ?)');
      for (const s of schoolIds) add.run(id, s);
    })();
  }

  findById(id: number): Round | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM rounds WHERE id = ?`).get(id) as Round | undefined;
  }

  list(): Round[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM rounds ORDER BY term_start DESC, id DESC`).all() as Round[];
  }

  /** Rounds in which any of the schools takes part. */
  listForSchools(schoolIds: number[]): Round[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM rounds WHERE id IN
           (SELECT round_id FROM round_schools WHERE school_id IN (SELECT value FROM json_each(?)))
         ORDER BY term_start DESC, id DESC`,
      )
      .all(JSON.stringify(schoolIds)) as Round[];
  }

  setState(id: number, state: RoundState, at: string): void {
    const column = state === 'open' ? 'opened_at' : state === 'closed' ? 'closed_at' : null;
    this.db.prepare(`UPDATE rounds SET state = ?${column ? `, ${column} = ?` : ''} WHERE id = ?`).run(...(column ? [state, at, id] : [state, id]));
  }

  schoolIds(roundId: number): number[] {
    return this.db.prepare('SELECT school_id FROM round_schools WHERE round_id = ? ORDER BY school_id').pluck().all(roundId) as number[];
  }
}
