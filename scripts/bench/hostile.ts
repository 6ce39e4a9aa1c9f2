/**
 * Hostile-upload benchmark: `npm run bench:hostile` (results: docs/benchmarks.md).
 *
 * Starts the server as in production (NODE_ENV=production, its own process, a fresh data
 * folder), builds an .xlsx of about 8 MB whose xl/sharedStrings.xml unpacks to about
 * 450 MB (a compression ratio near 58: under the zip guard's ratio and total-size checks),
 * and sends it 16 times at once through the JSON API with one principal's token. Reports
 * each answer, whether the server still answers afterwards, and its peak RSS (VmHWM from
 * /proc, sampled RSS as well), as readable lines and, last, one JSON object.
 *
 * Options: --uploads N (default 16), --unpacked-mb N (default 450), --keep (leave the temp
 * folder), and any SAKNAD_* variable in the environment reaches the server (e.g.
 * SAKNAD_XLSX_MAX_SHARED_STRINGS_MB=10000 to see the queue alone hold the load).
 * Exit code: 0 the server stayed up with peak RSS under 1 GB, 1 not, 2 the benchmark failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { freePort } from '../../tests/helpers/free-port';

const PEAK_RSS_LIMIT_MB = 1024;
const root = path.resolve(__dirname, '..', '..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/**
 * The shared-string table: `<si>` entries of a few random characters and a long, fixed
 * note, so that deflate packs them about 58 to 1 (measured, not assumed: the run prints it).
 */
async function writeSharedStrings(file: string, unpackedBytes: number): Promise<{ size: number; packed: number; crc: number }> {
  const out = fs.createWriteStream(file);
  const deflate = createDeflateRaw({ level: 6 });
  deflate.pipe(out);
  const filler = ' Anteckning om närvaro under hösten, förd av klassföreståndaren efter samtal med vårdnadshavare och elevhälsan.'.repeat(8);
  let size = 0;
  let crc = 0;
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  const write = async (b: Buffer) => {
    size += b.length;
    crc = crc32(b, crc);
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(head);
  let i = 0;
  while (size < unpackedBytes) {
    const parts: string[] = [];
    for (let k = 0; k < 2000; k++, i++) parts.push(`<si><t>${crypto.randomBytes(6).toString('base64')} ${i}${filler}</t></si>`);
    await write(Buffer.from(parts.join('')));
  }
  await write(Buffer.from('</sst>'));
  deflate.end();
  await new Promise<void>((r) => out.on('close', () => r()));
  return { size, packed: fs.statSync(file).size, crc };
}

/** Writes the workbook: a minimal valid .xlsx with one sheet and the huge shared-string table. */
async function writeHostileXlsx(file: string, unpackedBytes: number): Promise<{ bytes: number; sharedStringsMb: number; ratio: number }> {
  const ssFile = `${file}.sst.deflate`;
  const ss = await writeSharedStrings(ssFile, unpackedBytes);
  const small: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Närvaro" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ],
    [
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>',
    ],
  ];
  const fd = fs.openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const entry = (name: string, method: 0 | 8, crc: number, packed: number, size: number, body: () => void) => {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(n.length, 26);
    fs.writeSync(fd, local);
    fs.writeSync(fd, n);
    body();
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(packed, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(n.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, n);
    offset += 30 + n.length + packed;
  };
  for (const [name, text] of small) {
    const data = Buffer.from(text);
    entry(name, 0, crc32(data), data.length, data.length, () => fs.writeSync(fd, data));
  }
  entry('xl/sharedStrings.xml', 8, ss.crc, ss.packed, ss.size, () => {
    const src = fs.openSync(ssFile, 'r');
    const buf = Buffer.alloc(1 << 20);
    for (let n = fs.readSync(src, buf); n > 0; n = fs.readSync(src, buf)) fs.writeSync(fd, buf.subarray(0, n));
    fs.closeSync(src);
  });
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(small.length + 1, 8);
  eocd.writeUInt16LE(small.length + 1, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  fs.writeSync(fd, cd);
  fs.writeSync(fd, eocd);
  fs.closeSync(fd);
  fs.rmSync(ssFile);
  return { bytes: fs.statSync(file).size, sharedStringsMb: ss.size / 1048576, ratio: ss.size / ss.packed };
}

/** Resident set size now and at its peak (VmRSS, VmHWM), in MB; null once the process is gone. */
function rss(pid: number): { now: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

async function waitUntilUp(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error('the server exited while starting');
    try {
      if ((await fetch(`${base}/login`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start within 30 s');
}

async function main(): Promise<number> {
  const uploads = option('uploads', 16);
  const unpackedMb = option('unpacked-mb', 450);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-hostile-'));
  let server: ChildProcess | null = null;
  try {
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      SAKNAD_DATA_DIR: path.join(work, 'data'),
      SAKNAD_PORT: String(port),
      SAKNAD_SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      SAKNAD_LOG_LEVEL: 'warn',
    };
    // The school, round, principal and token, stored before the server starts.
    const { services } = bootstrap(loadConfig(env));
    const admin = systemActor('benchmark');
    services.schools.create(admin, { code: '11111111', name: 'Alfaskolan', type: 'grundskola' });
    const roundId = services.rounds.create(admin, { name: 'HT2026', breakType: 'summer', termStart: '2026-08-18' }).id;
    await services.users.create(
      admin,
      { email: 'rektor@bench.invalid', name: 'Rektor Bench', roles: ['principal'], schoolCodes: ['11111111'] },
      crypto.randomBytes(12).toString('hex'),
    );
    const token = services.tokens.create(services.auth.actorForEmail('rektor@bench.invalid')!, { name: 'bench' }).token;
    services.close();

    const file = path.join(work, 'närvaro.xlsx');
    const built = await writeHostileXlsx(file, unpackedMb * 1048576);
    console.log(
      `file: ${(built.bytes / 1048576).toFixed(1)} MB .xlsx; sharedStrings.xml unpacks to ${built.sharedStringsMb.toFixed(0)} MB (ratio ${built.ratio.toFixed(0)})`,
    );

    server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server.ts')], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const base = `http://127.0.0.1:${port}`;
    await waitUntilUp(base, server);
    const pid = server.pid!;
    const before = rss(pid)!;
    console.log(`server up (pid ${pid}), RSS ${before.now.toFixed(0)} MB`);

    let sampledPeak = before.now;
    const sampler = setInterval(() => {
      const r = rss(pid);
      if (r) sampledPeak = Math.max(sampledPeak, r.now);
    }, 25);
    const blob = await fs.openAsBlob(file);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: uploads }, async () => {
        const form = new FormData();
        form.append('file', blob, 'närvaro.xlsx');
        try {
          const res = await fetch(`${base}/api/v1/rounds/${roundId}/schools/11111111/uploads`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` },
            body: form,
          });
          const body = (await res.json()) as { errors?: { message: string }[]; error?: { message: string } };
          return {
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            message: body.error?.message ?? body.errors?.[0]?.message ?? '',
            ms: Date.now() - started,
          };
        } catch (e) {
          return { status: 0, retryAfter: null, message: `no answer: ${(e as Error).message}`, ms: Date.now() - started };
        }
      }),
    );
    clearInterval(sampler);
    const after = rss(pid);
    let up = false;
    try {
      up = (await fetch(`${base}/login`)).ok;
    } catch {
      up = false;
    }
    const peakMb = Math.max(after?.peak ?? 0, sampledPeak);
    const byStatus: Record<string, number> = {};
    for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(byStatus)) {
      const a = answers.find((x) => String(x.status) === status)!;
      console.log(`${n} × ${status}${a.retryAfter ? ` (Retry-After ${a.retryAfter})` : ''}: ${a.message}`);
    }
    const slowest = Math.max(...answers.map((a) => a.ms));
    console.log(
      `all ${uploads} answered within ${(slowest / 1000).toFixed(1)} s; server ${up ? 'still up' : 'DOWN'}; peak RSS ${peakMb.toFixed(0)} MB (limit ${PEAK_RSS_LIMIT_MB} MB; ${before.now.toFixed(0)} MB before)`,
    );
    const ok = up && peakMb < PEAK_RSS_LIMIT_MB;
    console.log(
      JSON.stringify({
        uploads,
        fileMb: Number((built.bytes / 1048576).toFixed(1)),
        sharedStringsMb: Math.round(built.sharedStringsMb),
        ratio: Math.round(built.ratio),
        answers: byStatus,
        slowestSeconds: Number((slowest / 1000).toFixed(1)),
        serverUp: up,
        rssBeforeMb: Math.round(before.now),
        peakRssMb: Math.round(peakMb),
        ok,
      }),
    );
    return ok ? 0 : 1;
  } finally {
    server?.kill('SIGTERM');
    if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`kept: ${work}`);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
