import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/connection';
import { migrate, readMigrations } from '../../src/db/migrate';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';

/** Migration 013 moves names and guardians to the schools that reported them, keeping today's names. */
describe('migration 013: schools own their rows', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-mig13-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives every school that has the pupil the current name and its file’s guardians, then clears the shared name', () => {
    const db = openDatabase(path.join(dir, 'a.sqlite'));
    const all = readMigrations();
    migrate(
      db,
      all.filter((m) => m.version < 13),
    );
    db.exec(`
      INSERT INTO schools (id, code, name, type, created_at) VALUES (1, '11111111', 'Alfa', 'grundskola', 'x'), (2, '22222222', 'Beta', 'grundskola', 'x'), (3, '33333333', 'Gamma', 'grundskola', 'x');
      INSERT INTO rounds (id, name, break_type, term_start, window_days, created_at) VALUES (1, 'HT', 'summer', '2026-08-18', 3, 'x');
      INSERT INTO uploads (id, round_id, school_id, uploaded_by_label, uploaded_at, file_name, size_bytes, sha256, format, shape, header_row, column_mapping, report, pupils, rows, days)
        VALUES (1, 1, 1, 't', 'x', 'a.csv', 0, '', 'csv', 'daily', 1, '{}', '{}', 1, 1, 1), (2, 1, 2, 't', 'x', 'b.csv', 0, '', 'csv', 'daily', 1, '{}', '{}', 1, 1, 1);
    `);
    const pupil = db.prepare('INSERT INTO pupils (id, personal_number, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    pupil.run(1, PUPILS[0], 'Amal', 'Ek', 'x', '2026-08-20T10:00:00Z');
    pupil.run(2, PUPILS[1], 'Bo', 'Berg', 'x', '2026-08-20T10:00:00Z');
    db.exec(`
      INSERT INTO roster (round_id, school_id, pupil_id, upload_id, class_name, source_row) VALUES (1, 1, 1, 1, '8B', 2), (1, 2, 1, 2, '9C', 2);
      INSERT INTO watch_list (round_id, school_id, pupil_id, reasons, created_at, created_by_label) VALUES (1, 3, 2, '[]', 'x', 't');
    `);
    db.prepare('INSERT INTO pupil_guardians (pupil_id, guardian_personal_number) VALUES (?, ?)').run(1, GUARDIANS[0]);

    migrate(db, all);
    expect(db.prepare('SELECT school_id, pupil_id, first_name, last_name FROM school_pupils ORDER BY pupil_id, school_id').all()).toEqual([
      { school_id: 1, pupil_id: 1, first_name: 'Amal', last_name: 'Ek' },
      { school_id: 2, pupil_id: 1, first_name: 'Amal', last_name: 'Ek' },
      { school_id: 3, pupil_id: 2, first_name: 'Bo', last_name: 'Berg' },
    ]);
    expect(db.prepare('SELECT school_id, pupil_id, guardian_personal_number AS g FROM school_guardians ORDER BY school_id').all()).toEqual([
      { school_id: 1, pupil_id: 1, g: GUARDIANS[0] },
      { school_id: 2, pupil_id: 1, g: GUARDIANS[0] },
    ]);
    expect(db.prepare('SELECT count(*) FROM pupils WHERE first_name IS NOT NULL OR last_name IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'pupil_guardians'").pluck().get()).toBe(0);
    db.close();
  });
});
