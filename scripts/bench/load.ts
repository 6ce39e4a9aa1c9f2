/**
 * Load benchmark: `npm run bench:load` (issue 19; results and how to read them:
 * docs/benchmarks.md).
 *
 * 1. Seeds a temp data dir (load-seed.ts): 100,000 pupils in 40 schools, a summer round
 *    with their flags and cases, one user per role, API tokens.
 * 2. Builds and starts the production server (`node dist/src/server.js`, NODE_ENV=production)
 *    as a child process, with SAKNAD_REPORT_EVENT_LOOP=1 so that it writes its own
 *    event-loop delay and memory once a second (see src/health/event-loop-report.ts).
 * 3. Logs in a user of each role (password and TOTP code) and drives the server with
 *    autocannon (20 connections, 30 s) across the review queue, the round board and its
 *    flag list, the re-check list, case pages and their /api/v1 twins:
 *    - scenario "reads": reads alone;
 *    - scenario "reads+uploads": the same reads while two 1,000-pupil, 10-day school files
 *      are uploaded in a loop through the API, each time timing "upload to flags visible"
 *      (the upload's POST until the school's flag list shows the file's absent pupils).
 * Prints readable lines and ends with ONE JSON object on the last line. Exit code 0 when
 * every target holds, 1 when one is missed, 2 when the benchmark itself failed.
 *
 * Options: --pupils N (100000), --schools N (40), --duration S (30), --connections N (20),
 * --seed N, --keep (leave the temp dir), --no-build (use dist/ as it is),
 * --cpu-prof DIR (the server writes a V8 CPU profile there when it stops).
 * A short smoke run: `--duration 3 --pupils 5000`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { freePort } from '../../tests/helpers/free-port';
import { PROXY_HEADERS, apiGet, login, upload } from './load-http';
import { PASSWORD, ROLES, TOTP_SECRET, markers, seed, writeUploadFile, type BenchRole, type Seeded, type UploadSchool } from './load-seed';
import type { EventLoopSample } from '../../src/health/event-loop-report';

const ROOT = path.resolve(__dirname, '..', '..');
/** Issue 19's targets. */
const TARGETS = { readsP95Ms: 100, readsUnderUploadP95Ms: 250, eventLoopMaxMsUnderUpload: 200, uploadToFlagsP50Ms: 1500 } as const;

interface Options {
  pupils: number;
  schools: number;
  duration: number;
  connections: number;
  seed: number;
  keep: boolean;
  build: boolean;
  cpuProfDir: string | null;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { pupils: 100_000, schools: 40, duration: 30, connections: 20, seed: 20260818, keep: false, build: true, cpuProfDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number`);
      return n;
    };
    if (a === '--pupils') o.pupils = value();
    else if (a === '--schools') o.schools = value();
    else if (a === '--duration') o.duration = value();
    else if (a === '--connections') o.connections = value();
    else if (a === '--seed') o.seed = value();
    else if (a === '--keep') o.keep = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--cpu-prof') o.cpuProfDir = path.resolve(argv[++i] ?? '.');
    else throw new Error(`unknown option ${a}`);
  }
  if (o.schools < 3) throw new Error('--schools must be at least 3 (two of them take the uploads)');
  return o;
}

// ---------------------------------------------------------------------------------------
// The server.

async function startServer(dataDir: string, port: number, cpuProfDir: string | null): Promise<ChildProcess> {
  const prof = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...prof, path.join(ROOT, 'dist', 'src', 'server.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SAKNAD_DATA_DIR: dataDir,
      SAKNAD_PORT: String(port),
      SAKNAD_BASE_URL: `https://localhost:${port}`,
      SAKNAD_SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      SAKNAD_TRUST_PROXY: '1',
      SAKNAD_REPORT_EVENT_LOOP: '1',
      SAKNAD_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server's own lines (warnings and errors: SAKNAD_LOG_LEVEL=warn) go to server.log in
  // the temp dir; the first error lines are printed at the end of a run that had errors.
  let out = '';
  const log = fs.createWriteStream(path.join(dataDir, '..', 'server.log'));
  const take = (d: string) => {
    if (out.length < 100_000) out += d;
    log.write(d);
  };
  child.stdout!.setEncoding('utf8').on('data', take);
  child.stderr!.setEncoding('utf8').on('data', take);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode}):\n${out.slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz within 60 s:\n${out.slice(-2000)}`);
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------
// The reads.

interface ReadRequest {
  label: string;
  path: string | (() => string);
  headers: Record<string, string>;
}

function readMix(s: Seeded, cookies: Record<BenchRole, string>): ReadRequest[] {
  const r = s.roundId;
  const page = (cookie: string) => ({ ...PROXY_HEADERS, cookie });
  const api = (token: string) => ({ ...PROXY_HEADERS, authorization: `Bearer ${token}` });
  let next = 0;
  const aCase = () => s.caseIds[next++ % s.caseIds.length]!;
  const pages = Math.max(1, Math.ceil(s.cases / 50));
  let p = 0;
  const aPage = () => 1 + (p++ % pages);
  return [
    { label: 'queue', path: '/arenden', headers: page(cookies.coordinator) },
    { label: 'queue page N', path: () => `/arenden?page=${aPage()}`, headers: page(cookies.coordinator) },
    { label: 'board', path: `/omgangar/${r}`, headers: page(cookies.coordinator) },
    { label: 'board flags page N', path: () => `/omgangar/${r}?page=${aPage()}`, headers: page(cookies.coordinator) },
    { label: 'board (admin)', path: `/omgangar/${r}`, headers: page(cookies.admin) },
    { label: 'board (principal)', path: `/omgangar/${r}`, headers: page(cookies.principal) },
    { label: 're-check list', path: `/omgangar/${r}/aterkontroll`, headers: page(cookies.coordinator) },
    { label: 'case page', path: () => `/arenden/${aCase()}`, headers: page(cookies.coordinator) },
    { label: 'start (social services)', path: '/socialtjanst', headers: page(cookies.social_services) },
    { label: 'api cases', path: () => `/api/v1/cases?page=${aPage()}`, headers: api(s.tokens.coordinator) },
    { label: 'api board', path: `/api/v1/rounds/${r}/schools`, headers: api(s.tokens.coordinator) },
    { label: 'api flags', path: () => `/api/v1/rounds/${r}/flags?page=${aPage()}`, headers: api(s.tokens.coordinator) },
    { label: 'api flags (principal)', path: `/api/v1/rounds/${r}/flags`, headers: api(s.tokens.principal) },
    { label: 'api case', path: () => `/api/v1/cases/${aCase()}`, headers: api(s.tokens.coordinator) },
  ];
}

interface Latencies {
  all: number[];
  byLabel: Map<string, number[]>;
  errors: number;
  statuses: Map<number, number>;
}

const percentile = (xs: number[], p: number): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function drive(base: string, mix: ReadRequest[], connections: number, duration: number): Promise<Latencies> {
  const lat: Latencies = { all: [], byLabel: new Map(), errors: 0, statuses: new Map() };
  const requests = mix.map((m) => ({
    label: m.label,
    method: 'GET',
    path: typeof m.path === 'string' ? m.path : '/',
    headers: m.headers,
    ...(typeof m.path === 'function' ? { setupRequest: (req: { path: string }) => ({ ...req, path: (m.path as () => string)() }) } : {}),
  }));
  const instance = autocannon({ url: base, connections, duration, requests, timeout: 30 });
  instance.on('response', (client: { requestIterator: { currentRequest: { label?: string } } }, status: number, _bytes: number, ms: number) => {
    const label = client.requestIterator.currentRequest.label ?? '?';
    lat.all.push(ms);
    if (!lat.byLabel.has(label)) lat.byLabel.set(label, []);
    lat.byLabel.get(label)!.push(ms);
    lat.statuses.set(status, (lat.statuses.get(status) ?? 0) + 1);
    if (status !== 200) lat.errors++;
  });
  const result = await instance;
  lat.errors += result.errors + result.timeouts;
  return lat;
}

// ---------------------------------------------------------------------------------------
// The upload loop.

interface UploadTiming {
  ms: number;
  status: number;
}

/** Uploads the school's file again and again (variant A, B, A, …) until `stop()`; times upload → flags visible. */
async function uploadLoop(
  base: string,
  s: Seeded,
  school: UploadSchool,
  dir: string,
  stop: () => boolean,
): Promise<{ timings: UploadTiming[]; failures: string[] }> {
  const timings: UploadTiming[] = [];
  const failures: string[] = [];
  const files = { A: path.join(dir, `${school.code}-A.csv`), B: path.join(dir, `${school.code}-B.csv`) };
  writeUploadFile(files.A, school.pupils, 'A');
  writeUploadFile(files.B, school.pupils, 'B');
  // The seed committed variant A: the loop starts with B so every upload changes the flags.
  let variant: 'A' | 'B' = 'B';
  while (!stop()) {
    const want = new Set(markers(school.pupils, variant).map((p) => p.personalNumber));
    const t = performance.now();
    const up = await upload(base, s.tokens.principal, s.roundId, school.code, files[variant]);
    if (up.status !== 201 && up.status !== 202) {
      failures.push(`upload ${school.code} answered ${up.status}: ${JSON.stringify(up.body).slice(0, 300)}`);
      await sleep(500);
      continue;
    }
    // Visible: the school's flag list holds exactly this variant's absent pupils.
    for (;;) {
      const flags = await apiGet(base, s.tokens.principal, `/api/v1/rounds/${s.roundId}/flags?school=${school.code}&limit=200`);
      const flagged = (flags.body as { flagged?: { school: string; pupil: { personalNumber: string } }[] })?.flagged ?? [];
      const shown = new Set(flagged.filter((f) => f.school === school.code).map((f) => f.pupil.personalNumber));
      if (shown.size === want.size && [...want].every((pn) => shown.has(pn))) break;
      if (performance.now() - t > 60_000) {
        failures.push(`flags of ${school.code} not visible 60 s after the upload`);
        break;
      }
      await sleep(25);
    }
    timings.push({ ms: performance.now() - t, status: up.status });
    variant = variant === 'A' ? 'B' : 'A';
  }
  return { timings, failures };
}

// ---------------------------------------------------------------------------------------
// The server's own report.

function samplesBetween(file: string, from: number, to: number): EventLoopSample[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EventLoopSample)
    .filter((x) => {
      const at = Date.parse(x.at);
      // A sample covers the second before `at`.
      return at > from && at <= to + 1000;
    });
}

interface ScenarioResult {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  eventLoopMaxMs: number;
  peakRssMb: number;
  perPage: Record<string, { requests: number; p50: number; p95: number }>;
  statuses: Record<string, number>;
  uploads?: { count: number; uploadToFlagsP50Ms: number; uploadToFlagsP95Ms: number; failures: string[] };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

function summarise(lat: Latencies, samples: EventLoopSample[]): ScenarioResult {
  const perPage: ScenarioResult['perPage'] = {};
  for (const [label, xs] of lat.byLabel) perPage[label] = { requests: xs.length, p50: r1(percentile(xs, 50)), p95: r1(percentile(xs, 95)) };
  return {
    p50: r1(percentile(lat.all, 50)),
    p95: r1(percentile(lat.all, 95)),
    p99: r1(percentile(lat.all, 99)),
    requests: lat.all.length,
    errors: lat.errors,
    eventLoopMaxMs: r1(Math.max(0, ...samples.map((x) => x.maxMs))),
    peakRssMb: r1(Math.max(0, ...samples.map((x) => x.rss)) / 2 ** 20),
    perPage,
    statuses: Object.fromEntries(lat.statuses),
  };
}

function printScenario(name: string, r: ScenarioResult): void {
  console.log(
    `${name}: ${r.requests} requests, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${r.errors} errors; ` +
      `server event-loop delay max ${r.eventLoopMaxMs} ms, RSS max ${r.peakRssMb} MB`,
  );
  for (const [label, x] of Object.entries(r.perPage))
    console.log(`    ${label.padEnd(26)} ${String(x.requests).padStart(6)} req  p50 ${x.p50} ms  p95 ${x.p95} ms`);
  const odd = Object.entries(r.statuses).filter(([code]) => code !== '200');
  if (odd.length) console.log(`    answers other than 200: ${odd.map(([code, n]) => `${code} × ${n}`).join(', ')}`);
  if (r.uploads)
    console.log(
      `    uploads: ${r.uploads.count}, upload → flags visible p50 ${r.uploads.uploadToFlagsP50Ms} ms, p95 ${r.uploads.uploadToFlagsP95Ms} ms` +
        (r.uploads.failures.length ? `; ${r.uploads.failures.length} failed: ${r.uploads.failures[0]}` : ''),
    );
}

async function main(o: Options): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-load-'));
  const dataDir = path.join(tmp, 'data');
  let server: ChildProcess | null = null;
  try {
    const cpus = os.cpus();
    console.log(
      `Saknad load benchmark — Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
        `${Math.round(os.totalmem() / 2 ** 30)} GB RAM, load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(`Temp dir ${tmp}${o.keep ? ' (kept)' : ''}; ${o.connections} connections × ${o.duration} s per scenario`);
    if (o.build) {
      const t = performance.now();
      const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stdout}${b.stderr}`);
      console.log(`Built dist/ in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    console.log(`Seeding ${o.pupils.toLocaleString('en-US')} pupils in ${o.schools} schools …`);
    const uploadPupils = Math.min(1000, Math.floor(o.pupils / o.schools));
    const s = await seed(dataDir, { pupils: o.pupils, schools: o.schools, uploadPupils, seed: o.seed }, console.log);
    console.log(`Seeded in ${s.seconds.toFixed(1)} s: ${s.flaggedPupils} flagged pupils, ${s.cases} cases`);

    const port = await freePort();
    server = await startServer(dataDir, port, o.cpuProfDir);
    const base = `http://127.0.0.1:${port}`;
    console.log(`Production server (node dist/src/server.js) on port ${port}, pid ${server.pid}`);
    const cookies = {} as Record<BenchRole, string>;
    for (const role of ROLES) cookies[role] = await login(base, s.users[role], PASSWORD, TOTP_SECRET);
    console.log(`Logged in: ${ROLES.join(', ')}`);
    const mix = readMix(s, cookies);
    const report = path.join(dataDir, 'event-loop.jsonl');

    // Warm-up (not measured): compiled templates, prepared statements, JIT.
    await drive(base, mix, 4, 2);

    // Statistics are not in the mix (a report is read now and then, not 20 at a time): one
    // reader, five times each, to show they are aggregated in SQL, not computed per pupil.
    const statistics: Record<string, number> = {};
    for (const [label, url, headers] of [
      ['api statistics', `/api/v1/rounds/${s.roundId}/statistics`, { authorization: `Bearer ${s.tokens.coordinator}` }],
      ['statistics page', `/statistik/omgangar/${s.roundId}`, { cookie: cookies.coordinator }],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const res = await fetch(base + url, { headers: { ...PROXY_HEADERS, ...headers } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - t);
      }
      statistics[label] = r1(percentile(times, 50));
    }
    console.log(
      `Statistics, one reader: ${Object.entries(statistics)
        .map(([k, v]) => `${k} median ${v} ms`)
        .join(', ')}`,
    );

    let t0 = Date.now();
    const readsAlone = await drive(base, mix, o.connections, o.duration);
    await sleep(1100); // the server's report line for the last second
    const alone = summarise(readsAlone, samplesBetween(report, t0, Date.now()));
    printScenario('reads', alone);

    const uploadDir = path.join(tmp, 'upload-files');
    fs.mkdirSync(uploadDir);
    let stopped = false;
    t0 = Date.now();
    const loops = s.uploadSchools.map((school) => uploadLoop(base, s, school, uploadDir, () => stopped));
    const lat = await drive(base, mix, o.connections, o.duration);
    stopped = true;
    const ups = await Promise.all(loops);
    await sleep(1100);
    const withUploads = summarise(lat, samplesBetween(report, t0, Date.now()));
    const times = ups.flatMap((u) => u.timings.map((x) => x.ms));
    const failures = ups.flatMap((u) => u.failures);
    withUploads.uploads = {
      count: times.length,
      uploadToFlagsP50Ms: r1(percentile(times, 50)),
      uploadToFlagsP95Ms: r1(percentile(times, 95)),
      failures,
    };
    withUploads.errors += failures.length;
    printScenario('reads+uploads', withUploads);

    await stopServer(server);
    server = null;
    const all = samplesBetween(report, 0, Date.now());
    const serverPeakRssMb = r1(Math.max(0, ...all.map((x) => x.peakRss)) / 2 ** 20);

    const checks = {
      readsP95: alone.p95 < TARGETS.readsP95Ms,
      readsUnderUploadP95: withUploads.p95 < TARGETS.readsUnderUploadP95Ms,
      noErrors: alone.errors === 0 && withUploads.errors === 0,
      eventLoopUnderUpload: withUploads.eventLoopMaxMs < TARGETS.eventLoopMaxMsUnderUpload,
      uploadToFlags: times.length > 0 && withUploads.uploads.uploadToFlagsP50Ms < TARGETS.uploadToFlagsP50Ms,
    };
    const ok = Object.values(checks).every(Boolean);
    if (!checks.noErrors) {
      const lines = fs
        .readFileSync(path.join(tmp, 'server.log'), 'utf8')
        .split('\n')
        .filter((l) => /"level":(50|60)|Error/.test(l));
      if (lines.length) console.log(`Server errors (${lines.length} lines in server.log), the first:\n  ${lines[0]!.slice(0, 1500)}`);
    }
    console.log(
      `Targets: reads p95 < ${TARGETS.readsP95Ms} ms alone ${checks.readsP95 ? 'met' : 'MISSED'}; < ${TARGETS.readsUnderUploadP95Ms} ms under uploads ` +
        `${checks.readsUnderUploadP95 ? 'met' : 'MISSED'}; 0 errors ${checks.noErrors ? 'met' : 'MISSED'}; event-loop delay < ` +
        `${TARGETS.eventLoopMaxMsUnderUpload} ms under uploads ${checks.eventLoopUnderUpload ? 'met' : 'MISSED'}; upload → flags p50 < ` +
        `${TARGETS.uploadToFlagsP50Ms} ms ${checks.uploadToFlags ? 'met' : 'MISSED'}. Server peak RSS ${serverPeakRssMb} MB.`,
    );
    console.log(
      JSON.stringify({
        pupils: o.pupils,
        schools: o.schools,
        flaggedPupils: s.flaggedPupils,
        cases: s.cases,
        connections: o.connections,
        durationSeconds: o.duration,
        scenarios: { reads: alone, 'reads+uploads': withUploads },
        statisticsMedianMs: statistics,
        serverPeakRssMb,
        targets: TARGETS,
        checks,
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    if (server) await stopServer(server);
    if (!o.keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main(parseOptions(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
    process.exit(2);
  },
);
