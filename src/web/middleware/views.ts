import path from 'node:path';
import ejs from 'ejs';
import type { Express } from 'express';
import { projectRoot } from '../../shared';

export const viewsDir = path.join(projectRoot, 'views');
const layoutFile = path.join(viewsDir, 'layout.ejs');

/**
 * EJS with one layout: a page renders into `body`, then the layout wraps it. A page
 * that must stand alone (printable documents, later) passes `layout: false`.
 */
export function viewEngine(app: Express, cache: boolean): void {
  app.engine('ejs', (file: string, options: object, cb: (e: unknown, html?: string) => void) => {
    const data = options as Record<string, unknown>;
    ejs.renderFile(file, data, { cache }, (err, body) => {
      if (err) return cb(err);
      if (data.layout === false) return cb(null, body);
      ejs.renderFile(layoutFile, { ...data, body }, { cache }, cb);
    });
  });
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  if (cache) app.enable('view cache');
}
