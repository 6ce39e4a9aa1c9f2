import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WINDOW } from '../../scripts/bench/generate';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig, type Config } from '../../src/config';
import { writeBigExport } from '../helpers/big-export';
import { admin } from '../helpers/test-env';

/**
 * Crash safety of an import (issue 13): a child process imports a 20,000-pupil file
 * through the real ImportService on a real SQLite file and is killed with SIGKILL at
 * points spread over the import. After each kill the data folder is opened as the server
 * opens it (bootstrap, which evaluates pending rounds and sweeps leftover files) and must
 * hold no trace of the kill: the database intact, every stored upload with its audit
 * entry and raw file, no raw file without an upload, and the stored flags and cases
 * exactly what a fresh evaluation of the round gives.
 * The export is tests/helpers/big-export.ts (generated personal numbers, see there).
 */
const CHILD = path.join(__dirname, '..', 'helpers', 'import-child.ts');
const PUPILS = 20_000;
const TIMED_KILLS = 8;
/** Milliseconds after the commit's "evaluation pending" mark appears. */
const MARK_KILLS = [0, 0, 50, 150];
const SCHOOL = '11111111';
/** The test clock's day (tests/helpers/test-env.ts): parent and child evaluate on the same day. */
const NOW = '2026-09-15T08:00:00Z';

interface Run {
  killed: boolean;
  /** From "ready" (services built, the import about to start) to the exit or the kill. */
  ms: number;
  output: string;
}

/** When to kill: a time after "ready", or a time after the round's "evaluation pending" mark appears. */
type Kill = { afterMs: number } | { afterMarkMs: number } | null;

function runChild(config: Config, roundId: number, file: string, kill: Kill): Promise<Run> {
  return new Promise((resolve, reject) => {
    // node with tsx's loader, not the tsx launcher: SIGKILL must hit the process that imports.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, config.dataDir, String(roundId), SCHOOL, file, NOW], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let readyAt = 0;
    const timers: NodeJS.Timeout[] = [];
    const killIn = (ms: number) => timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
    let watch: Database.Database | null = null;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (readyAt || !output.includes('ready\n')) return;
      readyAt = Date.now();
      if (kill && 'afterMs' in kill) killIn(kill.afterMs);
      if (kill && 'afterMarkMs' in kill) {
        // The commit's transaction wrote the mark; the evaluation has not removed it yet.
        watch = new Database(config.databaseFile, { readonly: true });
        const poll = setInterval(() => {
          if (watch!.prepare('SELECT count(*) FROM round_evaluation_pending').pluck().get() === 0) return;
          clearInterval(poll);
          killIn(kill.afterMarkMs);
        }, 2);
        timers.push(poll);
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = readyAt ? Date.now() - readyAt : 0;
      for (const t of timers) clearTimeout(t);
      watch?.close();
      if (signal === 'SIGKILL') return resolve({ killed: true, ms, output });
      if (code !== 0 || !output.includes('done committed')) return reject(new Error(`child failed (${code}): ${output}`));
      resolve({ killed: false, ms, output });
    });
  });
}

describe('import: killed with SIGKILL at any point, nothing is half stored', () => {
  let dir: string;
  let config: Config;
  let roundId: number;
  const files: string[] = [];
  const clock = () => new Date(NOW);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-kill-'));
    config = loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: dir });
    const { services } = bootstrap(config, clock);
    services.schools.create(admin, { code: SCHOOL, name: 'Alfaskolan', type: 'grundskola' });
    roundId = services.rounds.create(admin, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18' }).id;
    expect(services.rounds.windowDates(services.rounds.get(admin, roundId))).toEqual(WINDOW);
    services.close();
    // Two versions of the export: each re-upload changes who is flagged, so a lost evaluation shows.
    for (const offset of [0, 1]) {
      const file = path.join(dir, `export-${offset}.csv`);
      writeBigExport(file, PUPILS, offset);
      files.push(file);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Opens the folder as the server does and checks every promise of a crash-safe import. */
  function checkAfterRestart(): { uploads: number; evaluated: number[]; removed: { rawFiles: number; tmpFiles: number } } {
    const { services, evaluated, removed } = bootstrap(config, clock, { sweepFiles: true, rawFileGraceMs: 0 });
    const db = new Database(config.databaseFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM round_evaluation_pending').pluck().get()).toBe(0);
      const uploads = db.prepare('SELECT id, raw_file AS rawFile FROM uploads ORDER BY id').all() as { id: number; rawFile: string | null }[];
      const audited = new Set(db.prepare("SELECT object_id FROM audit_log WHERE action = 'import.commit'").pluck().all() as string[]);
      for (const u of uploads) {
        expect(audited.has(String(u.id))).toBe(true);
        expect(u.rawFile).not.toBeNull();
        expect(fs.existsSync(path.join(config.dataDir, u.rawFile!))).toBe(true);
      }
      const onDisk = fs.readdirSync(path.join(config.dataDir, 'uploads', `round-${roundId}`)).map((f) => path.join('uploads', `round-${roundId}`, f));
      expect(onDisk.sort()).toEqual(uploads.map((u) => u.rawFile).sort());
      const tmp = path.join(config.dataDir, 'tmp');
      expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
      db.close();
      // A fresh evaluation and case sync find nothing to change: what is stored is current.
      const fresh = services.evaluation.evaluateRound(admin, roundId);
      expect(fresh.flags).toMatchObject({ new: 0, updated: 0, cleared: 0 });
      if (uploads.length) expect(fresh.flags.active).toBe(PUPILS / 40);
      expect(services.cases.syncRound(admin, roundId)).toEqual({ created: 0, changed: 0, seenElsewhere: 0 });
      return { uploads: uploads.length, evaluated, removed };
    } finally {
      if (db.open) db.close();
      services.close();
    }
  }

  it(`survives ${TIMED_KILLS + MARK_KILLS.length} kills spread over a ${PUPILS}-pupil import`, async () => {
    // One run to the end: how long an import takes on this machine.
    const full = await runChild(config, roundId, files[0]!, null);
    expect(full.killed).toBe(false);
    expect(checkAfterRestart().uploads).toBe(1);
    const importMs = full.ms;
    // A leftover from a web preview that was never confirmed: gone after the restart.
    fs.mkdirSync(path.join(config.dataDir, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(config.dataDir, 'tmp', 'left-by-multer'), 'x');

    const kills: Kill[] = [
      // From just after the start to a quarter past the end of an uninterrupted import (the
      // machine's load varies): reading, writing the raw file, committing, evaluating.
      ...Array.from({ length: TIMED_KILLS }, (_, k) => ({ afterMs: Math.round((1.25 * importMs * (k + 0.5)) / TIMED_KILLS) })),
      // Between the commit and the end of the evaluation, where a lost evaluation would hide.
      ...MARK_KILLS.map((afterMarkMs) => ({ afterMarkMs })),
    ];
    const outcomes: { kill: string; killed: boolean; stage: string }[] = [];
    let uploads = 1;
    for (const [k, kill] of kills.entries()) {
      const run = await runChild(config, roundId, files[(k + 1) % 2]!, kill);
      const after = checkAfterRestart();
      expect([uploads, uploads + 1]).toContain(after.uploads);
      const stage = after.uploads === uploads ? 'before commit' : after.evaluated.length ? 'after commit, before evaluation' : 'after evaluation';
      const at = 'afterMs' in kill! ? `${kill.afterMs} ms` : `${kill!.afterMarkMs} ms after the commit`;
      outcomes.push({ kill: at, killed: run.killed, stage: `${stage}${after.removed.rawFiles ? ` (${after.removed.rawFiles} raw file swept)` : ''}` });
      uploads = after.uploads;
    }
    // Shown with --verbose; which stage each timed kill hits varies with the machine's load.
    console.log(`import ${importMs} ms; kills:\n${outcomes.map((o) => `${o.kill}: ${o.killed ? 'killed' : 'finished'} ${o.stage}`).join('\n')}`);
    expect(outcomes.filter((o) => o.killed).length).toBeGreaterThanOrEqual(kills.length / 2);
    expect(outcomes.filter((o) => o.killed && o.stage.startsWith('before commit')).length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.killed && o.stage.startsWith('after commit, before evaluation')).length).toBeGreaterThan(0);
  }, 115_000);
});
