import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditService } from '../audit';
import { hasRole, type Actor } from '../shared';
import type { Clock } from '../shared';
import { ForbiddenError, ValidationError } from '../shared';
import { readArchive, writeArchive, BackupFormatError, type ArchiveEntry } from './backup-archive';
import { BackupRepository, type Counts } from './backup-repository';

export const DB_ENTRY = 'saknad.sqlite';
export const MANIFEST_ENTRY = 'manifest.json';
/** The server writes its pid here while it runs; restore refuses while it is alive. */
export const PID_FILE = 'saknad.pid';
const FILE_RE = /^saknad-\d{8}T\d{6}Z\.backup$/;

export interface Manifest {
  format: 1;
  createdAt: string;
  migration: number;
  counts: Counts;
  files: number;
}

export interface Verification {
  file: string;
  encrypted: boolean;
  createdAt: string;
  migration: number;
  integrity: string;
  counts: Counts;
  files: number;
}

/** Anything that makes a backup unusable or a restore unsafe: the CLI answers exit 1 with `code`. */
export class BackupError extends ValidationError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super([{ field: 'backup', message }]);
    this.message = message;
  }
}

export interface BackupDeps {
  /** Absent for a restore, which runs with the database closed. */
  repo?: BackupRepository;
  audit?: AuditService;
  clock: Clock;
  dataDir: string;
  backupDir: string;
  key: Buffer | null;
  production: boolean;
  keep: number;
  /** The highest migration this version of Saknad knows. */
  latestMigration: number;
}

function listFiles(dir: string, prefix: string): ArchiveEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    const name = `${prefix}/${d.name}`;
    return d.isDirectory() ? listFiles(full, name) : d.isFile() ? [{ name, file: full }] : [];
  });
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * Encrypted backups of the database (SQLite's online backup, safe while the server runs)
 * and the raw upload files, and their verification and restore. See docs/operations.md.
 */
export class BackupService {
  constructor(private readonly d: BackupDeps) {}

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }

  private staging(): string {
    const dir = path.join(this.d.dataDir, 'tmp', `backup-${crypto.randomBytes(6).toString('hex')}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  /** Writes one backup file into `toDir` (default the backup folder) and returns its path. */
  async create(actor: Actor, toDir: string = this.d.backupDir): Promise<{ file: string; sizeBytes: number; manifest: Manifest }> {
    this.requireAdmin(actor);
    const repo = this.d.repo!;
    if (!this.d.key && this.d.production) {
      throw new BackupError(
        'backup_key_missing',
        'Säkerhetskopior skrivs aldrig okrypterade i produktion: ange SAKNAD_BACKUP_KEY (32 byte, base64 eller hex).',
      );
    }
    const at = this.d.clock();
    const stage = this.staging();
    try {
      const dbCopy = path.join(stage, DB_ENTRY);
      // The database first, then the files: every raw file the copy points to was written
      // before its upload committed, so it is on disk when the folder is read.
      await repo.copyTo(dbCopy);
      const inspection = BackupRepository.inspect(dbCopy);
      const files = listFiles(path.join(this.d.dataDir, 'uploads'), 'uploads');
      const manifest: Manifest = { format: 1, createdAt: at.toISOString(), migration: inspection.migration, counts: inspection.counts, files: files.length };
      fs.writeFileSync(path.join(stage, MANIFEST_ENTRY), JSON.stringify(manifest));
      fs.mkdirSync(toDir, { recursive: true, mode: 0o700 });
      const file = path.join(toDir, `saknad-${stamp(at)}.backup`);
      await writeArchive(file, [{ name: MANIFEST_ENTRY, file: path.join(stage, MANIFEST_ENTRY) }, { name: DB_ENTRY, file: dbCopy }, ...files], this.d.key);
      const sizeBytes = fs.statSync(file).size;
      repo.logBackup(at.toISOString(), path.basename(file), sizeBytes);
      this.d.audit?.record(actor, {
        action: 'backup.create',
        objectType: 'backup',
        objectId: path.basename(file),
        details: { sizeBytes, encrypted: !!this.d.key },
      });
      return { file, sizeBytes, manifest };
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  }

  /** Decrypts into a staging folder and checks it; the caller gets the folder to restore from or removes it. */
  private async open(file: string): Promise<{ stage: string; verification: Verification }> {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError('not_found', `Filen ${file} finns inte.`);
    const stage = this.staging();
    try {
      const { encrypted } = await readArchive(file, this.d.key, stage);
      if (!encrypted && this.d.production) throw new BackupError('not_encrypted', 'En okrypterad säkerhetskopia godtas inte i produktion.');
      const manifestFile = path.join(stage, MANIFEST_ENTRY);
      const dbFile = path.join(stage, DB_ENTRY);
      if (!fs.existsSync(manifestFile) || !fs.existsSync(dbFile))
        throw new BackupError('tampered', 'Säkerhetskopian saknar databasen eller sin innehållsförteckning.');
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
      let inspection;
      try {
        inspection = BackupRepository.inspect(dbFile);
      } catch (e) {
        throw new BackupError('integrity', `Databasen i säkerhetskopian kan inte läsas: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (inspection.integrity !== 'ok') throw new BackupError('integrity', `Databasen i säkerhetskopian är skadad: ${inspection.integrity}`);
      const missing = inspection.rawFiles.filter((f) => !fs.existsSync(path.join(stage, f)));
      if (missing.length) throw new BackupError('files_missing', `${missing.length} inlästa filer som databasen pekar på saknas i säkerhetskopian.`);
      const files = listFiles(path.join(stage, 'uploads'), 'uploads').length;
      return {
        stage,
        verification: {
          file,
          encrypted,
          createdAt: manifest.createdAt,
          migration: inspection.migration,
          integrity: inspection.integrity,
          counts: inspection.counts,
          files,
        },
      };
    } catch (e) {
      fs.rmSync(stage, { recursive: true, force: true });
      if (e instanceof BackupFormatError) throw new BackupError(e.code, e.message);
      throw e;
    }
  }

  /** Decrypts, runs integrity_check and reads the migration level and counts. Changes nothing. */
  async verify(file: string): Promise<Verification> {
    const { stage, verification } = await this.open(file);
    fs.rmSync(stage, { recursive: true, force: true });
    return verification;
  }

  /**
   * Replaces the database and raw files of the data folder with the backup's. The server
   * must be stopped (its pid file names a live process: refused, unless `force`). What was
   * there is moved aside into `pre-restore-<time>/`, never deleted.
   */
  async restore(file: string, { force = false }: { force?: boolean } = {}): Promise<Verification & { movedAside: string | null }> {
    const pidFile = path.join(this.d.dataDir, PID_FILE);
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : null;
    if (pid && !force && isAlive(pid)) {
      throw new BackupError(
        'server_running',
        `Saknad körs (process ${pid}). Stoppa servern först (systemctl stop saknad), eller ange --force om processen inte använder den här datamappen.`,
      );
    }
    const { stage, verification } = await this.open(file);
    try {
      if (verification.migration > this.d.latestMigration) {
        throw new BackupError(
          'newer_backup',
          `Säkerhetskopian kommer från en nyare version av Saknad (migrering ${verification.migration}, den här versionen känner ${this.d.latestMigration}). Uppgradera Saknad först.`,
        );
      }
      const dbFile = path.join(this.d.dataDir, DB_ENTRY);
      const existing = [DB_ENTRY, `${DB_ENTRY}-wal`, `${DB_ENTRY}-shm`, 'uploads'].filter((n) => fs.existsSync(path.join(this.d.dataDir, n)));
      let movedAside: string | null = null;
      if (existing.length) {
        movedAside = path.join(this.d.dataDir, `pre-restore-${stamp(this.d.clock())}`);
        fs.mkdirSync(movedAside, { recursive: true, mode: 0o700 });
        for (const n of existing) fs.renameSync(path.join(this.d.dataDir, n), path.join(movedAside, n));
      }
      fs.renameSync(path.join(stage, DB_ENTRY), dbFile);
      if (fs.existsSync(path.join(stage, 'uploads'))) fs.renameSync(path.join(stage, 'uploads'), path.join(this.d.dataDir, 'uploads'));
      return { ...verification, movedAside };
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  }

  lastBackupAt(): string | null {
    return this.d.repo?.lastBackupAt() ?? null;
  }

  /**
   * Removes backups in the backup folder beyond the newest `keep`, and any written before
   * `before` (retention: a backup must not outlive the data it holds). Returns how many.
   */
  prune(before: string | null, dryRun = false): number {
    if (!fs.existsSync(this.d.backupDir)) return 0;
    const files = fs
      .readdirSync(this.d.backupDir)
      .filter((f) => FILE_RE.test(f))
      .sort()
      .reverse();
    const beforeStamp = before ? `saknad-${stamp(new Date(before))}.backup` : null;
    const gone = files.filter((f, i) => i >= this.d.keep || (beforeStamp !== null && f < beforeStamp));
    if (!dryRun) for (const f of gone) fs.rmSync(path.join(this.d.backupDir, f), { force: true });
    return gone.length;
  }

  /** The nightly backup: a new file, then the oldest beyond SAKNAD_BACKUP_KEEP go. */
  async nightly(actor: Actor): Promise<{ file: string; pruned: number }> {
    const { file } = await this.create(actor);
    return { file, pruned: this.prune(null) };
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
