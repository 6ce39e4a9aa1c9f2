import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { t } from '../i18n';
import type { Services } from '../services';
import { BusyError, NotFoundError } from '../shared';
import { requireRole } from '../web';
import { flash, idParam } from '../web';
import { FIELDS, FIELD_LABELS, type ColumnMapping, type Field } from './layout';
import type { UploadRequest } from './import-service';
import { STATUS_LABELS } from './import-report';
import { STATUSES, type Status } from './normalise';
import { checkStatusChoice, type StatusWords } from './status-choices';

/** The file waiting on the preview page, between upload and confirmation. */
interface PendingUpload {
  key: string;
  roundId: number;
  schoolCode: string;
  tmpFile: string;
  fileName: string;
  sheet?: string;
  mapping?: ColumnMapping;
  /** Meanings chosen on the preview for status words; saved for the school on commit. */
  statusWords?: StatusWords;
}

declare module 'express-session' {
  interface SessionData {
    pendingUpload?: PendingUpload;
  }
}

/**
 * Web upload: choose file → preview (what was detected, sample rows, every error or
 * warning) → map columns if needed → confirm. The file waits in data/tmp under a random
 * name; only the import service decides what is stored.
 */
export function importRoutes(services: Services): Router {
  const router = Router();
  const tmpDir = path.join(services.config.dataDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  sweepOldFiles(tmpDir, 24 * 3600_000);
  // Previews never confirmed (the session ended) hold pupils' data: gone within a day.
  setInterval(() => sweepOldFiles(tmpDir, 24 * 3600_000), 3600_000).unref();
  const upload = multer({
    storage: multer.diskStorage({ destination: tmpDir, filename: (_req, _file, cb) => cb(null, crypto.randomUUID()) }),
    limits: { fileSize: services.config.imports.maxUploadBytes, files: 1, fields: 10 },
    // Browsers send file names as UTF-8 (”närvaro.csv”), not latin1.
    defParamCharset: 'utf8',
  }).single('file');
  const base = '/omgangar/:id/skolor/:code/inlasning';
  router.use(base, ...requireRole('admin', 'principal'));

  const context = (req: Request) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    const school = services.imports.scopedSchool(req.actor!, round.id, String(req.params.code));
    return { round, school, basePath: `/omgangar/${round.id}/skolor/${school.code}/inlasning` };
  };
  const uploadPage = (req: Request, res: Response, status = 200, errors: { field: string; message: string }[] = []) => {
    const ctx = context(req);
    res.status(status).render('imports/upload', {
      title: t('imports.title', { school: ctx.school.name }),
      ...ctx,
      history: services.imports.history(req.actor!, ctx.round.id, ctx.school.code),
      maxUploadMb: services.config.imports.maxUploadBytes / 1048576,
      queue: services.imports.queueLoad(),
      errors,
    });
  };
  const discard = (req: Request) => {
    const p = req.session.pendingUpload;
    if (p) fs.rmSync(p.tmpFile, { force: true });
    delete req.session.pendingUpload;
  };
  const renderPreview = async (req: Request, res: Response, pending: PendingUpload, errors: FormError[] = []) => {
    const ctx = context(req);
    const result = await services.imports.preview(req.actor!, uploadRequest(pending));
    res.status(result.report.status === 'rejected' || errors.length ? 400 : 200).render('imports/preview', {
      title: t('imports.previewTitle'),
      ...ctx,
      ...result,
      ...previewLocals(pending, errors),
    });
  };

  router.get(base, (req, res) => uploadPage(req, res));

  router.post(
    base,
    (req: Request, res: Response, next: NextFunction) => {
      // Scope first: a file for a school the user may not upload for is never written to disk.
      // Nor for a closed round: the page says the round is closed, and nothing is read.
      if (context(req).round.state === 'closed') return uploadPage(req, res, 409);
      next();
    },
    (req: Request, res: Response, next: NextFunction) => {
      upload(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError) {
          const message =
            err.code === 'LIMIT_FILE_SIZE'
              ? t('imports.tooLarge', { mb: Math.round(services.config.imports.maxUploadBytes / 1048576) })
              : t('imports.badUpload');
          return uploadPage(req, res, 400, [{ field: 'file', message }]);
        }
        if (err) return next(err);
        next();
      });
    },
    async (req, res) => {
      if (!req.file) return uploadPage(req, res, 400, [{ field: 'file', message: t('imports.noFile') }]);
      const ctx = context(req);
      discard(req);
      const sheet = typeof req.body?.sheet === 'string' && req.body.sheet.trim() ? req.body.sheet.trim() : undefined;
      const pending: PendingUpload = {
        key: crypto.randomUUID(),
        roundId: ctx.round.id,
        schoolCode: ctx.school.code,
        tmpFile: req.file.path,
        fileName: req.file.originalname,
        sheet,
      };
      req.session.pendingUpload = pending;
      try {
        await renderPreview(req, res, pending);
      } catch (e) {
        if (!(e instanceof BusyError)) throw e;
        // Turned away by the import queue: the file is not kept; the page says why.
        discard(req);
        res.set('Retry-After', String(e.retryAfterSeconds));
        uploadPage(req, res, 503, [{ field: 'file', message: e.message }]);
      }
    },
  );

  // The user's choice of columns (or another sheet) for the waiting file.
  router.post(`${base}/kolumner`, async (req, res) => {
    const pending = pendingFor(req);
    const body = req.body as Record<string, unknown>;
    const mapping: ColumnMapping = {};
    for (const f of FIELDS) {
      const v = body[`map_${f}`];
      if (typeof v === 'string' && v !== '') mapping[f as Field] = v;
    }
    pending.mapping = mapping;
    if (typeof body.sheet === 'string' && body.sheet) pending.sheet = body.sheet;
    req.session.pendingUpload = pending;
    await renderPreview(req, res, pending);
  });

  // Meanings for the status words the preview listed (those no rule understood, and
  // those the school chose before). A blank choice leaves the word as it was.
  router.post(`${base}/statusord`, async (req, res) => {
    const pending = pendingFor(req);
    const body = req.body as Record<string, unknown>;
    const chosen: StatusWords = {};
    const errors: FormError[] = [];
    for (let i = 0; i < MAX_STATUS_WORDS_FORM; i++) {
      const word = body[`word_${i}`];
      if (typeof word !== 'string') break;
      const status = body[`status_${i}`];
      if (status === undefined || status === '') continue;
      const problem = typeof status === 'string' ? checkStatusChoice(word, status) : t('imports.statusWordBad', { word });
      if (problem) errors.push({ field: `status_${i}`, message: problem });
      else chosen[word] = status as Status;
    }
    if (!errors.length && !Object.keys(chosen).length) errors.push({ field: 'status_0', message: t('imports.statusWordNone') });
    // A bad choice changes nothing: the preview is shown again with the earlier choices.
    if (!errors.length) {
      pending.statusWords = { ...pending.statusWords, ...chosen };
      req.session.pendingUpload = pending;
    }
    await renderPreview(req, res, pending, errors);
  });

  router.post(`${base}/bekrafta`, async (req, res) => {
    const pending = pendingFor(req);
    const report = await services.imports.importFile(req.actor!, uploadRequest(pending));
    if (report.status !== 'committed') {
      // Show the report the commit attempt gave (e.g. the round closed meanwhile); the
      // file is not read and checked a second time.
      return res.status(400).render('imports/preview', {
        title: t('imports.previewTitle'),
        ...context(req),
        report,
        preview: null,
        layout: null,
        ...previewLocals(pending, []),
      });
    }
    discard(req);
    flash(req, t('imports.committed', { pupils: report.pupils, rows: report.rows, days: report.days }));
    // To the school's page: its flagged pupils are the next step (issue 15).
    res.redirect(303, `/omgangar/${pending.roundId}/skolor/${pending.schoolCode}`);
  });

  router.post(`${base}/avbryt`, (req, res) => {
    discard(req);
    flash(req, t('imports.cancelled'), 'info');
    res.redirect(303, context(req).basePath);
  });

  /** The waiting file must belong to this round, school and form. */
  function pendingFor(req: Request): PendingUpload {
    const ctx = context(req);
    const p = req.session.pendingUpload;
    const key = (req.body as Record<string, unknown>)?.pendingKey;
    if (!p || p.roundId !== ctx.round.id || p.schoolCode !== ctx.school.code || p.key !== key || !fs.existsSync(p.tmpFile)) {
      throw new NotFoundError(t('imports.noPending'));
    }
    return p;
  }
  return router;
}

function uploadRequest(p: PendingUpload): UploadRequest {
  return {
    roundId: p.roundId,
    schoolCode: p.schoolCode,
    filePath: p.tmpFile,
    fileName: p.fileName,
    sheet: p.sheet,
    mapping: p.mapping,
    statusWords: p.statusWords,
  };
}

type FormError = { field: string; message: string };

/** Word/status pairs read from the status-word form; more than the report lists is never sent. */
const MAX_STATUS_WORDS_FORM = 100;

/** What every render of the preview page needs besides the report. */
function previewLocals(pending: PendingUpload, errors: FormError[]) {
  return { pendingKey: pending.key, fields: FIELDS, fieldLabels: FIELD_LABELS, statuses: STATUSES, statusLabels: STATUS_LABELS, errors };
}

/** Files left by previews that were never confirmed (the session ended): gone after a day. */
function sweepOldFiles(dir: string, maxAgeMs: number): void {
  const limit = Date.now() - maxAgeMs;
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) {
    const file = path.join(dir, f);
    if (fs.statSync(file).mtimeMs < limit) fs.rmSync(file, { force: true });
  }
}
