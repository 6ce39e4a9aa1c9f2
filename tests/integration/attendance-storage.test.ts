import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/connection';
import { migrate, readMigrations } from '../../src/db/migrate';
import type { Db } from '../../src/db/connection';

/** Migration 009: attendance as one row per pupil, with the old per-day table as a view. */
describe('attendance stored per pupil (migration 009)', () => {
  let dir: string;
  let db: Db;
  const row = (pupil: number) =>
    db.prepare('SELECT first_date AS firstDate, codes, source_rows AS sourceRows FROM pupil_attendance WHERE pupil_id = ?').get(pupil);
  const days = () => db.prepare('SELECT pupil_id, date, status, source_row FROM attendance ORDER BY pupil_id, date').raw().all();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-att-'));
    db = openDatabase(path.join(dir, 'a.sqlite'));
    migrate(
      db,
      readMigrations().filter((m) => m.version < 9),
    );
    db.exec(`INSERT INTO schools (id, code, name, type, created_at) VALUES (1, '12345678', 'S', 'grundskola', 'x');
      INSERT INTO rounds (id, name, break_type, term_start, window_days, created_at) VALUES (1, 'R', 'summer', '2026-08-18', 10, 'x');
      INSERT INTO pupils (id, personal_number, created_at, updated_at) VALUES (1, 'a', 'x', 'x'), (2, 'b', 'x', 'x'), (3, 'c', 'x', 'x');
      INSERT INTO attendance VALUES (1, 1, 1, '2026-08-18', 'present', 2), (1, 1, 1, '2026-08-21', 'valid', 3),
        (1, 1, 1, '2026-08-24', 'unexplained', 4), (1, 1, 2, '2026-08-19', 'not_reported', 7);`);
    migrate(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves the stored days into one row per pupil, one letter per calendar day', () => {
    expect(row(1)).toEqual({ firstDate: '2026-08-18', codes: 'p--v--x', sourceRows: '[2,0,0,3,0,0,4]' });
    expect(row(2)).toEqual({ firstDate: '2026-08-19', codes: 'n', sourceRows: '[7]' });
  });

  it('still shows one row per pupil and day through the attendance view', () => {
    expect(days()).toEqual([
      [1, '2026-08-18', 'present', 2],
      [1, '2026-08-21', 'valid', 3],
      [1, '2026-08-24', 'unexplained', 4],
      [2, '2026-08-19', 'not_reported', 7],
    ]);
  });

  it('takes single days written through the view, before, inside and after the row', () => {
    db.exec(`INSERT INTO attendance VALUES (1, 1, 2, '2026-08-17', 'present', 9), (1, 1, 2, '2026-08-25', 'unknown', 10),
      (1, 1, 2, '2026-08-20', 'valid', 11), (1, 1, 3, '2026-08-20', 'valid', 12)`);
    expect(row(2)).toEqual({ firstDate: '2026-08-17', codes: 'p-nv----u', sourceRows: '[9,0,7,11,0,0,0,0,10]' });
    expect(row(3)).toEqual({ firstDate: '2026-08-20', codes: 'v', sourceRows: '[12]' });
  });

  it.each([
    ['the same day twice', `(1, 1, 1, '2026-08-18', 'valid', 5)`, /UNIQUE/],
    ['an unknown status', `(1, 1, 1, '2026-08-19', 'maybe', 5)`, /CHECK/],
    ['an unknown pupil', `(1, 1, 99, '2026-08-19', 'present', 5)`, /FOREIGN KEY/],
    ['no date', `(1, 1, 1, NULL, 'present', 5)`, /NOT NULL/],
  ])('refuses %s, as the old table did', (_what, values, error) => {
    expect(() => db.exec(`INSERT INTO attendance VALUES ${values}`)).toThrow(error);
    expect(row(1)).toEqual({ firstDate: '2026-08-18', codes: 'p--v--x', sourceRows: '[2,0,0,3,0,0,4]' });
  });

  it('deletes single days through the view, and the row once it has none', () => {
    db.exec(`DELETE FROM attendance WHERE pupil_id = 1 AND date = '2026-08-21'`);
    expect(row(1)).toEqual({ firstDate: '2026-08-18', codes: 'p-----x', sourceRows: '[2,0,0,0,0,0,4]' });
    db.exec('DELETE FROM attendance WHERE pupil_id = 2');
    expect(row(2)).toBeUndefined();
    expect(days()).toHaveLength(2);
  });
});
