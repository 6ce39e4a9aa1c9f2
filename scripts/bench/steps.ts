/**
 * The measured steps of the import benchmark. Each runs in its own child process (see
 * import.ts), times only the work being compared (not module loading or set-up) and
 * reports its peak RSS from process.resourceUsage() at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import type { ImportReport } from '../../src/imports/import-report';
import { WINDOW } from './generate';

export const STEPS = ['csv-parse', 'exceljs', 'import', 'preview'] as const;
export type StepName = (typeof STEPS)[number];

export interface StepResult {
  step: StepName;
  file: string;
  /** Records (csv-parse) or rows (exceljs) seen, header included; data rows for the import. */
  rows: number;
  seconds: number;
  /** CPU time (user + system, all threads) of the timed part: less sensitive to other load. */
  cpuSeconds: number;
  maxRssKb: number;
  /** Anything checked on the way, for the report (import: status and counts). */
  check?: Record<string, unknown>;
}

export interface StepArgs {
  step: StepName;
  file: string;
  /** Scratch folder of this run (the import's data dir). */
  work: string;
  expect: { pupils: number; rows: number; days: number };
}

/** Late enough that every day of the observation window has happened. */
const CLOCK_AT = new Date('2026-09-15T10:00:00Z');

export async function runStep(a: StepArgs): Promise<StepResult> {
  switch (a.step) {
    case 'csv-parse':
      return csvParseAlone(a);
    case 'exceljs':
      return exceljsAlone(a);
    case 'import':
    case 'preview':
      return fullImport(a);
  }
}

/** Start of the timed part: wall clock and CPU usage. */
interface Start {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

function start(): Start {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function finish(a: StepArgs, rows: number, started: Start, check?: Record<string, unknown>): StepResult {
  const seconds = (performance.now() - started.wall) / 1000;
  const cpu = process.cpuUsage(started.cpu);
  return {
    step: a.step,
    file: path.basename(a.file),
    rows,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssKb: process.resourceUsage().maxRSS,
    check,
  };
}

/**
 * csv-parse alone with the options our reader uses (';', relaxed column count and
 * quotes, BOM skipped), streamed from the file with Node's default 64 KB reads and
 * every record consumed with read(), the cheapest way to take records off the parser.
 * (Our reader reads 64 KB at a time too, see docs/benchmarks.md.)
 */
async function csvParseAlone(a: StepArgs): Promise<StepResult> {
  const started = start();
  let records = 0;
  let chars = 0;
  await new Promise<void>((resolve, reject) => {
    const parser = parse({ delimiter: ';', bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
    parser.on('readable', () => {
      let r: string[] | null;
      while ((r = parser.read() as string[] | null) !== null) {
        records++;
        chars += r.length;
      }
    });
    parser.on('end', resolve);
    parser.on('error', reject);
    const source = fs.createReadStream(a.file);
    source.on('error', reject);
    source.pipe(parser);
  });
  return finish(a, records, started, { fields: chars });
}

/**
 * exceljs's streaming reader alone on the same file: worksheets emitted, shared strings
 * cached; styles cached too, as the import needs them to recognise date cells (and as
 * our reader asks for them), so both sides do the same parsing work.
 */
async function exceljsAlone(a: StepArgs): Promise<StepResult> {
  const started = start();
  let rows = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(a.file), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      const values = row.values as unknown[];
      for (let i = 1; i < values.length; i++) if (values[i] !== undefined) cells++;
    }
  }
  return finish(a, rows, started, { cells });
}

/**
 * The real import on a fresh data dir: school, round, then ImportService.importFile
 * (read, validate, commit in one SQLite transaction, raw file kept, then the round's
 * rules re-evaluated). Only importFile is timed. A rejected file or wrong counts fail the step: a benchmark that measures a
 * rejection measures nothing.
 */
async function fullImport(a: StepArgs): Promise<StepResult> {
  const dataDir = path.join(a.work, 'data');
  const config = loadConfig({
    NODE_ENV: 'test',
    SAKNAD_DATA_DIR: dataDir,
    SAKNAD_IMPORT_MAX_ROWS: '2000000',
    SAKNAD_UPLOAD_MAX_MB: '1024',
  });
  const { services } = bootstrap(config, () => new Date(CLOCK_AT));
  try {
    const actor = systemActor('bench');
    const school = services.schools.create(actor, { code: '12345678', name: 'Benchskolan', type: 'grundskola' });
    const round = services.rounds.create(actor, { name: 'Bench', breakType: 'summer', termStart: '2026-08-18' });
    const window = services.rounds.windowDates(round);
    if (window.join() !== WINDOW.join()) throw new Error(`unexpected observation window ${window.join(', ')}`);
    const req = { roundId: round.id, schoolCode: school.code, filePath: a.file, fileName: path.basename(a.file) };

    // importFile re-evaluates the round after the commit (RoundEvaluation.evaluateRound,
    // its `evaluation` dependency). It stays in the timed import, as the user waits for
    // it; timing it apart shows how much of the import it is.
    let rulesSeconds = 0;
    let flaggedPupils: number | null = null;
    const evaluation = services.evaluation;
    const evaluateRound = evaluation.evaluateRound.bind(evaluation);
    evaluation.evaluateRound = (actor, roundId) => {
      const t = performance.now();
      try {
        const summary = evaluateRound(actor, roundId);
        flaggedPupils = summary.flaggedPupils;
        return summary;
      } finally {
        rulesSeconds += (performance.now() - t) / 1000;
      }
    };

    const started = start();
    const report: ImportReport = a.step === 'import' ? await services.imports.importFile(actor, req) : (await services.imports.preview(actor, req)).report;
    const result = finish(a, report.rows, started);

    const want = a.step === 'import' ? 'committed' : 'preview';
    const problems: string[] = [];
    if (report.status !== want) problems.push(`status ${report.status}, expected ${want}`);
    if (report.errorCount) problems.push(`${report.errorCount} errors, first: ${report.errors[0]?.message}`);
    for (const k of ['pupils', 'rows', 'days'] as const) {
      if (report[k] !== a.expect[k]) problems.push(`report.${k} = ${report[k]}, expected ${a.expect[k]}`);
    }
    let stored: { pupils: number; days: number } | null = null;
    if (a.step === 'import') {
      // Count what was actually committed, straight from the database file.
      const db = new Database(config.databaseFile, { readonly: true });
      try {
        stored = {
          pupils: db.prepare('SELECT count(*) FROM roster WHERE round_id = ?').pluck().get(round.id) as number,
          days: db.prepare('SELECT count(*) FROM attendance WHERE round_id = ?').pluck().get(round.id) as number,
        };
      } finally {
        db.close();
      }
      if (stored.pupils !== a.expect.pupils) problems.push(`roster has ${stored.pupils} pupils, expected ${a.expect.pupils}`);
      if (stored.days !== a.expect.days) problems.push(`attendance has ${stored.days} days, expected ${a.expect.days}`);
    }
    if (problems.length) throw new Error(`import of ${path.basename(a.file)} did not go through: ${problems.join('; ')}`);
    result.check = {
      rulesSeconds,
      flaggedPupils,
      status: report.status,
      pupils: report.pupils,
      rows: report.rows,
      days: report.days,
      stored,
      warnings: report.warnings.length,
      reportedShare: report.reportedShare,
      shape: report.shape,
      encoding: report.encoding,
    };
    return result;
  } finally {
    services.close();
  }
}
