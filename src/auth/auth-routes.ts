import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { startPathFor } from '../shared';
import { formatDateTime, t } from '../i18n';
import type { Services } from '../services';
import { flash, handleForm, safeNext } from '../web';

export function authRoutes(services: Services): Router {
  const router = Router();
  // Per-address limit on top of the per-account lockout, against password spraying.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: 50,
    // Colleagues behind one municipal address share the limit: only failures count.
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).render('auth/login', { title: t('login.title'), errors: [{ field: 'email', message: t('login.rateLimited') }], values: {}, next: null });
    },
  });

  router.get('/login', (req, res) => {
    if (req.actor) return res.redirect(303, startPathFor(req.actor));
    res.render('auth/login', { title: t('login.title'), next: safeNext(req.query.next), loggedOut: req.query.utloggad === '1' });
  });

  router.post('/login', loginLimiter, async (req, res, next) => {
    const body = req.body as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const nextPath = safeNext(body.next);
    const render = (status: number, errors: { field: string; message: string }[]) =>
      res.status(status).render('auth/login', { title: t('login.title'), errors, values: { email }, next: nextPath });
    const missing = [];
    if (!email) missing.push({ field: 'email', message: 'Ange din e-postadress.' });
    if (!password) missing.push({ field: 'password', message: 'Ange ditt lösenord.' });
    if (missing.length) return render(400, missing);
    const result = await services.auth.login(email, password, String(req.id));
    if (!result.ok) {
      const message = result.reason === 'locked' ? t('login.locked', { time: formatDateTime(result.lockedUntil) }) : t('login.invalid');
      return render(401, [{ field: 'email', message }]);
    }
    // New session id at login against session fixation.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = result.actor.userId!;
      req.session.loginAt = services.clock().getTime();
      res.redirect(303, nextPath ?? startPathFor(result.actor));
    });
  });

  router.post('/logout', (req, res, next) => {
    if (req.actor) services.auth.logout(req.actor, String(req.id));
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('saknad.sid');
      res.redirect(303, '/login?utloggad=1');
    });
  });

  router.get('/losenord', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!token || !services.users.passwordLinkValid(token)) {
      return res.status(400).render('auth/set-password', { title: t('password.title'), token: '', invalid: true });
    }
    res.render('auth/set-password', { title: t('password.title'), token, invalid: false });
  });

  router.post('/losenord', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const ok = await handleForm(res, 'auth/set-password', { title: t('password.title'), token, invalid: false }, {}, () =>
      services.users.setPasswordWithToken(token, str(body.password), str(body.confirm)),
    );
    if (!ok) return;
    flash(req, t('password.done'));
    res.redirect(303, '/login');
  });

  return router;
}
