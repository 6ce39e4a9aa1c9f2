import type { Actor } from '../shared';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
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
