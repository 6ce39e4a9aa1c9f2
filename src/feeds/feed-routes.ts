import { Router, type Request, type Response } from 'express';
import { plural, t } from '../i18n';
import type { Services } from '../services';
import { ValidationError } from '../shared';
import { flash, handleForm, idParam, requireRole } from '../web';
import { AUTH_KINDS } from './feed-repository';
import { stockholmShort, type FeedTestResult } from './feed-service';

/** The admin page of the SS 12000 feed: settings, the school-unit mapping, the rounds it fills. */
export function feedRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/flode', ...requireRole('admin'));
  const { feeds } = services;

  const locals = (req: Request, test: FeedTestResult | null = null) => {
    const actor = req.actor!;
    const settings = feeds.settings(actor);
    const rounds = feeds.rounds(actor).map((r) => ({
      ...r,
      runs: feeds
        .latestRuns(actor, r.round.id)
        .map((run) => ({ ...run, at: stockholmShort(run.finishedAt ?? run.startedAt), pupilsText: plural(run.pupils, 'elev', 'elever') })),
    }));
    return { title: t('feed.title'), settings, units: feeds.units(actor), rounds, authKinds: AUTH_KINDS, test };
  };
  const formValues = (req: Request) => {
    const s = feeds.settings(req.actor!);
    return s ? { ...s, requestsPerSecond: String(s.requestsPerSecond) } : { authKind: 'client_credentials', requestsPerSecond: '5', enabled: true };
  };
  const render = (req: Request, res: Response, test: FeedTestResult | null = null) =>
    res.render('feeds/admin', { ...locals(req, test), values: formValues(req), errors: [] });

  router.get('/admin/flode', (req, res) => render(req, res));

  router.post('/admin/flode', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const text = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
    const values = {
      baseUrl: text('baseUrl'),
      authKind: text('authKind'),
      tokenUrl: text('tokenUrl'),
      clientId: text('clientId'),
      clientSecret: text('clientSecret'),
      scope: text('scope'),
      certFile: text('certFile'),
      keyFile: text('keyFile'),
      requestsPerSecond: text('requestsPerSecond'),
      enabled: body.enabled === 'on',
    };
    // The secret typed is never sent back in the page, not even with errors.
    if (await handleForm(res, 'feeds/admin', locals(req), { ...values, clientSecret: '' }, () => feeds.save(req.actor!, values))) {
      flash(req, t('feed.saved'));
      res.redirect(303, '/admin/flode');
    }
  });

  router.post('/admin/flode/test', async (req, res) => {
    render(req, res, await feeds.test(req.actor!));
  });

  router.post('/admin/flode/omgangar/:id', (req, res) => {
    const on = (req.body as Record<string, unknown>).enabled === 'on';
    feeds.setRound(req.actor!, idParam(req), on);
    flash(req, t(on ? 'feed.roundEnabled' : 'feed.roundDisabled'));
    res.redirect(303, '/admin/flode');
  });

  router.post('/admin/flode/omgangar/:id/hamta', async (req, res) => {
    try {
      const r = await feeds.run(req.actor!, idParam(req));
      const failed = r.schools.filter((s) => s.status === 'failed').length;
      flash(req, t('feed.ran', { ok: plural(r.schools.length - failed, 'skola inläst', 'skolor inlästa'), failed }), failed ? 'warning' : 'success');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      flash(req, e.message, 'warning');
    }
    res.redirect(303, '/admin/flode');
  });
  return router;
}
