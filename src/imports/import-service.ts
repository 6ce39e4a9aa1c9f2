import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole } from '../shared';
import { todayInStockholm } from '../calendar';
import type { School, SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { systemClock } from '../shared';
import { ForbiddenError, maskNumbers, maskWrittenNumber, NotFoundError } from '../shared';
import { plural, t } from '../i18n';
import { ImportQueue } from './import-queue';
import type { ImportJob } from './import-workers';
import type { ImportRepository, UploadRecord } from './import-repository';
import { applyCoverage, computeCoverage, dateRange, reportedDays } from './coverage';
import { columnsByHeader, emptyReport, type ImportPreview, type ImportReport } from './import-report';
import { Interpreter, type InterpretContext, type Interpretation } from './interpret/interpreter';
import { HEADER_SCAN_ROWS, detectLayout, fallbackLayout, layoutProblems, type ColumnMapping, type Layout } from './layout';
import { cellText, checkStatusVocabulary, compactKey, createStatusMatcher, isBlank, normaliseProtectedIdentity } from './normalise';
import type { StatusWords } from './status-choices';
import type { ImportRounds, ImportSettings } from './import-dependencies';
import { openRows, type RowSource } from './read/row-source';
import { SNIFF_BYTES, detectFileKind } from './read/sniff';
import type { XlsxTextCaps } from './read/xlsx-text-caps';
import { ImportFileError, type RawRow } from './types';

export interface ImportLimits {
  maxUploadBytes: number;
  maxRows: number;
  maxUncompressedBytes: number;
  /** Shared strings and cell text of an .xlsx (see read/xlsx-text-caps.ts). */
  textCaps?: XlsxTextCaps;
  /** Imports read at once, and how many more may wait (import-queue.ts); defaults 2 and 10. */
  concurrency?: number;
  queueLength?: number;
}

export interface UploadRequest {
  roundId: number;
  schoolCode: string;
  /** The uploaded file on disk (a temp file of the web upload, or the CLI's argument). */
  filePath: string;
  /** The name the user gave it; its extension counts in format detection. */
  fileName: string;
  sheet?: string;
  /** Columns the user chose on the preview page; saved as the school's profile on commit. */
  mapping?: ColumnMapping;
  /**
   * Meanings the user chose for status words (preview page, `--status`, the API's
   * `status` fields); they win over everything else and are saved for the school on commit.
   */
  statusWords?: StatusWords;
  /** Who sent the file when not a person's upload (e.g. 'ss12000'); recorded in the audit entry. */
  source?: string;
}

/** The import pool (import-workers.ts) as the service uses it; without one, imports run in this thread (the CLI). */
export interface ImportRunner {
  run(job: ImportJob): Promise<unknown>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Called when a job leaves the queue and starts reading (the pending preview's "reading"). */
export interface ImportHooks {
  started?: () => void;
}

export type PreviewResult = { report: ImportReport; preview: ImportPreview | null; layout: Layout | null };

interface Analysis {
  report: ImportReport;
  preview: ImportPreview | null;
  layout: Layout | null;
  interpretation: Interpretation | null;
  window: string[];
  school: School | null;
  /** The file's SHA-256 when the reader hashed it on the way. */
  sha256: string | null;
  /** The school's saved status words when the file was read. */
  savedStatusWords: StatusWords;
}

/** Rows read ahead for header detection: the scan depth plus a few data rows for shape checks. */
const LOOKAHEAD_ROWS = HEADER_SCAN_ROWS + 10;
const PREVIEW_ROWS = 10;
/** Distinct status words listed in a report: a status column holds a handful; more means a wrong column. */
const MAX_LISTED_STATUS_WORDS = 50;

/**
 * The one import path for the web upload, the JSON API and the CLI. A file is read as a
 * stream, checked whole, and either committed whole — replacing the school's earlier
 * data for the round — or rejected with every problem listed and nothing stored.
 */
export class ImportService {
  private readonly repo: ImportRepository;
  private readonly rounds: ImportRounds;
  private readonly schools: SchoolRepository;
  private readonly settings: ImportSettings;
  private readonly audit: AuditService;
  private readonly limits: ImportLimits;
  private readonly uploadsDir: string;
  private readonly clock: Clock;
  /** RoundEvaluation: every commit re-evaluates the round (flags, cases, confirmations, notices). */
  private readonly evaluation: { evaluateRound(actor: Actor, roundId: number, options?: { afterUpload?: boolean }): unknown };

  constructor(deps: {
    repo: ImportRepository;
    rounds: ImportRounds;
    schools: SchoolRepository;
    settings: ImportSettings;
    audit: AuditService;
    limits: ImportLimits;
    uploadsDir: string;
    clock: Clock;
    evaluation: { evaluateRound(actor: Actor, roundId: number, options?: { afterUpload?: boolean }): unknown };
    runner?: ImportRunner;
  }) {
    this.repo = deps.repo;
    this.rounds = deps.rounds;
    this.schools = deps.schools;
    this.settings = deps.settings;
    this.audit = deps.audit;
    this.limits = deps.limits;
    this.uploadsDir = deps.uploadsDir;
    this.clock = deps.clock;
    this.evaluation = deps.evaluation;
    this.runner = deps.runner ?? null;
    this.queue = new ImportQueue(deps.limits.concurrency ?? 2, deps.limits.queueLength ?? 10);
  }

  private readonly queue: ImportQueue;
  private readonly runner: ImportRunner | null;

  /** Reads and checks the file; stores nothing. Waits its turn in the import queue. */
  async preview(actor: Actor, req: UploadRequest, hooks: ImportHooks = {}): Promise<PreviewResult> {
    this.scopedSchool(actor, req.roundId, req.schoolCode);
    return this.queue.run(() => {
      hooks.started?.();
      return this.runner ? (this.runner.run(this.job('preview', actor, req)) as Promise<PreviewResult>) : this.previewNow(actor, req);
    });
  }

  /** Reads, checks and — if there is no error — commits the file. Waits its turn in the import queue. */
  async importFile(actor: Actor, req: UploadRequest, hooks: ImportHooks = {}): Promise<ImportReport> {
    this.scopedSchool(actor, req.roundId, req.schoolCode);
    return this.queue.run(async () => {
      hooks.started?.();
      if (!this.runner) return this.importNow(actor, req);
      return (await this.onWorker(req.roundId, this.job('import', actor, req))) as ImportReport;
    });
  }

  /**
   * Evaluates a round on an import worker, in the import queue (BackgroundEvaluation: after
   * a follow-up or watch-list change, which on a large round takes most of a second).
   */
  async evaluateOnWorker(actor: Actor, roundId: number, hooks: ImportHooks = {}): Promise<void> {
    if (!this.runner) throw new Error('no import workers');
    await this.queue.run(async () => {
      hooks.started?.();
      await this.onWorker(roundId, { kind: 'evaluate', actor, request: { roundId }, now: this.jobNow() });
    });
  }

  /** Runs a job that writes the round on a worker, counted in `importing` meanwhile. */
  private async onWorker(roundId: number, job: ImportJob): Promise<unknown> {
    this.inWorkers.set(roundId, (this.inWorkers.get(roundId) ?? 0) + 1);
    try {
      return await this.runner!.run(job);
    } finally {
      const left = this.inWorkers.get(roundId)! - 1;
      if (left) this.inWorkers.set(roundId, left);
      else this.inWorkers.delete(roundId);
    }
  }

  /** Whether an import worker is committing a file of the round, or evaluating it, now. */
  importing(roundId: number): boolean {
    return this.inWorkers.has(roundId);
  }

  /** Rounds with imports running on a worker, and how many. */
  private readonly inWorkers = new Map<number, number>();

  /** Waits for mail the workers' imports started (case notices). */
  async settle(): Promise<void> {
    await this.runner?.settle();
  }

  /** Stops the import workers, if any. */
  async close(): Promise<void> {
    await this.runner?.close();
  }

  /**
   * A job for a worker thread, with this thread's time when the clock is not the system's
   * (a test's fixed clock), so that the worker dates the upload and its audit entries alike.
   */
  private job(kind: ImportJob['kind'], actor: Actor, req: UploadRequest): ImportJob {
    return { kind, actor, request: { ...req }, now: this.jobNow() };
  }

  private jobNow(): string | null {
    return this.clock === systemClock ? null : this.clock().toISOString();
  }

  /** Imports reading now and waiting. */
  queueLoad(): { running: number; waiting: number; concurrency: number } {
    return { ...this.queue.load(), concurrency: this.limits.concurrency ?? 2 };
  }

  private async previewNow(actor: Actor, req: UploadRequest): Promise<PreviewResult> {
    const a = await this.analyse(actor, req);
    if (a.report.status === 'rejected') this.auditRejected(actor, a);
    return { report: a.report, preview: a.preview, layout: a.layout };
  }

  private async importNow(actor: Actor, req: UploadRequest): Promise<ImportReport> {
    const a = await this.analyse(actor, req);
    if (a.report.status === 'rejected' || !a.interpretation || !a.layout || !a.school) {
      this.auditRejected(actor, a);
      return a.report;
    }
    const { report, interpretation, layout, school } = a;
    const sha256 = a.sha256 ?? (await fileSha256(req.filePath));
    const at = this.clock().toISOString();
    // The raw file goes to its final place first (a unique name, no row points to it yet),
    // so the commit below never has to undo a half-written copy; a failed commit removes
    // it, and a process killed in between leaves a file with no row, which the next start
    // removes (sweepOrphanFiles). With protected pupils kept out, the raw file (which holds
    // them) is not kept at all.
    const rawFile = report.excludedProtected > 0 ? null : this.storeRawFile(req, report.format === 'xlsx' ? 'xlsx' : 'csv');
    const chosen = req.statusWords ?? {};
    let uploadId: number;
    try {
      uploadId = this.repo.commit(
        {
          roundId: req.roundId,
          schoolId: school.id,
          uploadedBy: actor.userId,
          uploadedByLabel: actor.label,
          uploadedAt: at,
          fileName: req.fileName,
          sizeBytes: report.file.size,
          sha256,
          format: report.format!,
          shape: layout.shape!,
          perLesson: layout.perLesson,
          headerRow: layout.headerRow,
          columnMapping: JSON.stringify(report.columns),
          report: JSON.stringify({ ...report, status: 'committed' }),
          pupils: report.pupils,
          rows: report.rows,
          days: report.days,
          excludedProtected: report.excludedProtected,
          rawFile: rawFile && path.relative(path.dirname(this.uploadsDir), rawFile),
        },
        interpretation.pupils.values(),
        a.window,
        // In the commit's transaction: a stored upload always has its audit entry.
        (id) => {
          if (req.mapping && Object.keys(req.mapping).length) this.repo.saveProfile(school.id, report.columns as Record<string, string>, at, actor.userId);
          if (Object.keys(chosen).length) this.repo.saveStatusWords(school.id, mergeStatusWords(a.savedStatusWords, chosen), at, actor.userId);
          this.audit.record(actor, {
            action: 'import.commit',
            objectType: 'upload',
            objectId: id,
            details: {
              round: req.roundId,
              school: school.code,
              pupils: report.pupils,
              rows: report.rows,
              days: report.days,
              warnings: report.warnings.length,
              statusWordsChosen: Object.keys(chosen).length,
              ...(req.source ? { source: req.source } : {}),
            },
          });
        },
      );
    } catch (e) {
      if (rawFile) fs.rmSync(rawFile, { force: true });
      throw e;
    }
    // The round was marked "evaluation pending" in the commit; this evaluates it and
    // removes the mark in one transaction (or the next start does, see bootstrap).
    this.evaluation.evaluateRound(actor, req.roundId, { afterUpload: true });
    return { ...report, status: 'committed', uploadId, file: { ...report.file, sha256 } };
  }

  /** Copies the uploaded file to uploads/round-N/upload-<random>.<ext> and returns that path. */
  private storeRawFile(req: UploadRequest, ext: string): string {
    const dir = path.join(this.uploadsDir, `round-${req.roundId}`);
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, `upload-${crypto.randomUUID()}.${ext}`);
    try {
      fs.copyFileSync(req.filePath, target);
    } catch (e) {
      fs.rmSync(target, { force: true });
      throw e;
    }
    return target;
  }

  /**
   * At start-up: raw files no upload row points to (a process stopped between writing one
   * and its commit) are removed, and so is every temporary upload file (multer writes them
   * to data/tmp) but those in `keepTmp`: a pending preview's file, which its preview still
   * needs after the restart (absolute paths). Raw files younger than `graceMs`
   * stay: a CLI import beside the server writes its raw file before its commit. Returns
   * the number removed.
   */
  sweepOrphanFiles(tmpDir: string, graceMs: number, keepTmp: ReadonlySet<string> = new Set()): { rawFiles: number; tmpFiles: number } {
    const writtenBefore = Date.now() - graceMs;
    const kept = this.repo.rawFiles();
    const removed = { rawFiles: 0, tmpFiles: 0 };
    const root = path.dirname(this.uploadsDir);
    if (fs.existsSync(this.uploadsDir)) {
      for (const round of fs.readdirSync(this.uploadsDir, { withFileTypes: true })) {
        if (!round.isDirectory()) continue;
        const dir = path.join(this.uploadsDir, round.name);
        for (const f of fs.readdirSync(dir)) {
          const file = path.join(dir, f);
          if (kept.has(path.relative(root, file))) continue;
          if (fs.statSync(file).mtimeMs > writtenBefore) continue;
          fs.rmSync(file, { force: true });
          removed.rawFiles++;
        }
      }
    }
    if (fs.existsSync(tmpDir)) {
      for (const f of fs.readdirSync(tmpDir)) {
        if (keepTmp.has(path.resolve(tmpDir, f))) continue;
        fs.rmSync(path.join(tmpDir, f), { force: true, recursive: true });
        removed.tmpFiles++;
      }
    }
    return removed;
  }

  /** Earlier uploads of a school in a round, newest first (scoped like the upload itself). */
  history(actor: Actor, roundId: number, schoolCode: string): UploadRecord[] {
    const school = this.scopedSchool(actor, roundId, schoolCode, 'read');
    return this.repo.uploads(roundId, school.id);
  }

  /** The current upload of a school in a round, or null; null also when outside the actor's scope. */
  latestUpload(actor: Actor, roundId: number, schoolCode: string): UploadRecord | null {
    try {
      return this.history(actor, roundId, schoolCode).find((u) => u.supersededBy === null) ?? null;
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof ForbiddenError) return null;
      throw e;
    }
  }

  /** The school takes part in the round and the actor may upload for it (or read its uploads); else not found / forbidden. */
  scopedSchool(actor: Actor, roundId: number, schoolCode: string, access: 'read' | 'upload' = 'upload'): School {
    const round = this.rounds.get(actor, roundId);
    const school = this.schools.findByCode(schoolCode);
    if (!school || !round.schoolIds.includes(school.id)) throw new NotFoundError(t('imports.errors.skolanDeltarOmgangen'));
    const allowed =
      hasRole(actor, 'admin') || (access === 'read' && hasRole(actor, 'coordinator')) || (hasRole(actor, 'principal') && actor.schoolIds.includes(school.id));
    if (!allowed) {
      this.audit.record(actor, { action: 'access.denied', objectType: 'school', objectId: school.code, outcome: 'denied', details: { round: roundId } });
      // A principal of another school learns nothing about this one.
      if (hasRole(actor, 'principal')) throw new NotFoundError(t('imports.errors.skolanDeltarOmgangen'));
      throw new ForbiddenError(t('imports.errors.baraSkolansRektorEller'));
    }
    return school;
  }

  private async analyse(actor: Actor, req: UploadRequest): Promise<Analysis> {
    const school = this.scopedSchool(actor, req.roundId, req.schoolCode);
    const round = this.rounds.get(actor, req.roundId);
    const size = fs.statSync(req.filePath).size;
    const report = emptyReport(req.roundId, school.code, { name: req.fileName, size });
    const window = this.rounds.windowDates(round);
    const savedStatusWords = this.repo.statusWords(school.id);
    const result: Analysis = { report, preview: null, layout: null, interpretation: null, window, school, sha256: null, savedStatusWords };
    const reject = (message: string, row: number | null = null, column: string | null = null): Analysis => {
      report.errors.push({ row, column, message });
      report.errorCount = report.errors.length;
      return result;
    };
    if (round.state === 'closed') return reject(t('imports.errors.omgangenArStangdInga'));
    // The edges check the user's words first; this keeps a bad one from any caller out.
    const choiceProblems = checkStatusVocabulary(req.statusWords ?? {});
    if (choiceProblems.length) {
      for (const p of choiceProblems.slice(0, -1)) report.errors.push({ row: null, column: null, message: p });
      return reject(choiceProblems[choiceProblems.length - 1]!);
    }
    if (size > this.limits.maxUploadBytes) {
      return reject(t('imports.errors.filenArMbStorsta', { mb: (size / 1048576).toFixed(1), max: Math.round(this.limits.maxUploadBytes / 1048576) }));
    }
    let source: RowSource | undefined;
    try {
      const kind = detectFileKind(req.fileName, readHead(req.filePath));
      report.format = kind;
      source = await openRows(req.filePath, kind, {
        sheet: req.sheet,
        maxRows: this.limits.maxRows,
        maxUncompressedBytes: this.limits.maxUncompressedBytes,
        textCaps: this.limits.textCaps,
      });
      if ('encoding' in source.info) {
        report.encoding = source.info.encoding;
        report.delimiter = source.info.delimiter;
      } else {
        report.sheet = source.info.sheetName;
        report.sheets = source.info.sheetNames;
      }
      const batches = source.batches[Symbol.asyncIterator]();
      // The first rows, for finding the header; the rest of their batch waits in `rest`.
      const head: RawRow[] = [];
      let rest: RawRow[] = [];
      while (head.length < LOOKAHEAD_ROWS) {
        const next = await batches.next();
        if (next.done) break;
        const take = Math.min(next.value.length, LOOKAHEAD_ROWS - head.length);
        head.push(...next.value.slice(0, take));
        rest = next.value.slice(take);
      }
      if (head.every((r) => r.cells.every(isBlank))) return reject(t('imports.errors.filenArTom'));

      const referenceYear = Number(round.termStart.slice(0, 4));
      const saved = req.mapping ? null : this.repo.profile(school.id);
      const detect = (mapping?: ColumnMapping): Layout | ImportFileError => {
        try {
          return detectLayout(head, { referenceYear, mapping });
        } catch (e) {
          if (e instanceof ImportFileError) return e;
          throw e;
        }
      };
      let detected = detect(req.mapping ?? saved ?? undefined);
      report.mappingUsed = req.mapping ? 'chosen' : saved ? 'saved' : 'detected';
      if (saved && (detected instanceof ImportFileError || layoutProblems(detected).length)) {
        // The saved mapping was made for another export; try reading this one as it is.
        detected = detect();
        report.mappingUsed = 'detected';
      }
      if (detected instanceof ImportFileError) {
        // No header found: offer the first row's cells for the user to map.
        result.layout = fallbackLayout(head, referenceYear);
        if (result.layout) report.headerRow = result.layout.headerRow;
        return reject(detected.message);
      }
      const layout = detected;
      result.layout = layout;
      Object.assign(report, { shape: layout.shape, perLesson: layout.perLesson, headerRow: layout.headerRow, columns: columnsByHeader(layout) });
      const layoutErrors = layoutProblems(layout);
      if (layoutErrors.length) {
        report.errors.push(...layoutErrors);
        report.errorCount = report.errors.length;
        return result;
      }

      // Built apart from the context, to read back which words the file held.
      const matchStatus = createStatusMatcher(this.settings.get('statusVocabulary'), { saved: savedStatusWords, chosen: req.statusWords ?? {} });
      const context: InterpretContext = {
        window,
        today: todayInStockholm(this.clock),
        nonSchoolDays: this.rounds.nonSchoolDays(),
        matchStatus,
        referenceDate: new Date(`${round.termStart}T12:00:00Z`),
      };
      const interpreter = new Interpreter(layout, context);
      const previewRows: RawRow[] = [];
      const take = (r: RawRow): void => {
        if (r.rowNumber <= layout.headerRow) return;
        if (previewRows.length < PREVIEW_ROWS && !r.cells.every(isBlank)) previewRows.push(r);
        interpreter.row(r);
      };
      for (const r of head) take(r);
      for (const r of rest) take(r);
      for (let next = await batches.next(); !next.done; next = await batches.next()) for (const r of next.value) take(r);
      result.preview = maskedPreview(layout, previewRows);
      result.sha256 = source.sha256();
      const interpretation = interpreter.finish();
      result.interpretation = interpretation;
      report.statusWords = matchStatus
        .readings()
        .slice(0, MAX_LISTED_STATUS_WORDS)
        .map((r) => ({ ...r, word: maskNumbers(r.word) }));

      let protectedPupils = 0;
      for (const p of interpretation.pupils.values()) if (p.protectedIdentity) protectedPupils++;
      if (protectedPupils && this.settings.get('excludeProtectedFromImport')) {
        for (const [pn, p] of interpretation.pupils) if (p.protectedIdentity) interpretation.pupils.delete(pn);
        report.excludedProtected = protectedPupils;
        interpretation.log.warn('excluded-protected', {
          row: null,
          column: null,
          message: t('imports.errors.protectedNotRead', { pupils: plural(protectedPupils, 'elev', 'elever') }),
        });
      }
      let days = 0;
      for (const p of interpretation.pupils.values()) for (const r of p.dayRanks) if (r) days++;
      Object.assign(report, {
        status: interpretation.log.errorCount ? 'rejected' : 'preview',
        pupils: interpretation.pupils.size,
        rows: interpretation.rows,
        days,
        protectedPupils,
        reportedShare: interpretation.reportedShare === null ? null : Math.round(interpretation.reportedShare * 1000) / 1000,
        errors: interpretation.log.listedErrors(),
        errorCount: interpretation.log.errorCount,
        warnings: interpretation.log.warnings(),
      });
      const covered = layout.shape === 'summary' ? 'declared' : reportedDays(interpretation.pupils.values(), window);
      const fileDates = layout.shape === 'matrix' ? dateRange((layout.dateColumns ?? []).map((c) => c.date)) : interpretation.fileDates;
      applyCoverage(report, computeCoverage({ window, today: context.today, covered, fileDates }), window, context.today);
      return result;
    } catch (e) {
      if (e instanceof ImportFileError) return reject(e.message, e.row, e.column);
      throw e;
    } finally {
      source?.close();
    }
  }

  private auditRejected(actor: Actor, a: Analysis): void {
    this.audit.record(actor, {
      action: 'import.rejected',
      objectType: 'round',
      objectId: a.report.round,
      outcome: 'failure',
      details: { school: a.report.school, errors: a.report.errorCount, rows: a.report.rows },
    });
  }
}

/** The school's saved words with the new choices; a choice replaces a saved word written differently ("prao", "Prao"). */
export function mergeStatusWords(saved: StatusWords, chosen: StatusWords): StatusWords {
  const chosenKeys = new Set(Object.keys(chosen).map(compactKey));
  const kept = Object.entries(saved).filter(([w]) => !chosenKeys.has(compactKey(w)));
  return { ...Object.fromEntries(kept), ...chosen };
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Sample rows for the uploader; a row marked protected shows no name or full number. */
function maskedPreview(layout: Layout, rows: RawRow[]): ImportPreview {
  const c = layout.columns;
  const masked = new Set([c.personalNumber, c.fullName, c.firstName, c.lastName, c.guardian1, c.guardian2].filter((i): i is number => i !== undefined));
  return {
    headers: layout.headers,
    rows: rows.map((r) => {
      const prot =
        c.protected !== undefined &&
        (() => {
          const p = normaliseProtectedIdentity(r.cells[c.protected!] ?? null);
          return !p.ok || p.value;
        })();
      return {
        rowNumber: r.rowNumber,
        cells: layout.headers.map((_, i) => {
          const text = cellText(r.cells[i] ?? null);
          if (!prot || !masked.has(i)) return text;
          return i === c.personalNumber ? maskWrittenNumber(text) : 'Skyddad identitet';
        }),
      };
    }),
  };
}
