import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { t } from '../i18n';
import type { Services } from '../services';
import { CsrfError, csrfFieldOk, requireRole } from '../web';
import { flash, idParam } from '../web';
import { FIELDS, FIELD_LABELS, type ColumnMapping, type Field } from './layout';
import { STATUS_LABELS } from './import-report';
import { STATUSES, type Status } from './normalise';
import type { JobEnd, PendingView } from './pending-previews';
import { checkStatusChoice, type StatusWords } from './status-choices';

/** The upload form's path: its multipart body carries the CSRF token (csrfProtection's `multipartBody`). */
export const isUploadPath = (p: string): boolean => /^\/omgangar\/\d+\/skolor\/[^/]+\/inlasning\/?$/.test(p);

/**
 * How long a POST waits for its import job before it redirects anyway: a small file's
 * preview or commit is done by then and the next page shows it at once; a large one's
 * page shows its state and polls (views/imports/pending.ejs, public/upload.js).
 */
const WAIT_MS = 2_000;
/** Seconds between reloads of the status page without JavaScript (meta refresh). */
const REFRESH_SECONDS = 2;

/**
 * Web upload, Post/Redirect/Get (issue 15): POST the file → 303 to the pending preview's
 * page (GET …/inlasning/:previewId), which shows the preview, or while an import worker
 * still reads it, a status page that polls. Columns and status words are POSTs that read
 * the file again and redirect back; commit and discard are POSTs that redirect. The file
 * waits in data/tmp under a random name; only the import service decides what is stored.
 */
export function importRoutes(services: Services): Router {
  const router = Router();
  const tmpDir = path.join(services.config.dataDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const sweep = () => {
    services.pendingPreviews.sweep();
    sweepOldFiles(tmpDir, 24 * 3600_000, services.pendingPreviews.files());
  };
  sweep();
  // Previews never confirmed hold pupils' data: gone within a day.
  setInterval(sweep, 3600_000).unref();
  const upload = multer({
    storage: multer.diskStorage({ destination: tmpDir, filename: (_req, _file, cb) => cb(null, crypto.randomUUID()) }),
    limits: { fileSize: services.config.imports.maxUploadBytes, files: 1, fields: 10 },
    // Browsers send file names as UTF-8 (”närvaro.csv”), not latin1.
    defParamCharset: 'utf8',
    // The form's _csrf field comes before the file: a forged upload is refused before a byte is written.
    fileFilter: (req, _file, cb) => (csrfFieldOk(req) ? cb(null, true) : cb(new CsrfError('CSRF token missing or wrong'))),
  }).single('file');
  const base = '/omgangar/:id/skolor/:code/inlasning';
  const one = `${base}/:previewId`;
  router.use(base, ...requireRole('admin', 'principal'));

  const context = (req: Request) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    const school = services.imports.scopedSchool(req.actor!, round.id, String(req.params.code));
    return { round, school, basePath: `/omgangar/${round.id}/skolor/${school.code}/inlasning` };
  };
  const ids = (req: Request) => [req.actor!, idParam(req), String(req.params.code), String(req.params.previewId)] as const;
  const previewPath = (req: Request) => `${context(req).basePath}/${String(req.params.previewId)}`;
  const uploadPage = (req: Request, res: Response, status = 200, errors: FormError[] = []) => {
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
  const renderPreview = (req: Request, res: Response, view: PendingView, errors: FormError[] = []) => {
    const ctx = context(req);
    const result = view.result!;
    const closed = ctx.round.state === 'closed';
    // A GET shows what the file gave, rejected or not (200); only a form sent with errors answers 400.
    res.status(errors.length ? 400 : 200).render('imports/preview', {
      title: t('imports.previewTitle'),
      ...ctx,
      ...result,
      previewPath: `${ctx.basePath}/${view.id}`,
      roundClosed: closed,
      fields: FIELDS,
      fieldLabels: FIELD_LABELS,
      statuses: STATUSES,
      statusLabels: STATUS_LABELS,
      errors,
    });
  };
  /** Waits a moment for the job, so that a small file's next page is already the answer. */
  const settle = async (done: JobEnd) => {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), WAIT_MS)));
    const end = await Promise.race([done, waited]);
    clearTimeout(timer);
    return end;
  };
  /** The school's page in the round: where a principal goes on after a commit. */
  const schoolPage = (req: Request) => `/omgangar/${idParam(req)}/skolor/${String(req.params.code)}`;

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
        // No file part (so no fileFilter): the token is checked here.
        if (!csrfFieldOk(req)) {
          if (req.file) fs.rmSync(req.file.path, { force: true });
          return next(new CsrfError('CSRF token missing or wrong'));
        }
        next();
      });
    },
    async (req, res) => {
      if (!req.file) return uploadPage(req, res, 400, [{ field: 'file', message: t('imports.noFile') }]);
      const ctx = context(req);
      const sheet = typeof req.body?.sheet === 'string' && req.body.sheet.trim() ? req.body.sheet.trim() : undefined;
      const { id, done } = services.pendingPreviews.upload(req.actor!, {
        roundId: ctx.round.id,
        schoolCode: ctx.school.code,
        tmpFile: req.file.path,
        fileName: req.file.originalname,
        sheet,
      });
      const end = await settle(done);
      if (end?.busy) {
        // Turned away by the import queue: the file is not kept; the page says why.
        services.pendingPreviews.discard(req.actor!, ctx.round.id, ctx.school.code, id);
        res.set('Retry-After', String(end.busy.retryAfterSeconds));
        return uploadPage(req, res, 503, [{ field: 'file', message: end.busy.message }]);
      }
      res.redirect(303, `${ctx.basePath}/${id}`);
    },
  );

  router.get(one, (req, res) => {
    const view = services.pendingPreviews.view(...ids(req));
    if (view.state === 'committed') {
      const r = view.result!.report;
      flash(req, t('imports.committed', { pupils: r.pupils, rows: r.rows, days: r.days }));
      return res.redirect(303, schoolPage(req));
    }
    if (view.state === 'ready') return renderPreview(req, res, view);
    const ctx = context(req);
    const working = view.state !== 'failed';
    res.render('imports/pending', {
      title: t(view.state === 'committing' ? 'imports.pending.committingTitle' : working ? 'imports.pending.readingTitle' : 'imports.pending.failedTitle'),
      ...ctx,
      view,
      previewPath: `${ctx.basePath}/${view.id}`,
      refreshAfter: working ? REFRESH_SECONDS : 0,
    });
  });

  // The status page's poll (public/upload.js): the state, and whether reloading shows something new.
  router.get(`${one}/status`, (req, res) => {
    const view = services.pendingPreviews.view(...ids(req));
    res.json({ state: view.state, done: view.state === 'ready' || view.state === 'failed' || view.state === 'committed' });
  });

  // The user's choice of columns (or another sheet) for the waiting file.
  router.post(`${one}/kolumner`, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const mapping: ColumnMapping = {};
    for (const f of FIELDS) {
      const v = body[`map_${f}`];
      if (typeof v === 'string' && v !== '') mapping[f as Field] = v;
    }
    const sheet = typeof body.sheet === 'string' && body.sheet ? body.sheet : undefined;
    await settle(services.pendingPreviews.chooseColumns(...ids(req), mapping, sheet));
    res.redirect(303, previewPath(req));
  });

  // Meanings for the status words the preview listed (those no rule understood, and
  // those the school chose before). A blank choice leaves the word as it was.
  router.post(`${one}/statusord`, async (req, res) => {
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
    if (errors.length) {
      // A bad choice changes nothing: the preview is shown again, as it was read, with the errors.
      const view = services.pendingPreviews.view(...ids(req));
      if (view.state !== 'ready') return res.redirect(303, previewPath(req));
      return renderPreview(req, res, view, errors);
    }
    await settle(services.pendingPreviews.chooseStatusWords(...ids(req), chosen));
    res.redirect(303, previewPath(req));
  });

  router.post(`${one}/bekrafta`, async (req, res) => {
    const end = await settle(services.pendingPreviews.commit(...ids(req)));
    if (end?.busy) flash(req, end.busy.message, 'warning');
    const view = services.pendingPreviews.view(...ids(req));
    if (view.state !== 'committed') return res.redirect(303, previewPath(req));
    const r = view.result!.report;
    flash(req, t('imports.committed', { pupils: r.pupils, rows: r.rows, days: r.days }));
    res.redirect(303, schoolPage(req));
  });

  router.post(`${one}/avbryt`, (req, res) => {
    services.pendingPreviews.discard(...ids(req));
    flash(req, t('imports.cancelled'), 'info');
    res.redirect(303, context(req).basePath);
  });
  return router;
}

type FormError = { field: string; message: string };

/** Word/status pairs read from the status-word form; more than the report lists is never sent. */
const MAX_STATUS_WORDS_FORM = 100;

/** Files left by previews that were never confirmed: gone after a day; a file a preview still has (e.g. one being committed) stays. */
function sweepOldFiles(dir: string, maxAgeMs: number, inUse: ReadonlySet<string>): void {
  const limit = Date.now() - maxAgeMs;
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) {
    const file = path.join(dir, f);
    if (inUse.has(path.resolve(file))) continue;
    if (fs.statSync(file).mtimeMs < limit) fs.rmSync(file, { force: true });
  }
}
