import express, { type Express } from 'express';

/** Forms and JSON, small: files arrive as multipart and are handled by the upload routes. */
export function bodyParsing(app: Express): void {
  app.use(express.urlencoded({ extended: true, limit: '200kb' }));
  app.use(express.json({ limit: '200kb' }));
  // Express 5 leaves req.body undefined when nothing was parsed; handlers always get an object.
  app.use((req, _res, next) => {
    req.body ??= {};
    next();
  });
}
