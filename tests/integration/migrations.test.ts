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
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'user_roles', 'schools', 'sessions', 'audit_log', 'api_tokens', 'settings', 'schema_migrations']),
    );
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
});
