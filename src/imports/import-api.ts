import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Router } from 'express';
import multer from 'multer';
import { apiError } from '../api';
import type { Services } from '../services';
import { roundIdParam } from '../api';
import { parseStatusAssignments } from './status-choices';
import { t } from '../i18n';

/** `status` fields accepted with one file: a status column holds a handful of words. */
const MAX_STATUS_FIELDS = 50;

/**
 * POST /api/v1/rounds/{id}/schools/{code}/uploads — multipart `file`, optional `sheet`,
 * and `status` fields `WORD=STATUS` (repeatable, as the CLI's --status) for status words
 * no rule understands; they are saved for the school when the file is committed.
 * Answers with the import report: 201 when committed, 422 when the file was rejected
 * (every error listed; nothing stored).
 */
export function importApi(services: Services): (r: Router) => void {
  const tmpDir = path.join(services.config.dataDir, 'tmp');
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        fs.mkdirSync(tmpDir, { recursive: true });
        cb(null, tmpDir);
      },
      filename: (_req, _file, cb) => cb(null, crypto.randomUUID()),
    }),
    limits: { fileSize: services.config.imports.maxUploadBytes, files: 1, fields: 5 + MAX_STATUS_FIELDS },
    defParamCharset: 'utf8',
  }).single('file');

  return (router) => {
    router.post(
      '/rounds/:id/schools/:code/uploads',
      (req, _res, next) => {
        // Scope first: nothing is written to disk for a round or school outside it.
        const roundId = roundIdParam(req.params.id);
        services.imports.scopedSchool(req.actor!, roundId, String(req.params.code));
        next();
      },
      (req, res, next) => {
        upload(req, res, (err: unknown) => {
          if (err instanceof multer.MulterError) {
            return err.code === 'LIMIT_FILE_SIZE'
              ? apiError(res, 413, 'file_too_large', t('imports.errors.filenArForStor', { max: Math.round(services.config.imports.maxUploadBytes / 1048576) }))
              : apiError(res, 400, 'bad_upload', t('imports.errors.skickaFilenMultipartForm'));
          }
          next(err);
        });
      },
      async (req, res) => {
        const roundId = roundIdParam(req.params.id);
        if (!req.file) return apiError(res, 400, 'file_missing', t('imports.errors.skickaFilenMultipartForm'));
        try {
          const given: unknown = req.body?.status;
          const items = given === undefined ? [] : Array.isArray(given) ? given : [given];
          const statusWords = parseStatusAssignments(items.map(String));
          if (!statusWords.ok) return apiError(res, 400, 'bad_status', statusWords.errors.join(' '));
          const sheet = typeof req.body?.sheet === 'string' && req.body.sheet ? req.body.sheet : undefined;
          const report = await services.imports.importFile(req.actor!, {
            roundId,
            schoolCode: String(req.params.code),
            filePath: req.file.path,
            fileName: req.file.originalname,
            sheet,
            statusWords: statusWords.words,
          });
          res.status(report.status === 'committed' ? 201 : 422).json(report);
        } finally {
          fs.rmSync(req.file.path, { force: true });
        }
      },
    );
  };
}
