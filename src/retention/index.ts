/** Retention (gallring): the public surface of the domain. */
export { RetentionService, type RetentionDeps, type RetentionReport, type RoundRetention } from './retention-service';
export { RetentionRepository, type RoundCounts } from './retention-repository';
export { RETENTION_DEFAULTS, type RetentionSettings } from './retention-policy';
export { retentionRoutes } from './retention-routes';
