import type { Actor } from '../shared';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    /** A right password waiting for its second factor: opens nothing but that page. */
    pendingUserId?: number;
    pendingAt?: number;
    pendingNext?: string;
    /** The TOTP secret shown during enrolment, stored only once a first code confirms it. */
    pendingSecret?: string;
    pendingFailures?: number;
    /** Between the redirect to the identity provider and its return: state, nonce, PKCE verifier. */
    oidcPending?: { state: string; nonce: string; codeVerifier: string };
    oidcNext?: string;
    /** The ID token of an OIDC login, for the provider's logout (id_token_hint). */
    oidcIdToken?: string;
    csrfToken?: string;
    /** When the user logged in (epoch ms, injected clock): the absolute lifetime counts from here. */
    loginAt?: number;
    /** One message to show on the next page (after a redirect). */
    flash?: { kind: 'success' | 'info' | 'warning'; text: string };
  }
}

declare global {
  namespace Express {
    interface Request {
      actor?: Actor;
    }
  }
}

export {};
