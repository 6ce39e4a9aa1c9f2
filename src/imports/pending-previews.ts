import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditService } from '../audit';
import { t } from '../i18n';
import type { Actor, Clock } from '../shared';
import { BusyError, ForbiddenError, NotFoundError, ValidationError } from '../shared';
import type { School } from '../schools';
import type { ImportReport } from './import-report';
import type { ImportService, PreviewResult, UploadRequest } from './import-service';
import { WorkersClosedError } from './import-workers';
import type { ColumnMapping } from './layout';
import type { PendingPreviewRepository, PendingPreviewRow, PendingState } from './pending-preview-repository';
import type { StatusWords } from './status-choices';

/** A pending preview is kept this long, then swept with its file. */
export const PENDING_MAX_AGE_MS = 24 * 3600_000;

/**
 * Files one user may have waiting at once; a new upload removes the oldest beyond it. Each
 * holds pupils' data and up to the upload limit on disk: without a bound, uploading again
 * and again would fill the disk (the session-held upload before issue 15 kept one).
 */
export const PENDING_PER_USER = 5;

/** What a job started for a pending preview ends with: BusyError when the import queue turned it away. */
export type JobEnd = Promise<{ busy: BusyError | null }>;

/**
 * A job's end that could not be stored: usually the database closed as the process
 * stopped (the next start marks the row); anything else is written to the log. Never an
 * unhandled rejection: the page that started the job may have stopped waiting for it.
 */
const stopped = (e: unknown): { busy: BusyError | null } => {
  if (!(e instanceof Error && /not open/.test(e.message))) process.stderr.write(`Saknad: a pending preview could not be updated: ${String(e)}\n`);
  return { busy: null };
};

/** A pending preview as the pages show it. */
export interface PendingView {
  id: string;
  state: PendingState;
  fileName: string;
  school: School;
  /** The preview once read (report, sample rows, layout); after a refused commit, that report alone. */
  result: PreviewResult | null;
  /** Why the file could not be read (state failed). */
  message: string | null;
  uploadId: number | null;
  mapping: ColumnMapping | null;
  statusWords: StatusWords;
}

/**
 * Post/Redirect/Get for the web upload (issue 15): the uploaded file waits as a pending
 * preview with a random id (migration 021) while an import worker reads it; the page
 * shows it by GET. Choices of columns and status words read it again; the commit runs as
 * an import job too. Only the user who uploaded sees their preview: anyone else, and an
 * id that does not exist (any more), gets an audited "not found".
 */
export class PendingPreviewService {
  constructor(
    private readonly deps: {
      repo: PendingPreviewRepository;
      imports: ImportService;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** Stores the uploaded file as a pending preview and starts reading it. */
  upload(actor: Actor, f: { roundId: number; schoolCode: string; tmpFile: string; fileName: string; sheet?: string }): { id: string; done: JobEnd } {
    const school = this.deps.imports.scopedSchool(actor, f.roundId, f.schoolCode);
    if (actor.userId === null) throw new ForbiddenError();
    const id = crypto.randomBytes(24).toString('base64url');
    this.deps.repo.insert({
      id,
      roundId: f.roundId,
      schoolId: school.id,
      userId: actor.userId,
      tmpFile: f.tmpFile,
      fileName: f.fileName,
      sheet: f.sheet ?? null,
      mapping: null,
      statusWords: null,
      state: 'queued',
      createdAt: this.now(),
    });
    for (const old of this.deps.repo.waitingOf(actor.userId).slice(PENDING_PER_USER)) {
      fs.rmSync(old.tmpFile, { force: true });
      this.deps.repo.delete(old.id);
    }
    return { id, done: this.read(actor, id, school) };
  }

  /** The preview, if it is the actor's own in this round and school; else an audited not found. */
  view(actor: Actor, roundId: number, schoolCode: string, id: string): PendingView {
    const { row, school } = this.own(actor, roundId, schoolCode, id);
    return {
      id: row.id,
      state: row.state,
      fileName: row.fileName,
      school,
      result: row.result ? (JSON.parse(row.result) as PreviewResult) : null,
      message: row.message,
      uploadId: row.uploadId,
      mapping: row.mapping ? (JSON.parse(row.mapping) as ColumnMapping) : null,
      statusWords: row.statusWords ? (JSON.parse(row.statusWords) as StatusWords) : {},
    };
  }

  /** Columns (and sheet) chosen on the preview: the file is read again with them. */
  chooseColumns(actor: Actor, roundId: number, schoolCode: string, id: string, mapping: ColumnMapping, sheet?: string): JobEnd {
    const { row, school } = this.own(actor, roundId, schoolCode, id);
    this.reread(row, { mapping: JSON.stringify(mapping), ...(sheet ? { sheet } : {}) });
    return this.read(actor, id, school);
  }

  /** Meanings chosen for status words, added to earlier choices: the file is read again. */
  chooseStatusWords(actor: Actor, roundId: number, schoolCode: string, id: string, chosen: StatusWords): JobEnd {
    const { row, school } = this.own(actor, roundId, schoolCode, id);
    const earlier = row.statusWords ? (JSON.parse(row.statusWords) as StatusWords) : {};
    this.reread(row, { statusWords: JSON.stringify({ ...earlier, ...chosen }) });
    return this.read(actor, id, school);
  }

  /**
   * Commits the waiting file (an import job: read, check, commit, evaluate). Once only: a
   * second press finds no ready preview. A file the commit refuses (e.g. the round closed
   * meanwhile) shows that report; the file is not read a second time.
   */
  commit(actor: Actor, roundId: number, schoolCode: string, id: string): JobEnd {
    const { row } = this.own(actor, roundId, schoolCode, id);
    if (!this.deps.repo.moveState(id, ['ready'], 'committing', this.now())) throw new NotFoundError(t('imports.noPending'));
    return this.deps.imports
      .importFile(actor, this.request(row, schoolCode))
      .then(
        (report: ImportReport) => {
          if (report.status === 'committed') {
            fs.rmSync(row.tmpFile, { force: true });
            this.deps.repo.update(id, this.now(), {
              state: 'committed',
              uploadId: report.uploadId ?? null,
              result: JSON.stringify({ report, preview: null, layout: null }),
            });
          } else {
            this.deps.repo.update(id, this.now(), { state: 'ready', result: JSON.stringify({ report, preview: null, layout: null }) });
          }
          return { busy: null };
        },
        (e: unknown) => this.failed(id, e, 'ready'),
      )
      .catch(stopped);
  }

  /** Removes the waiting file; nothing was stored. */
  discard(actor: Actor, roundId: number, schoolCode: string, id: string): void {
    const { row } = this.own(actor, roundId, schoolCode, id);
    if (row.state === 'committing') throw new ValidationError([{ field: 'previewId', message: t('imports.pending.busyCommitting') }]);
    fs.rmSync(row.tmpFile, { force: true });
    this.deps.repo.delete(id);
  }

  /** Previews older than a day, with their files (hourly, by the web routes). */
  sweep(): number {
    const old = this.deps.repo.olderThan(this.expiredBefore());
    for (const row of old) {
      if (row.state === 'committing') continue;
      fs.rmSync(row.tmpFile, { force: true });
      this.deps.repo.delete(row.id);
    }
    return old.length;
  }

  /**
   * The files the previews still need (absolute paths): the sweeps of data/tmp — the
   * server's start and the hourly one by age — leave them, so a preview that outlives a
   * restart, or is committed near the end of its day, still has its file.
   */
  files(): Set<string> {
    return new Set(this.deps.repo.tmpFiles().map((f) => path.resolve(f)));
  }

  /** At the server's start: previews an earlier process was reading or committing get no answer now. */
  failInterrupted(): number {
    return this.deps.repo.failUnfinished(t('imports.pending.interrupted'), this.now());
  }

  private own(actor: Actor, roundId: number, schoolCode: string, id: string): { row: PendingPreviewRow; school: School } {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode);
    const row = /^[A-Za-z0-9_-]{16,64}$/.test(id) ? this.deps.repo.get(id) : null;
    const mine = row !== null && row.userId === actor.userId && row.roundId === roundId && row.schoolId === school.id;
    // Past its day it is gone, also before the hourly sweep comes by (a commit under way finishes).
    const expired = mine && row.createdAt < this.expiredBefore() && row.state !== 'committing';
    if (expired) {
      fs.rmSync(row.tmpFile, { force: true });
      this.deps.repo.delete(row.id);
    }
    if (!mine || expired) {
      this.deps.audit.record(actor, {
        action: 'access.denied',
        objectType: 'pending_preview',
        objectId: id.slice(0, 64),
        outcome: 'denied',
        details: { round: roundId, school: school.code, exists: row !== null && !expired },
      });
      throw new NotFoundError(t('imports.pending.gone'));
    }
    return { row: row!, school };
  }

  private expiredBefore(): string {
    return new Date(this.deps.clock().getTime() - PENDING_MAX_AGE_MS).toISOString();
  }

  private reread(row: PendingPreviewRow, change: Partial<Pick<PendingPreviewRow, 'mapping' | 'statusWords' | 'sheet'>>): void {
    if (row.state !== 'ready' && row.state !== 'failed') throw new NotFoundError(t('imports.noPending'));
    this.deps.repo.update(row.id, this.now(), { ...change, state: 'queued', result: null, message: null });
  }

  /** Reads the file (an import job) and stores the preview or why it could not be read. */
  private read(actor: Actor, id: string, school: School): JobEnd {
    const row = this.deps.repo.get(id)!;
    return this.deps.imports
      .preview(actor, this.request(row, school.code), { started: () => this.deps.repo.moveState(id, ['queued'], 'reading', this.now()) })
      .then(
        (result) => {
          this.deps.repo.update(id, this.now(), { state: 'ready', result: JSON.stringify(result) });
          return { busy: null };
        },
        (e: unknown) => this.failed(id, e, 'failed'),
      )
      .catch(stopped);
  }

  /** A job that ended in an error: the queue was full (said to the caller), or a message for the page. */
  private failed(id: string, e: unknown, state: PendingState): { busy: BusyError | null } {
    // Stopping: the row stays as it is, and the next start marks it (failInterrupted).
    if (e instanceof WorkersClosedError) return { busy: null };
    if (e instanceof BusyError) {
      if (state === 'failed') this.deps.repo.update(id, this.now(), { state: 'failed', message: e.message });
      else this.deps.repo.update(id, this.now(), { state });
      return { busy: e };
    }
    const known = e instanceof NotFoundError || e instanceof ForbiddenError || e instanceof ValidationError;
    if (!known) process.stderr.write(`Saknad: an import job failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    // A commit that failed unexpectedly may have been stored before it failed (a worker that died while evaluating): the message says where to look.
    const unexpected = state === 'ready' ? t('imports.pending.commitFailed') : t('imports.pending.jobFailed');
    this.deps.repo.update(id, this.now(), { state: 'failed', message: known ? (e as Error).message : unexpected });
    return { busy: null };
  }

  private request(row: PendingPreviewRow, schoolCode: string): UploadRequest {
    return {
      roundId: row.roundId,
      schoolCode,
      filePath: row.tmpFile,
      fileName: row.fileName,
      sheet: row.sheet ?? undefined,
      mapping: row.mapping ? (JSON.parse(row.mapping) as ColumnMapping) : undefined,
      statusWords: row.statusWords ? (JSON.parse(row.statusWords) as StatusWords) : undefined,
    };
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}
