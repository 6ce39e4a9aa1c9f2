import { Router } from 'express';
import { t } from '../i18n';
import type { Services } from '../services';
import { safeNext } from '../web';
import { finishLogin } from './second-factor-routes';

/**
 * Login through the municipality's identity provider (OpenID Connect). Without
 * SAKNAD_OIDC_* both routes lead back to the login page. OIDC users skip Saknad's TOTP:
 * the provider's MFA is the municipality's.
 */
export function oidcRoutes(services: Services): Router {
  const router = Router();
  const oidc = services.oidc;
  if (!oidc) {
    router.get(['/login/oidc', '/login/oidc/callback'], (_req, res) => res.redirect(303, '/login'));
    return router;
  }

  router.get('/login/oidc', async (req, res) => {
    const { url, pending } = await oidc.start();
    req.session.oidcPending = pending;
    req.session.oidcNext = safeNext(req.query.next) ?? undefined;
    res.redirect(303, url);
  });

  router.get('/login/oidc/callback', async (req, res, next) => {
    const pending = req.session.oidcPending;
    const nextPath = req.session.oidcNext ?? null;
    // A state, nonce and verifier are good for one return only.
    delete req.session.oidcPending;
    delete req.session.oidcNext;
    const result = await oidc.finish(req.query as Record<string, unknown>, pending, String(req.id));
    if (!result.ok) {
      return res.status(result.reason === 'failed' ? 400 : 403).render('auth/oidc-refused', {
        title: t(`oidc.${result.reason}.title`),
        text: t(`oidc.${result.reason}.text`),
      });
    }
    finishLogin(req, res, next, services, result.actor.userId!, nextPath, { oidcIdToken: result.idToken });
  });

  return router;
}
