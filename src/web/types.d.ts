import type { Actor } from '../auth/roles';

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
