import express, { type Express } from 'express';
import type pino from 'pino';
import { apiRouter } from './api/api-router';
import { auditRoutes } from './audit/audit-routes';
import { authRoutes } from './auth/auth-routes';
import { createLogger } from './logging/logger';
import { schoolRoutes } from './schools/school-routes';
import type { Services } from './services';
import { tokenRoutes } from './tokens/token-routes';
import { roundRoutes } from './rounds/round-routes';
import { importRoutes } from './imports/import-routes';
import { importApi } from './imports/import-api';
import { settingsRoutes } from './settings/settings-routes';
import { rulesApi } from './rules/rules-api';
import { rulesRoutes } from './rules/rules-routes';
import { roundApi } from './rounds/round-api';
import { watchListApi } from './watchlist/watchlist-api';
import { watchListRoutes } from './watchlist/watchlist-routes';
import { followUpRoutes } from './followup/followup-routes';
import { statsApi } from './stats/stats-api';
import { statsRoutes } from './stats/stats-routes';
import { userRoutes } from './users/user-routes';
import { caseApi } from './cases/case-api';
import { caseRoutes } from './cases/case-routes';
import { referralRoutes } from './referrals/referral-routes';
import { sessionActor } from './web/middleware/auth';
import { bodyParsing } from './web/middleware/body';
import { csrfProtection } from './web/middleware/csrf';
import { errorHandler, notFound } from './web/middleware/errors';
import { viewLocals } from './web/middleware/locals';
import { requestLogging } from './web/middleware/logging';
import { securityHeaders } from './web/middleware/security';
import { sessions } from './web/middleware/session';
import { staticAssets } from './web/middleware/static';
import { viewEngine } from './web/middleware/views';
import { startRoutes } from './web/start-routes';
import { healthRoutes } from './health';
import { retentionRoutes } from './retention/retention-routes';

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
  app.use('/api/v1', apiRouter(services, [importApi(services), rulesApi(services), roundApi(services), watchListApi(services), caseApi(services), statsApi(services)]));
  sessions(app, config, services.sessionStore);
  sessionActor(app, services);
  csrfProtection(app);
  viewLocals(app, services);

  app.use(startRoutes(services));
  app.use(authRoutes(services));
  app.use(schoolRoutes(services));
  app.use(userRoutes(services));
  app.use(auditRoutes(services));
  app.use(tokenRoutes(services));
  app.use(roundRoutes(services));
  app.use(importRoutes(services));
  app.use(settingsRoutes(services));
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
