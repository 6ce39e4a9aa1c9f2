/**
 * How long the evaluation after a watch-list or follow-up change takes on a large round
 * (issue 19: "evaluation after watch-list or follow-up changes too, if it can take more
 * than 50 ms"). `npx tsx scripts/bench/evaluation.ts [pupils]` (default 60,000): imports
 * a generated daily file of that many pupils (3 schools, 10 days, every 40th pupil absent),
 * then times RoundEvaluation.evaluateRound alone and a watch-list entry (which evaluates
 * the round), 5 runs each. Results: docs/benchmarks.md. Synthetic personal numbers, temp folder only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { makePupils, mulberry32, WINDOW } from './generate';

const PUPILS = Number(process.argv[2] ?? 60_000);
const SCHOOLS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-bench-eval-'));
  const config = loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: dir, SAKNAD_IMPORT_MAX_ROWS: '2000000', SAKNAD_UPLOAD_MAX_MB: '1024' });
  const { services } = bootstrap(config, () => new Date('2026-09-15T08:00:00Z'));
  const actor = systemActor('bench');
  const pupils = makePupils(PUPILS, mulberry32(19));
  const per = Math.ceil(PUPILS / SCHOOLS);
  for (let s = 0; s < SCHOOLS; s++) {
    const code = String(81000000 + s);
    services.schools.create(actor, { code, name: `Mätskola ${s + 1}`, type: 'grundskola' });
    const lines = ['Personnummer;Förnamn;Efternamn;Klass;Datum;Närvaro'];
    pupils.slice(s * per, (s + 1) * per).forEach((p, i) => {
      const status = i % 40 === 0 ? 'Ogiltig frånvaro' : 'Närvarande';
      for (const day of WINDOW) lines.push(`${p.personalNumber};${p.firstName};${p.lastName};${p.className};${day};${status}`);
    });
    const file = path.join(dir, `${code}.csv`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
  }
  // Rounds take the schools that exist when they are created: make the round now.
  const measured = services.rounds.create(actor, { name: 'HT2026 mätning', breakType: 'summer', termStart: '2026-08-18' });
  for (let s = 0; s < SCHOOLS; s++) {
    const code = String(81000000 + s);
    const report = await services.imports.importFile(actor, {
      roundId: measured.id,
      schoolCode: code,
      filePath: path.join(dir, `${code}.csv`),
      fileName: 'n.csv',
    });
    if (report.status !== 'committed') throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  const evaluate: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    services.evaluation.evaluateRound(actor, measured.id);
    evaluate.push(performance.now() - t);
  }
  const watch: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    services.watchList.add(actor, measured.id, '81000000', { personalNumber: pupils[1 + i]!.personalNumber, reasons: ['pupil_worry'] });
    watch.push(performance.now() - t);
  }
  await services.settle();
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const ms = (xs: number[]) => xs.map((x) => Math.round(x));
  console.log(`evaluateRound, ${PUPILS} pupils: median ${Math.round(median(evaluate))} ms (${ms(evaluate).join(', ')})`);
  console.log(`watch-list entry (evaluates the round): median ${Math.round(median(watch))} ms (${ms(watch).join(', ')})`);
  console.log(JSON.stringify({ pupils: PUPILS, evaluateMs: ms(evaluate), watchListAddMs: ms(watch), cpus: os.cpus().length, loadAverage: os.loadavg()[0] }));
}

void main();
