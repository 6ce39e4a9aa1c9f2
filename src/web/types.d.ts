import type { Actor } from '../shared';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    csrfToken?: string;
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
