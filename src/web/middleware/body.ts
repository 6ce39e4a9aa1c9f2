import express, { type Express } from 'express';

/** Forms and JSON, small: files arrive as multipart and are handled by the upload routes. */
export function bodyParsing(app: Express): void {
  app.use(express.urlencoded({ extended: true, limit: '200kb' }));
  app.use(express.json({ limit: '200kb' }));
}
