import { Router, type Request, type Response } from 'express';
import { hasRole } from '../shared';
import { t } from '../i18n';
import type { Services } from '../services';
import { ValidationError } from '../shared';
import { requireRole } from '../web';
import { flash, handleForm, idParam } from '../web';
import { CONTACT_METHODS, TRANSFERS } from './followup-repository';
import { METHOD_SV, TRANSFER_SV } from './followup-service';

export function followUpRoutes(services: Services): Router {
  const router = Router();
  const base = '/omgangar/:id/skolor/:code/elever';
  router.use(base, ...requireRole('admin', 'coordinator', 'principal'));

  const pageLocals = (req: Request) => {
    const roundId = idParam(req);
    const code = String(req.params.code);
    const pupilId = idParam(req, 'pupilId');
    const view = services.followUps.get(req.actor!, roundId, code, pupilId);
    const flags = services.rules.flagsFor(req.actor!, roundId, code, pupilId);
    return {
      title: t('followup.title'),
      round: services.rounds.get(req.actor!, roundId),
      code,
      ...view,
      flags,
      ruleTitle: services.rules.ruleTitle(),
      canEdit: hasRole(req.actor!, 'admin', 'principal'),
      methods: CONTACT_METHODS,
      methodNames: METHOD_SV,
      transfers: TRANSFERS,
      transferNames: TRANSFER_SV,
      basePath: `/omgangar/${roundId}/skolor/${code}/elever/${pupilId}`,
    };
  };
  const show = (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const locals = pageLocals(req);
    res.status(status).render('followup/show', { ...locals, values: locals.followUp ?? {}, attemptValues: {}, attemptErrors: [], ...extra });
  };

  router.get(`${base}/ny`, ...requireRole('admin', 'principal'), (req, res) => {
    // Scoped like its POST: another school's (or no school's) form is an audited 404.
    const { round, school } = services.followUps.addForm(req.actor!, idParam(req), String(req.params.code));
    res.render('followup/new', { title: t('followup.addTitle'), round, code: school.code, values: {} });
  });

  router.post(`${base}/ny`, ...requireRole('admin', 'principal'), async (req, res) => {
    const roundId = idParam(req);
    const code = String(req.params.code);
    let pupilId = 0;
    const locals = { title: t('followup.addTitle'), round: services.rounds.get(req.actor!, roundId), code };
    if (
      await handleForm(
        res,
        'followup/new',
        locals,
        req.body as Record<string, unknown>,
        () => (pupilId = services.followUps.addManual(req.actor!, roundId, code, req.body as Record<string, unknown>)),
      )
    ) {
      flash(req, t('followup.added'));
      res.redirect(303, `/omgangar/${roundId}/skolor/${code}/elever/${pupilId}`);
    }
  });

  router.get(`${base}/:pupilId`, (req, res) => show(req, res));

  router.post(`${base}/:pupilId`, ...requireRole('admin', 'principal'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (
      await handleForm(res, 'followup/show', { ...pageLocals(req), attemptValues: {}, attemptErrors: [] }, body, () =>
        services.followUps.save(req.actor!, idParam(req), String(req.params.code), idParam(req, 'pupilId'), body),
      )
    ) {
      flash(req, t('followup.saved'));
      // "Spara och tillbaka": to the school's list of flagged pupils, the next one to follow up (issue 15).
      res.redirect(303, body.next === 'school' ? `/omgangar/${idParam(req)}/skolor/${encodeURIComponent(String(req.params.code))}#flaggade` : req.originalUrl);
    }
  });

  router.post(`${base}/:pupilId/kontakt`, ...requireRole('admin', 'principal'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    try {
      services.followUps.addAttempt(req.actor!, idParam(req), String(req.params.code), idParam(req, 'pupilId'), body);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return show(req, res, 400, { attemptValues: body, attemptErrors: e.errors });
    }
    flash(req, t('followup.contactAdded'));
    res.redirect(303, req.originalUrl.replace(/\/kontakt$/, ''));
  });
  return router;
}
