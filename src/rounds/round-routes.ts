import { Router, type Request, type Response } from 'express';
import { hasRole } from '../shared';
import { plural, t } from '../i18n';
import type { Services } from '../services';
import { requireRole } from '../web';
import { flash, handleForm, idParam, listQuery } from '../web';
import { BREAK_TYPES } from './round-repository';
import { todayInStockholm } from '../calendar';
import { SCHOOL_STATUS_SV, statusCounts, type SchoolStatus } from './school-report-service';
import { offsetOf, pageQuery, PAGE_SIZE, paging, SEVERITIES_HIGHEST_FIRST, ValidationError } from '../shared';
import { z } from 'zod';

/** The board's `?status=` filter, when it names a status. */
export function statusFilter(req: Request): SchoolStatus | undefined {
  return typeof req.query.status === 'string' && req.query.status in SCHOOL_STATUS_SV ? (req.query.status as SchoolStatus) : undefined;
}

export function roundRoutes(services: Services): Router {
  const router = Router();
  const newLocals = (req: Request) => ({
    title: t('rounds.new'),
    action: '/omgangar',
    breakTypes: BREAK_TYPES,
    schools: services.schools.list(req.actor!).filter((s) => s.active),
  });

  router.get('/omgangar', ...requireRole('admin', 'coordinator', 'principal'), (req, res) => {
    res.render('rounds/list', { title: t('rounds.title'), rounds: services.rounds.list(req.actor!), canCreate: hasRole(req.actor!, 'admin') });
  });

  router.get('/omgangar/ny', ...requireRole('admin'), (req, res) =>
    res.render('rounds/new', { ...newLocals(req), values: { breakType: 'summer', schoolCodes: [] } }),
  );

  router.post('/omgangar', ...requireRole('admin'), async (req, res) => {
    const values = req.body as Record<string, unknown>;
    let id = 0;
    if (await handleForm(res, 'rounds/new', newLocals(req), values, () => (id = services.rounds.create(req.actor!, values).id))) {
      flash(req, t('rounds.created'));
      res.redirect(303, `/omgangar/${id}`);
    }
  });

  router.get('/omgangar/:id/andra', ...requireRole('admin'), (req, res) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    const codes = services.schools
      .list(req.actor!)
      .filter((s) => round.schoolIds.includes(s.id))
      .map((s) => s.code);
    res.render('rounds/new', {
      ...newLocals(req),
      title: t('rounds.edit'),
      action: `/omgangar/${round.id}/andra`,
      values: { ...round, deadline: round.deadline ?? '', recheckDate: round.recheckDate ?? '', schoolCodes: codes },
    });
  });

  router.post('/omgangar/:id/andra', ...requireRole('admin'), async (req, res) => {
    const id = idParam(req);
    const values = req.body as Record<string, unknown>;
    if (
      await handleForm(res, 'rounds/new', { ...newLocals(req), title: t('rounds.edit'), action: `/omgangar/${id}/andra` }, values, () =>
        services.rounds.update(req.actor!, id, values),
      )
    ) {
      flash(req, t('rounds.updated'));
      res.redirect(303, `/omgangar/${id}`);
    }
  });

  router.get('/omgangar/:id', ...requireRole('admin', 'coordinator', 'principal'), (req, res) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    // A principal sees only their own schools in the round.
    const schools = services.schools.list(req.actor!).filter((s) => round.schoolIds.includes(s.id));
    const flags = services.rules.flagPage(req.actor!, round.id, req.query);
    const filter = statusFilter(req);
    // The board (admins, coordinators) already has every school's current upload: read per
    // school only for a principal's few schools, and the report forms only where shown.
    const board = hasRole(req.actor!, 'admin', 'coordinator') ? services.schoolReports.board(req.actor!, round.id) : null;
    const uploads = board && new Map(board.map((b) => [b.school.code, b.uploadedAt ? { uploadedAt: b.uploadedAt, pupils: b.pupils } : null]));
    const status = new Map(schools.map((s) => [s.id, uploads ? uploads.get(s.code) : services.imports.latestUpload(req.actor!, round.id, s.code)]));
    const canUpload = hasRole(req.actor!, 'admin', 'principal');
    const formSchools = canUpload && round.state === 'open' ? schools : [];
    // One row per school (SQL counts per school); a large municipality's board is paged too.
    const shown = board && (filter ? board.filter((b) => b.status === filter) : board);
    const boardPage = z.object({ boardPage: pageQuery.page }).safeParse(req.query).data?.boardPage ?? 1;
    const boardPaging = shown && paging(shown.length, boardPage, PAGE_SIZE);
    res.render('rounds/show', {
      board: shown && shown.slice(offsetOf(boardPage, PAGE_SIZE), offsetOf(boardPage, PAGE_SIZE) + PAGE_SIZE),
      boardPaging,
      // A line per school whose latest SS 12000 fetch failed (it keeps its last good data).
      feedFailures: board ? services.feeds.boardLines(req.actor!, round.id) : new Map<string, string>(),
      boardCounts: board && statusCounts(board),
      boardFilter: filter ?? '',
      resets: new Map(formSchools.map((s) => [s.id, services.schoolReports.resetOf(req.actor!, round.id, s.code)])),
      statusNames: SCHOOL_STATUS_SV,
      isAdmin: hasRole(req.actor!, 'admin'),
      reports: new Map(formSchools.map((s) => [s.id, services.schoolReports.report(req.actor!, round.id, s.code)])),
      title: round.name,
      round,
      schools,
      status,
      flags,
      flagsQuery: listQuery({
        status: filter,
        school: flags.filter.school,
        severity: flags.filter.severity,
        limit: flags.filter.limit,
        boardPage: boardPage > 1 ? boardPage : undefined,
      }),
      boardQuery: listQuery({ status: filter, school: flags.filter.school, severity: flags.filter.severity, limit: flags.filter.limit }),
      severities: SEVERITIES_HIGHEST_FIRST,
      window: services.rounds.windowDates(round),
      canUpload,
      allSchools: hasRole(req.actor!, 'admin', 'coordinator'),
    });
  });
  router.get('/omgangar/:id/aterkontroll', ...requireRole('admin', 'coordinator'), (req, res) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    const page = services.rules.recheck(req.actor!, round.id, req.query);
    res.render('rounds/recheck', {
      title: t('recheck.title'),
      round,
      page,
      listQuery: listQuery({ school: page.filter.school, severity: page.filter.severity, limit: page.filter.limit }),
      today: todayInStockholm(services.clock),
    });
  });

  router.post('/omgangar/:id/oppna', ...requireRole('admin'), async (req, res) => {
    const { invitations, failed } = await services.rounds.open(req.actor!, idParam(req));
    flash(
      req,
      t('rounds.opened', { invitations: plural(invitations, 'inbjudan', 'inbjudningar') }) +
        (failed ? ' ' + t('rounds.inviteFailed', { invitations: plural(failed, 'inbjudan', 'inbjudningar') }) : ''),
      failed ? 'warning' : 'success',
    );
    res.redirect(303, `/omgangar/${idParam(req)}`);
  });

  // Closing freezes the round: a confirmation page says what freezes and which schools
  // have not confirmed; the POST needs its checkbox ticked (issue 15).
  const closePage = (req: Request, res: Response, status = 200, errors: { field: string; message: string }[] = []) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    const board = round.state === 'open' ? services.schoolReports.board(req.actor!, round.id) : [];
    const unconfirmed = board.filter((b) => b.status !== 'confirmed' && b.status !== 'nil_report').map((b) => b.school.name);
    res.status(status).render('rounds/close', { title: t('rounds.close'), round, schools: board.length, unconfirmed, errors });
  };
  router.get('/omgangar/:id/stang', ...requireRole('admin'), (req, res) => closePage(req, res));
  router.post('/omgangar/:id/stang', ...requireRole('admin'), (req, res) => {
    if ((req.body as { confirm?: unknown }).confirm !== 'on') return closePage(req, res, 400, [{ field: 'confirm', message: t('closeRound.confirmMissing') }]);
    try {
      services.rounds.close(req.actor!, idParam(req));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return closePage(
        req,
        res,
        400,
        e.errors.map((x) => ({ ...x, field: 'confirm' })),
      );
    }
    flash(req, t('rounds.closed'));
    res.redirect(303, `/omgangar/${idParam(req)}`);
  });

  router.get('/omgangar/:id/status.csv', ...requireRole('admin', 'coordinator'), (req, res) => {
    const csv = services.schoolReports.boardCsv(req.actor!, idParam(req), statusFilter(req));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="saknad-status-omgang-${idParam(req)}.csv"`);
    res.send(csv);
  });

  router.get('/omgangar/:id/status.xlsx', ...requireRole('admin', 'coordinator'), async (req, res) => {
    const xlsx = await services.schoolReports.boardXlsx(req.actor!, idParam(req), statusFilter(req));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="saknad-status-omgang-${idParam(req)}.xlsx"`);
    res.send(xlsx);
  });

  router.post('/omgangar/:id/skolor/:code/bekrafta', ...requireRole('admin', 'principal'), async (req, res) => {
    const roundId = idParam(req);
    const code = String(req.params.code);
    try {
      const report = await services.schoolReports.confirmAndNotify(req.actor!, roundId, code, req.body);
      flash(req, report.nilReport ? t('reports.nil') : t('reports.confirmed'));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      flash(req, e.message, 'warning');
    }
    // Back to the school's page, where the report and its pupils are (issue 15).
    res.redirect(303, `/omgangar/${roundId}/skolor/${encodeURIComponent(code)}`);
  });
  return router;
}
