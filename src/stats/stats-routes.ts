import { Router, type Response } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import { idParam } from '../web';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(res: Response, file: string, body: Buffer): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
  res.send(body);
}

/** Statistics pages: index, round report (also printable and .xlsx), county board export, trends. */
export function statsRoutes(services: Services): Router {
  const router = Router();
  router.use('/statistik', ...requireRole('admin', 'coordinator'));
  const { stats } = services;

  router.get('/statistik', (req, res) => res.render('stats/index', { title: t('stats.title'), rounds: stats.rounds(req.actor!) }));

  router.get('/statistik/utveckling', (req, res) => res.render('stats/trends', { title: t('stats.trends.title'), trends: stats.trends(req.actor!) }));

  router.get('/statistik/omgangar/:id', (req, res) => {
    const report = stats.roundReport(req.actor!, idParam(req));
    res.render('stats/round', { title: t('stats.report.heading', { round: report.round.name }), report });
  });

  router.get('/statistik/omgangar/:id/utskrift', (req, res) => {
    const report = stats.roundReport(req.actor!, idParam(req));
    res.render('stats/print', { title: t('stats.report.heading', { round: report.round.name }), report, layout: false });
  });

  router.get('/statistik/omgangar/:id/statistik.xlsx', async (req, res) => {
    sendXlsx(res, `saknad-statistik-omgang-${idParam(req)}.xlsx`, await stats.roundXlsx(req.actor!, idParam(req)));
  });

  router.get('/statistik/omgangar/:id/lansstyrelsen', (req, res) => {
    res.render('stats/county', { title: t('stats.county.title'), county: stats.county(req.actor!, idParam(req)) });
  });

  router.get('/statistik/omgangar/:id/lansstyrelsen.xlsx', async (req, res) => {
    sendXlsx(res, `saknad-lansstyrelsen-omgang-${idParam(req)}.xlsx`, await stats.countyXlsx(req.actor!, idParam(req)));
  });
  return router;
}
