import path from 'node:path';
import express, { type Express } from 'express';
import { projectRoot } from '../../shared';

/** Design system CSS and our own assets, served locally (the CSP allows no CDN). */
export function staticAssets(app: Express): void {
  const opts = { maxAge: '1h', index: false as const, setHeaders: (res: express.Response) => res.setHeader('Cache-Control', 'public, max-age=3600') };
  const ds = path.join(projectRoot, 'node_modules', '@digdir');
  app.get('/assets/ds/designsystemet.css', (_req, res) => res.sendFile(path.join(ds, 'designsystemet-css', 'dist', 'src', 'index.css'), opts));
  app.get('/assets/ds/theme.css', (_req, res) => res.sendFile(path.join(ds, 'designsystemet-theme', 'brand', 'digdir.css'), opts));
  app.get('/assets/vendor/chart.umd.min.js', (_req, res) => res.sendFile(path.join(projectRoot, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'), opts));
  app.use('/assets', express.static(path.join(projectRoot, 'public'), opts));
}
