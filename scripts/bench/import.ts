/**
 * Import benchmark: `npm run bench:import` (results and how to read them: docs/benchmarks.md).
 *
 * Generates, seeded, a daily-shape CSV of 1,000,000 rows (100,000 pupils × 10 school
 * days) and an .xlsx of 200,000 rows (20,000 × 10) in a temp dir, then times in the
 * same run
 *   - the full import (ImportService.importFile: read, validate, commit, and the rules
 *     re-evaluation importFile runs after the commit, reported apart) of each file,
 *   - csv-parse alone on the CSV and exceljs's streaming reader alone on the xlsx,
 * each step in its own child process so that its peak RSS is its own. Everything runs
 * on one thread (the import has one reader since issue 12). Prints rows/s, seconds, CPU
 * seconds, peak RSS and the ratios; the targets are judged on CPU time (user + system),
 * which other load on a shared machine disturbs far less than wall time. The last line
 * is one JSON object with the figures.
 *
 * Options: --runs N (default 5; median time, highest peak RSS), --seed N, --keep (leave
 * the temp dir), --breakdown (also time the preview, i.e. read + validate without the
 * commit), --cpu-prof DIR (write V8 CPU profiles of the import steps to DIR), --order
 * pupil|date (row order of the generated files; default pupil: each pupil's days together).
 * Exit code: 0 all targets met, 1 a target missed, 2 the benchmark itself failed
 * (e.g. the import rejected the file).
 *
 * Internal: `import.ts --step NAME --file F --work DIR --expect JSON` runs one step and
 * prints its result as JSON.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makePupils, mulberry32, writeDailyCsv, writeDailyXlsx, WINDOW, type RowOrder } from './generate';
import { runStep, STEPS, type StepArgs, type StepName, type StepResult } from './steps';

/** Issue 12: CPU-time ratios against the libraries alone, and the CSV import's peak RSS. */
const TARGETS = { csvRatio: 2.5, xlsxRatio: 1.5, peakRssMb: 500 } as const;
const CSV_PUPILS = 100_000;
const XLSX_PUPILS = 20_000;
const DEFAULT_SEED = 20260818;

interface Options {
  runs: number;
  seed: number;
  keep: boolean;
  breakdown: boolean;
  cpuProfDir: string | null;
  order: RowOrder;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { runs: 5, seed: DEFAULT_SEED, keep: false, breakdown: false, cpuProfDir: null, order: 'pupil' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') o.runs = positiveInt(value(), a);
    else if (a === '--seed') o.seed = positiveInt(value(), a);
    else if (a === '--keep') o.keep = true;
    else if (a === '--breakdown') o.breakdown = true;
    else if (a === '--cpu-prof') o.cpuProfDir = path.resolve(value());
    else if (a === '--order') {
      const v = value();
      if (v !== 'pupil' && v !== 'date') throw new Error('--order is pupil or date');
      o.order = v;
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
  return n;
}

// ---------------------------------------------------------------------------------------
// Child side: one step, result as JSON on stdout.

async function child(argv: string[]): Promise<void> {
  const get = (name: string): string => {
    const i = argv.indexOf(name);
    const v = i >= 0 ? argv[i + 1] : undefined;
    if (v === undefined) throw new Error(`missing ${name}`);
    return v;
  };
  const step = get('--step');
  if (!(STEPS as readonly string[]).includes(step)) throw new Error(`unknown step ${step}`);
  const args: StepArgs = {
    step: step as StepName,
    file: get('--file'),
    work: get('--work'),
    expect: JSON.parse(get('--expect')) as StepArgs['expect'],
  };
  const result = await runStep(args);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------------------------------
// Parent side.

interface Job {
  label: string;
  step: StepName;
  file: string;
  expect: StepArgs['expect'];
}

function runChild(job: Job, work: string, cpuProfDir: string | null): Promise<StepResult> {
  fs.mkdirSync(work, { recursive: true });
  const prof =
    cpuProfDir && (job.step === 'import' || job.step === 'preview')
      ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${path.basename(work)}.cpuprofile`]
      : [];
  const args = [...process.execArgv, ...prof, __filename, '--step', job.step, '--file', job.file, '--work', work, '--expect', JSON.stringify(job.expect)];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      fs.rmSync(work, { recursive: true, force: true });
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${job.label} failed (exit ${code}):\n${err.trim() || out.trim()}`));
        return;
      }
      resolve(JSON.parse(last) as StepResult);
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (kb: number): number => Math.round((kb / 1024) * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

interface Summary {
  seconds: number;
  cpuSeconds: number;
  /** Import steps: the part of importFile spent re-evaluating the round's rules. */
  rulesSeconds: number;
  allSeconds: number[];
  peakRssKb: number;
  last: StepResult;
}

function summarise(results: StepResult[]): Summary {
  return {
    seconds: median(results.map((r) => r.seconds)),
    cpuSeconds: median(results.map((r) => r.cpuSeconds)),
    rulesSeconds: median(results.map((r) => Number(r.check?.rulesSeconds ?? 0))),
    allSeconds: results.map((r) => round3(r.seconds)),
    peakRssKb: Math.max(...results.map((r) => r.maxRssKb)),
    last: results[results.length - 1]!,
  };
}

async function main(opts: Options): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-bench-'));
  const cleanup = (): void => {
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const cpus = os.cpus();
    console.log(
      `Saknad import benchmark — Node ${process.version}, ${os.platform()} ${os.arch()}, ` +
        `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM`,
    );
    console.log(`Seed ${opts.seed}, ${opts.runs} run(s) per step (median time, highest peak RSS), temp dir ${tmp}${opts.keep ? ' (kept)' : ''}`);
    const loadBefore = os.loadavg()[0]!;

    // Data, seeded: the same seed gives byte-identical files.
    let t = performance.now();
    const csvFile = path.join(tmp, 'narvaro-daglig.csv');
    const csv = writeDailyCsv(csvFile, makePupils(CSV_PUPILS, mulberry32(opts.seed)), mulberry32(opts.seed + 1), opts.order);
    const csvGen = (performance.now() - t) / 1000;
    t = performance.now();
    const xlsxFile = path.join(tmp, 'narvaro-daglig.xlsx');
    const xlsx = await writeDailyXlsx(xlsxFile, makePupils(XLSX_PUPILS, mulberry32(opts.seed + 2)), mulberry32(opts.seed + 3), opts.order);
    const xlsxGen = (performance.now() - t) / 1000;
    console.log(`Data: ${path.basename(csvFile)} ${int(csv.rows)} rows, ${mb(csv.bytes / 1024)} MB (UTF-8 with BOM, ';'), generated in ${csvGen.toFixed(1)} s`);
    console.log(`      ${path.basename(xlsxFile)} ${int(xlsx.rows)} rows, ${mb(xlsx.bytes / 1024)} MB (shared strings), generated in ${xlsxGen.toFixed(1)} s`);
    console.log(
      `      rows ordered by ${opts.order === 'pupil' ? 'pupil (class, name), then date' : 'date, then pupil'}; ` +
        `window ${WINDOW[0]} – ${WINDOW[WINDOW.length - 1]} (${WINDOW.length} school days), clock 2026-09-15`,
    );

    const csvExpect = { pupils: CSV_PUPILS, rows: csv.rows, days: csv.rows };
    const xlsxExpect = { pupils: XLSX_PUPILS, rows: xlsx.rows, days: xlsx.rows };
    const jobs: Job[] = [
      { label: 'csv-parse alone', step: 'csv-parse', file: csvFile, expect: csvExpect },
      { label: 'CSV full import', step: 'import', file: csvFile, expect: csvExpect },
      { label: 'exceljs alone', step: 'exceljs', file: xlsxFile, expect: xlsxExpect },
      { label: 'XLSX full import', step: 'import', file: xlsxFile, expect: xlsxExpect },
    ];
    if (opts.breakdown) {
      jobs.push(
        { label: 'CSV preview (read + validate)', step: 'preview', file: csvFile, expect: csvExpect },
        { label: 'XLSX preview (read + validate)', step: 'preview', file: xlsxFile, expect: xlsxExpect },
      );
    }
    const results = new Map<string, StepResult[]>(jobs.map((j) => [j.label, []]));
    console.log('');
    // Interleaved (baseline, import, baseline, import, …) so that drift hits both sides.
    for (let run = 1; run <= opts.runs; run++) {
      for (const [i, job] of jobs.entries()) {
        const r = await runChild(job, path.join(tmp, `run${run}-step${i}`), opts.cpuProfDir);
        results.get(job.label)!.push(r);
        console.log(
          `  run ${run}/${opts.runs}  ${pad(job.label, 31)} ${lpad(r.seconds.toFixed(2), 7)} s  (CPU ${lpad(r.cpuSeconds.toFixed(2), 6)} s)  peak RSS ${lpad(mb(r.maxRssKb).toFixed(0), 4)} MB`,
        );
      }
    }

    const s = (label: string): Summary => summarise(results.get(label)!);
    const csvBase = s('csv-parse alone');
    const csvImp = s('CSV full import');
    const xBase = s('exceljs alone');
    const xImp = s('XLSX full import');
    const csvRatio = csvImp.cpuSeconds / csvBase.cpuSeconds;
    const xlsxRatio = xImp.cpuSeconds / xBase.cpuSeconds;
    const csvWallRatio = csvImp.seconds / csvBase.seconds;
    const xlsxWallRatio = xImp.seconds / xBase.seconds;
    const loadAfter = os.loadavg()[0]!;
    const csvRss = mb(csvImp.peakRssKb);
    const pass = {
      csvRatio: csvRatio <= TARGETS.csvRatio,
      xlsxRatio: xlsxRatio <= TARGETS.xlsxRatio,
      peakRss: csvRss < TARGETS.peakRssMb,
    };
    const line = (label: string, sum: Summary, rows: number): void => {
      console.log(
        `${pad(label, 31)} ${lpad(sum.seconds.toFixed(2), 7)} s  ${lpad(int(rows / sum.seconds), 9)} rows/s  (CPU ${lpad(sum.cpuSeconds.toFixed(2), 6)} s)  peak RSS ${lpad(mb(sum.peakRssKb).toFixed(0), 4)} MB`,
      );
    };
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

    console.log('');
    console.log(`CSV, ${int(csv.rows)} rows (${int(CSV_PUPILS)} pupils × ${WINDOW.length} days)`);
    line('  csv-parse alone', csvBase, csv.rows);
    line('  full import', csvImp, csv.rows);
    const cc = csvImp.last.check ?? {};
    const rulesLine = (sum: Summary, base: Summary): void => {
      const without = sum.seconds - sum.rulesSeconds;
      console.log(
        `  of which rules re-evaluation    ${lpad(sum.rulesSeconds.toFixed(2), 7)} s  (read, validate, commit alone: ${without.toFixed(2)} s, ${(without / base.seconds).toFixed(2)} ×)`,
      );
    };
    rulesLine(csvImp, csvBase);
    console.log(
      `  import status ${String(cc.status)}: ${int(Number(cc.pupils))} pupils, ${int(Number(cc.rows))} rows, ${int(Number(cc.days))} days; ` +
        `stored ${JSON.stringify(cc.stored)}; ${String(cc.warnings)} warnings`,
    );
    console.log(`XLSX, ${int(xlsx.rows)} rows (${int(XLSX_PUPILS)} pupils × ${WINDOW.length} days)`);
    line('  exceljs streaming read alone', xBase, xlsx.rows);
    line('  full import', xImp, xlsx.rows);
    const xc = xImp.last.check ?? {};
    rulesLine(xImp, xBase);
    console.log(
      `  import status ${String(xc.status)}: ${int(Number(xc.pupils))} pupils, ${int(Number(xc.rows))} rows, ${int(Number(xc.days))} days; ` +
        `stored ${JSON.stringify(xc.stored)}; ${String(xc.warnings)} warnings`,
    );
    let breakdown: Record<string, unknown> | undefined;
    if (opts.breakdown) {
      const cp = s('CSV preview (read + validate)');
      const xp = s('XLSX preview (read + validate)');
      const csvCommit = csvImp.seconds - csvImp.rulesSeconds - cp.seconds;
      const xlsxCommit = xImp.seconds - xImp.rulesSeconds - xp.seconds;
      console.log('Breakdown (preview = read + validate; commit etc. = import − rules − preview, medians)');
      line('  CSV preview', cp, csv.rows);
      console.log(`  CSV commit, hash, copy       ${lpad(csvCommit.toFixed(2), 7)} s`);
      line('  XLSX preview', xp, xlsx.rows);
      console.log(`  XLSX commit, hash, copy      ${lpad(xlsxCommit.toFixed(2), 7)} s`);
      breakdown = {
        csvPreviewSeconds: round3(cp.seconds),
        csvCommitSeconds: round3(csvCommit),
        csvPreviewPeakRssMb: mb(cp.peakRssKb),
        xlsxPreviewSeconds: round3(xp.seconds),
        xlsxCommitSeconds: round3(xlsxCommit),
        xlsxPreviewPeakRssMb: mb(xp.peakRssKb),
      };
    }
    console.log('');
    console.log('Targets (CPU time)');
    console.log(`  CSV full import / csv-parse alone     ${csvRatio.toFixed(2)} ×  (≤ ${TARGETS.csvRatio.toFixed(1)} ×)  ${verdict(pass.csvRatio)}`);
    console.log(`  XLSX full import / exceljs alone      ${xlsxRatio.toFixed(2)} ×  (≤ ${TARGETS.xlsxRatio.toFixed(1)} ×)  ${verdict(pass.xlsxRatio)}`);
    console.log(`  peak RSS, 1,000,000-row CSV import    ${csvRss.toFixed(0)} MB  (< ${TARGETS.peakRssMb} MB)  ${verdict(pass.peakRss)}`);
    console.log(
      `  (wall-time ratios, disturbed by other load: CSV ${csvWallRatio.toFixed(2)} ×, XLSX ${xlsxWallRatio.toFixed(2)} ×; ` +
        `1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${cpus.length} CPUs)`,
    );

    const json = {
      csv: {
        rows: csv.rows,
        pupils: CSV_PUPILS,
        fileMb: mb(csv.bytes / 1024),
        importSeconds: round3(csvImp.seconds),
        csvParseSeconds: round3(csvBase.seconds),
        ratio: round3(csvWallRatio),
        rulesSeconds: round3(csvImp.rulesSeconds),
        ratioWithoutRules: round3((csvImp.seconds - csvImp.rulesSeconds) / csvBase.seconds),
        importCpuSeconds: round3(csvImp.cpuSeconds),
        csvParseCpuSeconds: round3(csvBase.cpuSeconds),
        cpuRatio: round3(csvRatio),
        rowsPerSecond: Math.round(csv.rows / csvImp.seconds),
        csvParseRowsPerSecond: Math.round(csv.rows / csvBase.seconds),
        peakRssMb: csvRss,
        csvParsePeakRssMb: mb(csvBase.peakRssKb),
        importRuns: csvImp.allSeconds,
        csvParseRuns: csvBase.allSeconds,
      },
      xlsx: {
        rows: xlsx.rows,
        pupils: XLSX_PUPILS,
        fileMb: mb(xlsx.bytes / 1024),
        importSeconds: round3(xImp.seconds),
        exceljsSeconds: round3(xBase.seconds),
        ratio: round3(xlsxWallRatio),
        rulesSeconds: round3(xImp.rulesSeconds),
        ratioWithoutRules: round3((xImp.seconds - xImp.rulesSeconds) / xBase.seconds),
        importCpuSeconds: round3(xImp.cpuSeconds),
        exceljsCpuSeconds: round3(xBase.cpuSeconds),
        cpuRatio: round3(xlsxRatio),
        rowsPerSecond: Math.round(xlsx.rows / xImp.seconds),
        exceljsRowsPerSecond: Math.round(xlsx.rows / xBase.seconds),
        peakRssMb: mb(xImp.peakRssKb),
        exceljsPeakRssMb: mb(xBase.peakRssKb),
        importRuns: xImp.allSeconds,
        exceljsRuns: xBase.allSeconds,
      },
      ...(breakdown ? { breakdown } : {}),
      targets: TARGETS,
      pass: { ...pass, all: pass.csvRatio && pass.xlsxRatio && pass.peakRss },
      runs: opts.runs,
      seed: opts.seed,
      order: opts.order,
      node: process.version,
      cpus: cpus.length,
      loadAverage: { before: round3(loadBefore), after: round3(loadAfter) },
    };
    console.log(JSON.stringify(json));
    return json.pass.all ? 0 : 1;
  } finally {
    cleanup();
  }
}

const argv = process.argv.slice(2);
if (argv.includes('--step')) {
  child(argv).catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(2);
  });
} else {
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  main(opts).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error(message);
      console.log(JSON.stringify({ error: message.split('\n')[0] }));
      process.exit(2);
    },
  );
}
