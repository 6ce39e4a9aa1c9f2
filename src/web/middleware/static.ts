import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../../shared';

/** Design system CSS, its font and our own assets, served locally (the CSP allows no CDN). */
export function staticAssets(app: Express): void {
  const opts = { maxAge: '1h', index: false as const, setHeaders: (res: express.Response) => res.setHeader('Cache-Control', 'public, max-age=3600') };
  const ds = path.join(projectRoot, 'node_modules', '@digdir');
  app.get('/assets/ds/designsystemet.css', (_req, res) => res.sendFile(path.join(ds, 'designsystemet-css', 'dist', 'src', 'index.css'), opts));
  app.get('/assets/ds/theme.css', (_req, res) => res.sendFile(path.join(ds, 'designsystemet-theme', 'brand', 'digdir.css'), opts));
  app.get('/assets/vendor/chart.umd.min.js', (_req, res) => res.sendFile(path.join(projectRoot, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'), opts));
  // Inter's woff2 files from @fontsource/inter; public/fonts.css declares the ones used.
  app.use('/assets/fonts', onlyWoff2, express.static(path.join(projectRoot, 'node_modules', '@fontsource', 'inter', 'files'), opts));
  // Browsers ask for /favicon.ico on their own (downloads, error pages); the layout links the SVG.
  app.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').sendFile(path.join(projectRoot, 'public', 'favicon.svg'), opts));
  app.use('/assets', express.static(path.join(projectRoot, 'public'), opts));
}

/** Only the font files themselves, not the package's other files. */
function onlyWoff2(req: Request, res: Response, next: NextFunction): void {
  if (/^\/inter-[a-z-]+-\d{3}-normal\.woff2$/.test(req.path)) return next();
  res.status(404).end();
}
