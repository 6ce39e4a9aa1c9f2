/**
 * Rules benchmark: `npm run bench:rules` (results: docs/benchmarks.md).
 *
 * Seeds (deterministically) a round of 100,000 pupils × 10 school days across 40 schools,
 * plus the previous round's rosters and some of its flags, straight into a fresh SQLite
 * file; then times, in the same run,
 *   - the full evaluation (RoundEvaluation.evaluateRound: facts, rules, siblings, vanished
 *     pupils, writing the flags in one transaction), first and repeated, and
 *   - a plain SQL aggregate over the same stored attendance (counts per pupil and status
 *     from each pupil's row of day letters), the floor any evaluation must read past.
 * The last line is one JSON object with the figures. Personal numbers here are synthetic
 * (year 2999, never valid) and exist only in the temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/connection';
import { mulberry32 } from './generate';
import { DEFAULT_RULES } from '../../src/rules/engine/default-rules';
import { encodeDays } from '../../src/imports/import-repository';
import { RANK } from '../../src/imports/interpret/pupil-record';
import type { Status } from '../../src/imports/normalise';
import { daysBetween } from '../../src/rounds/reminder-schedule';

const PUPILS = 100_000;
const SCHOOLS = 40;
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-24', '2026-08-25', '2026-08-26', '2026-08-27', '2026-08-28', '2026-08-31'];
const SEED = 20260818;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-bench-rules-'));
  const config = loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: dir });
  const clock = () => new Date('2026-09-15T08:00:00Z');
  const { services } = bootstrap(config, clock);
  const actor = systemActor('bench');
  const t0 = performance.now();
  for (let s = 0; s < SCHOOLS; s++) services.schools.create(actor, { code: String(80000000 + s), name: `Benchskola ${s + 1}`, type: 'grundskola' });
  const previous = services.rounds.create(actor, { name: 'VT2026 efter jullovet', breakType: 'christmas', termStart: '2026-01-12' });
  const round = services.rounds.create(actor, { name: 'HT2026 efter sommarlovet', breakType: 'summer', termStart: '2026-08-18' });
  services.close();

  // Bulk seeding through SQL: the benchmark measures evaluation, not the import.
  const db = openDatabase(config.databaseFile);
  const rand = mulberry32(SEED);
  const now = clock().toISOString();
  db.transaction(() => {
    const pupil = db.prepare('INSERT INTO pupils (id, personal_number, created_at, updated_at) VALUES (?, ?, ?, ?)');
    // Names and guardians are kept per school (migration 013).
    const name = db.prepare('INSERT INTO school_pupils (school_id, pupil_id, first_name, last_name, updated_at) VALUES (?, ?, ?, ?, ?)');
    const guardian = db.prepare('INSERT INTO school_guardians (school_id, pupil_id, guardian_personal_number) VALUES (?, ?, ?)');
    const upload = db.prepare(
      `INSERT INTO uploads (id, round_id, school_id, uploaded_by_label, uploaded_at, file_name, size_bytes, sha256, format, shape, header_row, column_mapping, report, pupils, rows, days)
       VALUES (?, ?, ?, 'bench', ?, 'bench.csv', 0, '', 'csv', 'daily', 1, '{}', '{}', 0, 0, 0)`,
    );
    const roster = db.prepare('INSERT INTO roster (round_id, school_id, pupil_id, upload_id, class_name, source_row) VALUES (?, ?, ?, ?, ?, ?)');
    // As the import stores them: one row per pupil (migration 009).
    const days = db.prepare('INSERT INTO pupil_attendance (round_id, school_id, pupil_id, first_date, codes, source_rows) VALUES (?, ?, ?, ?, ?, ?)');
    const offsets = DAYS.map((d) => daysBetween(DAYS[0]!, d));
    const dayRanks = new Uint8Array(DAYS.length);
    const dayRows = new Int32Array(DAYS.length);
    const flag = db.prepare(
      `INSERT INTO flags (round_id, pupil_id, school_id, rule_id, rule_set_version, severity, evidence, explanation, first_flagged_at, evaluated_at, cleared_at, cleared_reason)
       VALUES (?, ?, ?, 'unexplained-absence', 1, 'medium', '{}', 'bench', ?, ?, ?, 'bench')`,
    );
    db.prepare('INSERT INTO rule_sets (version, rules, created_at) VALUES (1, ?, ?)').run(JSON.stringify(DEFAULT_RULES), now);
    for (let s = 1; s <= SCHOOLS; s++) {
      upload.run(s, previous.id, s, now);
      upload.run(SCHOOLS + s, round.id, s, now);
    }
    // 0.5 % of last round's pupils are on no roster now; 1 % of pupils have flags from last round.
    for (let p = 1; p <= PUPILS; p++) {
      const school = ((p - 1) % SCHOOLS) + 1;
      pupil.run(p, `2999${String(p).padStart(8, '0')}`, now, now);
      name.run(school, p, 'Bench', `Elev ${p}`, now);
      guardian.run(school, p, `G${Math.ceil(p / 2)}`); // siblings: pairs share a guardian
      roster.run(previous.id, school, p, school, '7A', p + 1);
      if (rand() < 0.01) flag.run(previous.id, p, school, now, now, now);
      if (rand() < 0.005) continue;
      roster.run(round.id, school, p, SCHOOLS + school, '8A', p + 1);
      // Most pupils come back; some are away a while; a few never come.
      const kind = rand();
      DAYS.forEach((_d, i) => {
        let status: Status = 'present';
        if (kind < 0.01) status = 'unexplained';
        else if (kind < 0.03) status = i < 5 ? 'valid' : 'present';
        else if (kind < 0.06) status = rand() < 0.4 ? 'unexplained' : 'present';
        else if (rand() < 0.03) status = 'not_reported';
        dayRanks[i] = RANK[status];
        dayRows[i] = p * 10 + i;
      });
      const coded = encodeDays({ dayRanks, dayRows }, offsets)!;
      days.run(round.id, school, p, DAYS[0], coded.codes, coded.sourceRows);
    }
  })();
  // Days stored (the attendance view has one row per pupil and day).
  const attendanceRows = db.prepare('SELECT count(*) FROM attendance WHERE round_id = ?').pluck().get(round.id) as number;
  db.close();
  const seedSeconds = (performance.now() - t0) / 1000;

  const { services: svc } = bootstrap(config, clock);
  const db2 = openDatabase(config.databaseFile);
  const floorStmt = db2.prepare(
    `SELECT school_id, pupil_id, ${['p', 'v', 'x', 'u', 'n'].map((l) => `length(codes) - length(replace(codes, '${l}', ''))`).join(', ')}
       FROM pupil_attendance WHERE round_id = ?`,
  );
  const floorTimes: number[] = [];
  const evalTimes: number[] = [];
  let first = 0;
  let summary = null as ReturnType<typeof svc.evaluation.evaluateRound> | null;
  for (let run = 0; run < 3; run++) {
    let t = performance.now();
    const groups = floorStmt.raw().all(round.id).length;
    floorTimes.push((performance.now() - t) / 1000);
    if (groups === 0) throw new Error('no attendance seeded');
    t = performance.now();
    summary = svc.evaluation.evaluateRound(actor, round.id);
    const s = (performance.now() - t) / 1000;
    if (run === 0) first = s;
    else evalTimes.push(s);
  }
  const evaluation = median(evalTimes);
  const floor = median(floorTimes);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `Seeded ${PUPILS.toLocaleString('sv-SE')} pupils × ${DAYS.length} days across ${SCHOOLS} schools (${attendanceRows.toLocaleString('sv-SE')} attendance rows) plus a previous round in ${seedSeconds.toFixed(1)} s.`,
  );
  console.log(`Flagged pupils: ${summary!.flaggedPupils}; active flags: ${summary!.flags.active}.`);
  console.log(`First evaluation (writes every flag):  ${first.toFixed(2)} s`);
  console.log(`Re-evaluation (median of 2):           ${evaluation.toFixed(2)} s`);
  console.log(`Plain SQL aggregate (median of 3):     ${floor.toFixed(2)} s`);
  console.log(`Ratio re-evaluation / SQL aggregate:   ${(evaluation / floor).toFixed(2)}`);
  console.log(`Peak RSS of the process:               ${rssMb} MB`);
  svc.close();
  db2.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      pupils: PUPILS,
      schools: SCHOOLS,
      days: DAYS.length,
      attendanceRows,
      flaggedPupils: summary!.flaggedPupils,
      activeFlags: summary!.flags.active,
      firstEvaluationSeconds: +first.toFixed(3),
      evaluationSeconds: +evaluation.toFixed(3),
      sqlAggregateSeconds: +floor.toFixed(3),
      ratio: +(evaluation / floor).toFixed(2),
      firstRatio: +(first / floor).toFixed(2),
      peakRssMb: rssMb,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
