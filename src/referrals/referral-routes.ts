import { Router, type Request, type Response } from 'express';
import { formatDateTime, t } from '../i18n';
import { URGENCIES, URGENCY_SV } from '../cases';
import { pupilView } from '../cases';
import type { Services } from '../services';
import { ValidationError } from '../shared';
import { requireLogin, requireRole } from '../web';
import { flash, handleForm, idParam } from '../web';
import { EMERGENCY_STEPS, referralPdf } from './referral-pdf';
import { YES_NO, YES_NO_SV } from './referral-schema';

/** The referral form, the referral page (print and PDF), the social services inbox and the admin register. */
export function referralRoutes(services: Services): Router {
  const router = Router();

  const renderForm = (req: Request, res: Response, status: number, values?: Record<string, unknown>, errors: unknown[] = []) => {
    const caseId = idParam(req);
    const f = services.referrals.form(req.actor!, caseId);
    if (f.sent) return res.redirect(303, `/orosanmalningar/${f.sent.id}`);
    const v = values ?? f.values;
    const urgency = req.query.bradska === 'akut' ? 'acute' : String(v.urgency ?? 'normal');
    const unit = f.units.find((u) => u.id === Number(v.unitId)) ?? f.units[0];
    res.status(status).render('referrals/form', {
      title: t('referral.title'),
      caseId,
      pupil: pupilView(f.row),
      row: { schoolName: f.row.schoolName, roundName: f.row.roundName },
      units: f.units,
      routine: f.routine,
      values: { ...v, urgency },
      errors,
      emergency: urgency === 'acute' ? EMERGENCY_STEPS(unit?.onCallPhone ?? '112') : null,
      urgencies: URGENCIES,
      urgencyNames: URGENCY_SV,
      yesNo: YES_NO,
      yesNoNames: YES_NO_SV,
      isDraft: !!f.draft,
    });
  };

  router.get('/arenden/:id/orosanmalan', requireLogin, (req, res) => renderForm(req, res, 200));

  router.post('/arenden/:id/orosanmalan', requireLogin, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const send = body.action === 'send';
    try {
      const r = await services.referrals.save(req.actor!, idParam(req), body, send);
      flash(req, t(send ? 'referral.sent' : 'referral.saved'));
      return res.redirect(303, send ? `/orosanmalningar/${r.id}` : `/arenden/${idParam(req)}/orosanmalan`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      if (e.errors[0]?.field === 'referral') {
        flash(req, e.message, 'warning');
        return res.redirect(303, `/arenden/${idParam(req)}`);
      }
      return renderForm(req, res, 400, body, e.errors);
    }
  });

  const show = (req: Request, res: Response, reveal: boolean, status = 200, errors: unknown[] = []) => {
    const r = services.referrals.get(req.actor!, idParam(req), reveal);
    res.status(status).render('referrals/show', {
      title: t('referral.title'),
      r,
      errors,
      emergency: r.urgency === 'acute' ? EMERGENCY_STEPS(r.unit.onCallPhone) : null,
      formatDateTime,
      canAcknowledge: req.actor!.roles.includes('social_services') && r.state === 'sent',
      canReveal: r.pupilProtected && !r.revealed && req.actor!.roles.some((x) => x === 'coordinator' || x === 'social_services'),
    });
  };
  router.get('/orosanmalningar/:id', requireLogin, (req, res) => show(req, res, false));
  router.post('/orosanmalningar/:id/visa-identitet', requireLogin, (req, res) => show(req, res, true));

  const pdf = async (req: Request, res: Response, reveal: boolean) => {
    const r = services.referrals.get(req.actor!, idParam(req), reveal);
    const buf = await referralPdf(r, services.settings.get('municipalityName'));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="orosanmalan-${r.id}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(buf);
  };
  router.get('/orosanmalningar/:id/pdf', requireLogin, (req, res) => pdf(req, res, false));
  router.post('/orosanmalningar/:id/pdf', requireLogin, (req, res) => pdf(req, res, true));

  router.post('/orosanmalningar/:id/bekrafta', requireLogin, async (req, res) => {
    try {
      await services.referrals.acknowledge(req.actor!, idParam(req), req.body);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return show(req, res, false, 400, e.errors);
    }
    flash(req, t('referral.acknowledged'));
    res.redirect(303, `/orosanmalningar/${idParam(req)}`);
  });

  router.get('/socialtjanst', ...requireRole('social_services'), (req, res) => {
    res.render('referrals/inbox', { title: t('start.social_services.title'), referrals: services.referrals.inbox(req.actor!), formatDateTime });
  });

  // The municipal register of units and the routine (admin).
  router.use('/admin/orosanmalan', ...requireRole('admin'));
  const adminLocals = (req: Request) => ({ title: t('referralAdmin.title'), units: services.referrals.units(req.actor!) });
  router.get('/admin/orosanmalan', (req, res) => res.render('referrals/admin', { ...adminLocals(req), values: services.referrals.routine(req.actor!) }));
  router.post('/admin/orosanmalan', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (await handleForm(res, 'referrals/admin', adminLocals(req), body, () => services.referrals.saveRoutine(req.actor!, body))) {
      flash(req, t('referralAdmin.saved'));
      res.redirect(303, '/admin/orosanmalan');
    }
  });
  const unitLocals = (req: Request, id: number | null) => ({ title: t('referralAdmin.unit'), ...services.referrals.unitForm(req.actor!, id), id });
  router.get('/admin/orosanmalan/enheter/ny', (req, res) => res.render('referrals/unit', { ...unitLocals(req, null), values: { active: true } }));
  router.get('/admin/orosanmalan/enheter/:id', (req, res) => {
    const l = unitLocals(req, idParam(req));
    res.render('referrals/unit', { ...l, values: { ...l.unit, members: l.members } });
  });
  const saveUnit = (id: (req: Request) => number | null) => async (req: Request, res: Response) => {
    const body = req.body as Record<string, unknown>;
    const members = (Array.isArray(body.members) ? body.members : body.members === undefined ? [] : [body.members]).map(Number);
    if (
      await handleForm(res, 'referrals/unit', unitLocals(req, id(req)), { ...body, members, active: body.active === 'on' }, () =>
        services.referrals.saveUnit(req.actor!, id(req), body),
      )
    ) {
      flash(req, t('referralAdmin.unitSaved'));
      res.redirect(303, '/admin/orosanmalan');
    }
  };
  router.post(
    '/admin/orosanmalan/enheter/ny',
    saveUnit(() => null),
  );
  router.post(
    '/admin/orosanmalan/enheter/:id',
    saveUnit((req) => idParam(req)),
  );
  return router;
}
