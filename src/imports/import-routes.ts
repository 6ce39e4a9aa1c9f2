import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { t } from '../i18n';
import type { Services } from '../services';
import { BusyError, NotFoundError } from '../shared/errors';
import { requireRole } from '../web/middleware/auth';
import { flash, idParam } from '../web/forms';
import { FIELDS, FIELD_LABELS, type ColumnMapping, type Field } from './layout';
import type { UploadRequest } from './import-service';

/** The file waiting on the preview page, between upload and confirmation. */
interface PendingUpload {
  key: string;
  roundId: number;
  schoolCode: string;
  tmpFile: string;
  fileName: string;
  sheet?: string;
  mapping?: ColumnMapping;
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
  const renderPreview = async (req: Request, res: Response, pending: PendingUpload) => {
    const ctx = context(req);
    const result = await services.imports.preview(req.actor!, uploadRequest(pending));
    res.status(result.report.status === 'rejected' ? 400 : 200).render('imports/preview', {
      title: t('imports.previewTitle'),
      ...ctx,
      ...result,
      pendingKey: pending.key,
      fields: FIELDS,
      fieldLabels: FIELD_LABELS,
    });
  };

  router.get(base, (req, res) => uploadPage(req, res));

  router.post(base, (req: Request, _res: Response, next: NextFunction) => {
    // Scope first: a file for a school the user may not upload for is never written to disk.
    context(req);
    next();
  }, (req: Request, res: Response, next: NextFunction) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        const message = err.code === 'LIMIT_FILE_SIZE' ? t('imports.tooLarge', { mb: Math.round(services.config.imports.maxUploadBytes / 1048576) }) : t('imports.badUpload');
        return uploadPage(req, res, 400, [{ field: 'file', message }]);
      }
      if (err) return next(err);
      next();
    });
  }, async (req, res) => {
    if (!req.file) return uploadPage(req, res, 400, [{ field: 'file', message: t('imports.noFile') }]);
    const ctx = context(req);
    discard(req);
    const sheet = typeof req.body?.sheet === 'string' && req.body.sheet.trim() ? req.body.sheet.trim() : undefined;
    const pending: PendingUpload = { key: crypto.randomUUID(), roundId: ctx.round.id, schoolCode: ctx.school.code, tmpFile: req.file.path, fileName: req.file.originalname, sheet };
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
  });

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
        pendingKey: pending.key,
        fields: FIELDS,
        fieldLabels: FIELD_LABELS,
      });
    }
    discard(req);
    flash(req, t('imports.committed', { pupils: report.pupils, rows: report.rows, days: report.days }));
    res.redirect(303, `/omgangar/${pending.roundId}/skolor/${pending.schoolCode}/inlasning`);
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
  return { roundId: p.roundId, schoolCode: p.schoolCode, filePath: p.tmpFile, fileName: p.fileName, sheet: p.sheet, mapping: p.mapping };
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
