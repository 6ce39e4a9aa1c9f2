import type { Express } from 'express';
import session from 'express-session';
import type { Config } from '../../config';

/** Session cookie: httpOnly, SameSite=Lax, Secure behind TLS, expiring after idle time. */
export function sessions(app: Express, config: Config, store: session.Store): void {
  app.use(
    session({
      name: 'saknad.sid',
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: config.sessionIdleMinutes * 60_000,
      },
    }),
  );
}
