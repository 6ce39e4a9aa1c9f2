import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, ReadCache, type Db } from '../../src/db';

/** ReadCache: an answer is reused only while nothing it was read from can have changed. */
describe('ReadCache', () => {
  let dir: string;
  let db: Db;
  let other: Db;
  let cache: ReadCache<number>;
  let reads: number;
  const total = () => cache.get('sum', () => (reads++, db.prepare('SELECT coalesce(sum(n), 0) FROM a').pluck().get() as number));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-cache-'));
    db = openDatabase(path.join(dir, 'c.sqlite'));
    db.exec('CREATE TABLE a (n INTEGER); CREATE TABLE b (n INTEGER); INSERT INTO a VALUES (1), (2);');
    other = openDatabase(path.join(dir, 'c.sqlite'));
    cache = new ReadCache(db, ['a']);
    reads = 0;
  });
  afterEach(() => {
    db.close();
    other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers from memory while nothing changed, and after writes to tables it does not read', () => {
    expect([total(), total()]).toEqual([3, 3]);
    db.prepare('INSERT INTO b VALUES (5)').run();
    expect(total()).toBe(3);
    expect(reads).toBe(1);
  });

  it.each([
    ['an insert on this connection', (d: Db) => d.prepare('INSERT INTO a VALUES (10)').run(), 13],
    ['an update on this connection', (d: Db) => d.prepare('UPDATE a SET n = n * 10').run(), 30],
    ['a delete on this connection', (d: Db) => d.prepare('DELETE FROM a WHERE n = 1').run(), 2],
  ])('reads again after %s', (_what, write, expected) => {
    expect(total()).toBe(3);
    write(db);
    expect(total()).toBe(expected);
  });

  it.each([
    ['an insert', 'INSERT INTO a VALUES (10)', 13],
    ['an update', 'UPDATE a SET n = n * 10', 30],
    ['a delete', 'DELETE FROM a WHERE n = 1', 2],
  ])('reads again after %s committed by another connection (an import worker)', (_what, sql, expected) => {
    expect(total()).toBe(3);
    other.prepare(sql).run();
    expect(total()).toBe(expected);
  });

  it('remembers nothing inside a transaction, so a rolled-back write is never answered', () => {
    expect(total()).toBe(3);
    try {
      db.transaction(() => {
        db.prepare('INSERT INTO a VALUES (100)').run();
        expect(total()).toBe(103);
        throw new Error('rolled back');
      })();
    } catch {
      // expected
    }
    expect(total()).toBe(3);
  });
});
