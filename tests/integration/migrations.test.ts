import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/connection';
import { migrate, readMigrations } from '../../src/db/migrate';

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-mig-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('applies every migration to an empty database and records them', () => {
    const db = openDatabase(path.join(dir, 'a.sqlite'));
    const applied = migrate(db);
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['users', 'user_roles', 'schools', 'sessions', 'audit_log', 'api_tokens', 'settings', 'schema_migrations']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('applies nothing twice to an existing database, and only new files later', () => {
    const file = path.join(dir, 'b.sqlite');
    let db = openDatabase(file);
    migrate(db);
    db.prepare("INSERT INTO schools (code, name, type, created_at) VALUES ('12345678', 'Kvar', 'grundskola', 'now')").run();
    db.close();

    db = openDatabase(file);
    expect(migrate(db)).toEqual([]);
    const extra = [...readMigrations(), { version: 999, name: '999_test_extra', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY);' }];
    expect(migrate(db, extra)).toEqual(['999_test_extra']);
    expect(db.prepare('SELECT name FROM schools').pluck().get()).toBe('Kvar');
    db.close();
  });

  it('rolls back a failing migration whole', () => {
    const db = openDatabase(path.join(dir, 'c.sqlite'));
    migrate(db);
    const bad = [...readMigrations(), { version: 998, name: '998_bad', sql: 'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM schema_migrations WHERE version = 998').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(path.join(dir, 'd.sqlite'));
    migrate(db);
    db.prepare("INSERT INTO audit_log (at, actor, action, outcome) VALUES ('t', 'x', 'a', 'success')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('011 undoes confirmations that were already false: a nil report with active flags, a confirmation older than the upload', () => {
    const db = openDatabase(path.join(dir, 'c.sqlite'));
    migrate(
      db,
      readMigrations().filter((m) => m.version < 11),
    );
    const now = '2026-01-16T10:00:00.000Z';
    db.exec(`INSERT INTO schools (id, code, name, type, created_at) VALUES (1, '11111111', 'A', 'grundskola', '${now}'), (2, '22222222', 'B', 'grundskola', '${now}'), (3, '33333333', 'C', 'grundskola', '${now}');
      INSERT INTO rounds (id, name, break_type, term_start, window_days, state, created_at) VALUES (1, 'VT2026', 'christmas', '2026-01-12', 5, 'open', '${now}');
      INSERT INTO rule_sets (version, rules, created_at) VALUES (1, '[]', '${now}');
      INSERT INTO pupils (id, personal_number, created_at, updated_at) VALUES (1, '20100101-2382', '${now}', '${now}');`);
    const upload =
      db.prepare(`INSERT INTO uploads (round_id, school_id, uploaded_by_label, uploaded_at, file_name, size_bytes, sha256, format, shape, header_row, column_mapping, report, pupils, rows, days)
      VALUES (1, ?, 'x', ?, 'a.csv', 1, 'h', 'csv', 'daily', 1, '{}', '{}', 1, 1, 1)`);
    upload.run(1, '2026-01-16T09:00:00.000Z');
    upload.run(2, '2026-01-16T11:00:00.000Z');
    upload.run(3, '2026-01-16T09:00:00.000Z');
    db.exec(`INSERT INTO flags (round_id, pupil_id, school_id, rule_id, rule_set_version, severity, evidence, explanation, first_flagged_at, evaluated_at)
      VALUES (1, 1, 1, 'absent', 1, 'high', '{}', 'x', '${now}', '${now}')`);
    const confirm = db.prepare(
      `INSERT INTO school_reports (round_id, school_id, confirmed_at, confirmed_by_label, statement, nil_report, flagged_pupils) VALUES (1, ?, '${now}', 'x', 'Klart.', ?, 0)`,
    );
    confirm.run(1, 1); // nil report, but school 1 has an active flag
    confirm.run(2, 1); // confirmed at 10:00, its current upload is from 11:00
    confirm.run(3, 1); // a true nil report: stays
    migrate(db);
    expect(db.prepare('SELECT school_id, upload_id FROM school_reports').raw().all()).toEqual([[3, 3]]);
    expect(db.prepare('SELECT school_id, reason, confirmed_at FROM school_report_resets ORDER BY school_id').raw().all()).toEqual([
      [1, 'nil_with_flags', now],
      [2, 'upload', now],
    ]);
    db.close();
  });
});
