import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { startPathFor } from '../shared';
import { afterPassword } from './second-factor-routes';
import { t } from '../i18n';
import { cookieValue, DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from './device-cookie';
import type { Services } from '../services';
import { flash, handleForm, requireRole, safeNext } from '../web';

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
      res
        .status(429)
        .render('auth/login', { title: t('login.title'), errors: [{ field: 'email', message: t('login.rateLimited') }], values: {}, next: null, ...methods() });
    },
  });

  // What the login page offers: the identity provider's button, the password form, or both.
  const methods = () => ({ oidcOn: services.oidc !== null, passwordOn: services.auth.passwordLoginAllowed() });

  router.get('/login', (req, res) => {
    if (req.actor) return res.redirect(303, startPathFor(req.actor));
    res.render('auth/login', { title: t('login.title'), next: safeNext(req.query.next), loggedOut: req.query.utloggad === '1', ...methods() });
  });

  router.post('/login', loginLimiter, async (req, res, next) => {
    const body = req.body as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const nextPath = safeNext(body.next);
    const render = (status: number, errors: { field: string; message: string }[]) =>
      res.status(status).render('auth/login', { title: t('login.title'), errors, values: { email }, next: nextPath, ...methods() });
    if (!services.auth.passwordLoginAllowed()) return render(403, [{ field: 'email', message: t('login.passwordOff') }]);
    const missing = [];
    if (!email) missing.push({ field: 'email', message: 'Ange din e-postadress.' });
    if (!password) missing.push({ field: 'password', message: 'Ange ditt lösenord.' });
    if (missing.length) return render(400, missing);
    const result = await services.auth.login(email, password, String(req.id), {
      address: req.ip,
      device: cookieValue(req.headers.cookie, DEVICE_COOKIE),
    });
    if (!result.ok) {
      // The throttle counts this client only; a lock is never told to the caller (issue 18).
      if (result.reason === 'throttled') return render(429, [{ field: 'email', message: t('login.throttled', { seconds: String(result.waitSeconds) }) }]);
      return render(401, [{ field: 'email', message: t('login.invalid') }]);
    }
    res.cookie(DEVICE_COOKIE, result.device, {
      httpOnly: true,
      sameSite: 'lax',
      secure: services.config.secureCookies,
      maxAge: DEVICE_COOKIE_DAYS * 86_400_000,
    });
    // New session id at login against session fixation; the second factor first where required.
    afterPassword(req, res, next, services, result.actor.userId!, nextPath);
  });

  router.post('/logout', async (req, res, next) => {
    if (req.actor) services.auth.logout(req.actor, String(req.id));
    // After an OIDC login, the provider's session ends too where it offers end_session.
    const providerLogout = services.oidc ? await services.oidc.logoutUrl(req.session.oidcIdToken) : null;
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('saknad.sid');
      if (!providerLogout) return res.redirect(303, '/login?utloggad=1');
      // The CSP's form-action 'self' stops a form's redirect to another site, so this page
      // moves on to the provider by itself (meta refresh), with a link as a fallback.
      res.render('auth/logged-out-provider', { title: t('logout.title'), refreshTo: providerLogout, providerLogout, actor: null, nav: [] });
    });
  });

  router.get('/admin/inloggning', ...requireRole('admin'), (req, res) => {
    res.render('auth/login-settings', {
      title: t('loginSettings.title'),
      values: services.auth.loginSettings(req.actor!),
      settings: services.auth.loginSettings(req.actor!),
    });
  });

  router.post('/admin/inloggning', ...requireRole('admin'), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = { passwordLoginOff: body.passwordLoginOff === 'on', secondFactorForAll: body.secondFactorForAll === 'on' };
    const locals = { title: t('loginSettings.title'), settings: services.auth.loginSettings(req.actor!) };
    if (await handleForm(res, 'auth/login-settings', locals, values, () => services.auth.saveLoginSettings(req.actor!, values))) {
      flash(req, t('loginSettings.saved'));
      res.redirect(303, '/admin/inloggning');
    }
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
