import { Router, type Request } from 'express';
import { hasRole } from '../shared';
import { t } from '../i18n';
import type { Services } from '../services';
import { NotFoundError } from '../shared';
import { requireRole } from '../web';
import { flash, handleForm, idParam } from '../web';
import { WATCH_REASONS } from './watchlist-repository';
import { REASON_SV } from './watchlist-service';

export function watchListRoutes(services: Services): Router {
  const router = Router();
  const path = '/omgangar/:id/bevakning';
  router.use(path, ...requireRole('admin', 'coordinator', 'principal'));

  const locals = (req: Request) => {
    const round = services.rounds.get(req.actor!, idParam(req));
    // Schools the user may add entries for: a principal's own, or all of the round's for an admin.
    const schools = hasRole(req.actor!, 'admin', 'principal')
      ? services.schools.list(req.actor!).filter((s) => round.schoolIds.includes(s.id) && (hasRole(req.actor!, 'admin') || req.actor!.schoolIds.includes(s.id)))
      : [];
    return { title: t('watch.title'), round, schools, entries: services.watchList.list(req.actor!, round.id), reasons: WATCH_REASONS, reasonNames: REASON_SV };
  };

  router.get(path, (req, res) => res.render('watchlist/list', { ...locals(req), values: { reasons: [] } }));

  router.post(path, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const schoolCode = typeof body.schoolCode === 'string' ? body.schoolCode : '';
    if (!schoolCode) throw new NotFoundError();
    if (
      await handleForm(res, 'watchlist/list', locals(req), { ...body, reasons: [].concat((body.reasons as never) ?? []) }, () =>
        services.watchList.add(req.actor!, idParam(req), schoolCode, body),
      )
    ) {
      flash(req, t('watch.added'));
      res.redirect(303, `/omgangar/${idParam(req)}/bevakning`);
    }
  });
  return router;
}
