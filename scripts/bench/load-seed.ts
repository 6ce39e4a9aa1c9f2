/**
 * The load benchmark's data (`npm run bench:load`, see load.ts): a summer round of
 * `pupils` pupils in `schools` schools, each school's ten-day daily CSV imported through
 * the real ImportService (so rosters, attendance, flags and cases are what an upload
 * makes), users of every role with a known TOTP secret, and an API token per reading
 * role. Runs in the bench's own process against a temp data dir before the server starts.
 * The personal numbers are the generator's synthetic ones and exist only in the temp dir.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { systemActor } from '../../src/shared/roles';
import { HEADERS, WINDOW, makePupils, mulberry32, type Pupil } from './generate';

export const PASSWORD = 'ett-bench-losenord-2026';
/** Every bench user's TOTP secret (base32): the bench computes the codes itself. */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const ROLES = ['admin', 'coordinator', 'principal', 'social_services'] as const;
export type BenchRole = (typeof ROLES)[number];

/** The two schools whose files the upload loop sends again and again (the last two). */
export interface UploadSchool {
  code: string;
  pupils: Pupil[];
}

export interface Seeded {
  roundId: number;
  schools: string[];
  uploadSchools: UploadSchool[];
  users: Record<BenchRole, string>;
  /** API tokens (admin, coordinator, principal) acting as those users. */
  tokens: Record<'admin' | 'coordinator' | 'principal', string>;
  caseIds: number[];
  flaggedPupils: number;
  cases: number;
  seconds: number;
}

export const schoolCode = (i: number): string => String(20_000_000 + i);

/**
 * A 1,000-pupil upload school's file: everyone present every day, except the pupils of
 * `variant` (A or B: two disjoint sets of five), who are absent without leave all ten
 * days. Each upload switches variant, so "the new flags are visible" is a change the
 * flag list must show: the variant's pupils flagged, the other set's not.
 */
export function writeUploadFile(file: string, pupils: readonly Pupil[], variant: 'A' | 'B'): void {
  const marked = new Set(markers(pupils, variant).map((p) => p.personalNumber));
  let out = '\uFEFF' + HEADERS.join(';') + '\r\n';
  for (const p of pupils)
    for (const day of WINDOW)
      out += `${p.personalNumber};${p.firstName};${p.lastName};${p.className};${day};${marked.has(p.personalNumber) ? 'Ogiltig frånvaro' : 'Närvarande'}\r\n`;
  fs.writeFileSync(file, out, 'utf8');
}

/**
 * A seeded school's file. More pupils are missing than in a usual week (so that the
 * lists to page through are long): 3 % absent without leave all ten days, 2 % not
 * reported the first three days; the rest mostly present (95 % of days).
 */
function writeSeedFile(file: string, pupils: readonly Pupil[], rand: () => number): void {
  const lines = ['\uFEFF' + HEADERS.join(';')];
  for (const p of pupils) {
    const kind = rand();
    WINDOW.forEach((day, d) => {
      const r = rand();
      const status =
        kind < 0.03
          ? 'Ogiltig frånvaro'
          : kind < 0.05 && d < 3
            ? 'Ej rapporterat'
            : r < 0.95
              ? 'Närvarande'
              : r < 0.98
                ? 'Giltig frånvaro'
                : 'Ogiltig frånvaro';
      lines.push(`${p.personalNumber};${p.firstName};${p.lastName};${p.className};${day};${status}`);
    });
  }
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n', 'utf8');
}

/** The five pupils absent in a variant's file. */
export function markers(pupils: readonly Pupil[], variant: 'A' | 'B'): Pupil[] {
  return variant === 'A' ? pupils.slice(0, 5) : pupils.slice(5, 10);
}

export async function seed(
  dataDir: string,
  opts: { pupils: number; schools: number; uploadPupils: number; seed: number },
  log: (line: string) => void,
): Promise<Seeded> {
  const started = performance.now();
  const config = loadConfig({
    NODE_ENV: 'test',
    SAKNAD_DATA_DIR: dataDir,
    SAKNAD_LOG_LEVEL: 'silent',
  });
  const { services, db } = bootstrap(config);
  const admin = systemActor('bench');
  try {
    const all = makePupils(opts.pupils, mulberry32(opts.seed));
    const upload = opts.schools - 2;
    // The two upload schools hold uploadPupils each; the rest share the others round-robin.
    const bySchool: Pupil[][] = Array.from({ length: opts.schools }, () => []);
    const uploadPool = all.slice(0, 2 * opts.uploadPupils);
    uploadPool.forEach((p, i) => bySchool[upload + (i % 2)]!.push(p));
    all.slice(2 * opts.uploadPupils).forEach((p, i) => bySchool[i % upload]!.push(p));
    const codes = bySchool.map((_, i) => schoolCode(i + 1));
    codes.forEach((code, i) => services.schools.create(admin, { code, name: `Skola ${String(i + 1).padStart(2, '0')}`, type: 'grundskola' }));
    const round = services.rounds.create(admin, { name: 'HT2026 efter sommarlovet (bench)', breakType: 'summer', termStart: WINDOW[0], schoolCodes: codes });

    const users = {
      admin: 'admin@bench.invalid',
      coordinator: 'samordnare@bench.invalid',
      principal: 'rektor@bench.invalid',
      social_services: 'soc@bench.invalid',
    } satisfies Record<BenchRole, string>;
    for (const role of ROLES) {
      // The principal leads the two upload schools: the upload loop is theirs.
      const schoolCodes = role === 'principal' ? codes.slice(upload) : [];
      const u = await services.users.create(admin, { email: users[role], name: `Bench ${role}`, roles: [role], schoolCodes }, PASSWORD);
      services.secondFactor.enrolKnownSecret(admin, u.id, TOTP_SECRET);
    }
    await services.rounds.open(admin, round.id);

    const tmp = path.join(dataDir, 'seed-files');
    fs.mkdirSync(tmp, { recursive: true });
    const rand = mulberry32(opts.seed + 1);
    for (let i = 0; i < codes.length; i++) {
      const file = path.join(tmp, `${codes[i]}.csv`);
      if (i >= upload) writeUploadFile(file, bySchool[i]!, 'A');
      else writeSeedFile(file, bySchool[i]!, rand);
      const t = performance.now();
      const report = await services.imports.importFile(admin, { roundId: round.id, schoolCode: codes[i]!, filePath: file, fileName: path.basename(file) });
      if (report.status !== 'committed') throw new Error(`seed import of ${codes[i]} was ${report.status}: ${JSON.stringify(report.errors).slice(0, 500)}`);
      fs.rmSync(file);
      if ((i + 1) % 10 === 0 || i === codes.length - 1)
        log(`  seeded ${i + 1}/${codes.length} schools (${bySchool[i]!.length} pupils, last import ${Math.round(performance.now() - t)} ms)`);
    }
    const tokens = {
      admin: services.tokens.createFor(admin, users.admin, { name: 'bench' }).token,
      coordinator: services.tokens.createFor(admin, users.coordinator, { name: 'bench' }).token,
      principal: services.tokens.createFor(admin, users.principal, { name: 'bench' }).token,
    };
    const caseIds = db.prepare('SELECT id FROM cases WHERE round_id = ? ORDER BY id').pluck().all(round.id) as number[];
    const flaggedPupils = db
      .prepare('SELECT count(*) FROM (SELECT DISTINCT pupil_id, school_id FROM flags WHERE round_id = ? AND cleared_at IS NULL)')
      .pluck()
      .get(round.id) as number;
    return {
      roundId: round.id,
      schools: codes,
      uploadSchools: codes.slice(upload).map((code, k) => ({ code, pupils: bySchool[upload + k]! })),
      users,
      tokens,
      caseIds,
      flaggedPupils,
      cases: caseIds.length,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    services.close();
  }
}
