import express, { type Express } from 'express';
import type pino from 'pino';
import { apiRouter } from './api';
import { auditRoutes } from './audit';
import { authRoutes, oidcRoutes, secondFactorRoutes } from './auth';
import { createLogger } from './logging';
import { schoolRoutes } from './schools';
import type { Services } from './services';
import { tokenRoutes } from './tokens';
import { roundRoutes, schoolPageRoutes } from './rounds';
import { importRoutes, isUploadPath } from './imports';
import { importApi } from './imports';
import { settingsRoutes } from './settings';
import { rulesApi } from './rules';
import { rulesRoutes } from './rules';
import { roundApi } from './rounds';
import { watchListApi } from './watchlist';
import { watchListRoutes } from './watchlist';
import { followUpRoutes } from './followup';
import { statsApi } from './stats';
import { statsRoutes } from './stats';
import { userRoutes } from './users';
import { caseApi } from './cases';
import { caseRoutes } from './cases';
import { referralRoutes } from './referrals';
import { sessionActor } from './web';
import { bodyParsing } from './web';
import { csrfProtection } from './web';
import { errorHandler, notFound } from './web';
import { viewLocals } from './web';
import { requestLogging } from './web';
import { securityHeaders } from './web';
import { sessions } from './web';
import { staticAssets } from './web';
import { viewEngine } from './web';
import { startRoutes } from './app-services';
import { healthRoutes } from './health';
import { retentionRoutes } from './retention';
import { feedRoutes } from './feeds';

/**
 * The composition root of the web app. Middleware bundles run in this fixed order:
 * logging, security headers, static assets (before sessions, so assets make none),
 * views, body parsing, API (bearer tokens, no session), sessions, the acting user, CSRF,
 * view locals, then the page routes, 404 and the one error handler.
 */
export function createApp(services: Services, logger: pino.Logger = createLogger(services.config.logLevel)): Express {
  const { config } = services;
  const app = express();
  requestLogging(app, logger);
  securityHeaders(app, config);
  staticAssets(app);
  // Health checks for the load balancer: anonymous, before sessions (they make none).
  app.use(healthRoutes(services.health));
  viewEngine(app, config.production);
  bodyParsing(app);
  app.use(
    '/api/v1',
    apiRouter(services, [importApi(services), rulesApi(services), roundApi(services), watchListApi(services), caseApi(services), statsApi(services)]),
  );
  sessions(app, config, services.sessionStore);
  sessionActor(app, services);
  csrfProtection(app, { multipartBody: isUploadPath });
  viewLocals(app, services);

  app.use(startRoutes(services));
  app.use(authRoutes(services));
  app.use(secondFactorRoutes(services));
  app.use(oidcRoutes(services));
  app.use(schoolRoutes(services));
  app.use(userRoutes(services));
  app.use(auditRoutes(services));
  app.use(tokenRoutes(services));
  app.use(roundRoutes(services));
  app.use(schoolPageRoutes(services));
  app.use(importRoutes(services));
  app.use(settingsRoutes(services));
  app.use(feedRoutes(services));
  app.use(retentionRoutes(services));
  app.use(rulesRoutes(services));
  app.use(watchListRoutes(services));
  app.use(followUpRoutes(services));
  app.use(caseRoutes(services));
  app.use(referralRoutes(services));
  app.use(statsRoutes(services));

  notFound(app);
  errorHandler(app, config.production, logger);
  return app;
}
