import { Router, type Request, type Response, type NextFunction } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { ValidationError } from '../shared';
import { startPathFor } from '../shared';

/** A password that was right waits this long for its second factor. */
const PENDING_MINUTES = 10;
/** Wrong codes before the half-done login is thrown away (the password must be typed again). */
const MAX_CODE_FAILURES = 5;
export const SECOND_FACTOR_PATH = '/login/tvafaktor';

/**
 * Ends a login: a new session id (against fixation) that carries the user. Until then a
 * password login holds only `pendingUserId`, which no guard reads, so the half-done
 * session opens nothing but the second-factor page.
 */
export function finishLogin(
  req: Request,
  res: Response,
  next: NextFunction,
  services: Services,
  userId: number,
  nextPath: string | null | undefined,
  extra: { oidcIdToken?: string } = {},
): void {
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.userId = userId;
    if (extra.oidcIdToken) req.session.oidcIdToken = extra.oidcIdToken;
    req.session.loginAt = services.clock().getTime();
    const actor = services.auth.actorFor(userId);
    res.redirect(303, nextPath ?? (actor ? startPathFor(actor) : '/login'));
  });
}

/** After a right password: straight in, or first to the second factor. */
export function afterPassword(req: Request, res: Response, next: NextFunction, services: Services, userId: number, nextPath: string | null): void {
  if (!services.secondFactor.required(userId)) return finishLogin(req, res, next, services, userId, nextPath);
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.pendingUserId = userId;
    req.session.pendingAt = services.clock().getTime();
    req.session.pendingNext = nextPath ?? undefined;
    res.redirect(303, SECOND_FACTOR_PATH);
  });
}

export function secondFactorRoutes(services: Services): Router {
  const router = Router();

  /** The user waiting for their second factor, or null (none, or waited too long). */
  const pending = (req: Request): number | null => {
    const id = req.session.pendingUserId;
    const at = req.session.pendingAt;
    if (id === undefined || at === undefined) return null;
    if (services.clock().getTime() - at > PENDING_MINUTES * 60_000) return null;
    return id;
  };

  const render = async (req: Request, res: Response, userId: number, status = 200, errors: { field: string; message: string }[] = []) => {
    if (services.secondFactor.enrolled(userId)) {
      return res.status(status).render('auth/second-factor', { title: t('secondFactor.title'), errors });
    }
    // Enrolment: a fresh secret kept in the half-done session until a first code confirms it.
    req.session.pendingSecret ??= services.secondFactor.newSecret();
    const email = services.auth.actorFor(userId)?.label ?? '';
    res.status(status).render('auth/second-factor-enrol', {
      title: t('secondFactor.enrolTitle'),
      errors,
      secret: req.session.pendingSecret,
      qrSvg: await services.secondFactor.qrSvg(email, req.session.pendingSecret),
    });
  };

  router.get(SECOND_FACTOR_PATH, async (req, res) => {
    const userId = pending(req);
    if (userId === null) return res.redirect(303, '/login');
    await render(req, res, userId);
  });

  router.post(SECOND_FACTOR_PATH, async (req, res, next) => {
    const userId = pending(req);
    if (userId === null) return res.redirect(303, '/login');
    const body = req.body as Record<string, unknown>;
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    const nextPath = req.session.pendingNext ?? null;
    const failed = async (message: string) => {
      req.session.pendingFailures = (req.session.pendingFailures ?? 0) + 1;
      if (req.session.pendingFailures >= MAX_CODE_FAILURES) {
        return req.session.regenerate((err) => (err ? next(err) : res.redirect(303, '/login')));
      }
      await render(req, res, userId, 401, [{ field: 'code', message }]);
    };
    if (!code) return render(req, res, userId, 400, [{ field: 'code', message: t('secondFactor.missing') }]);

    if (!services.secondFactor.enrolled(userId)) {
      // A code without the enrolment page having shown a secret: show it first.
      if (!req.session.pendingSecret) return res.redirect(303, SECOND_FACTOR_PATH);
      let codes: string[];
      try {
        codes = services.secondFactor.confirmEnrolment(userId, req.session.pendingSecret, code, String(req.id));
      } catch (e) {
        if (e instanceof ValidationError) return failed(e.errors[0]!.message);
        throw e;
      }
      // The codes are shown once, on this page; the login is complete behind it.
      return req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.userId = userId;
        req.session.loginAt = services.clock().getTime();
        const actor = services.auth.actorFor(userId);
        res.render('auth/recovery-codes', { title: t('secondFactor.codesTitle'), codes, continueTo: nextPath ?? (actor ? startPathFor(actor) : '/') });
      });
    }
    if (!services.secondFactor.verify(userId, code, String(req.id))) return failed(t('secondFactor.wrong'));
    finishLogin(req, res, next, services, userId, nextPath);
  });

  return router;
}
