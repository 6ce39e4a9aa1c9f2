/** Health checks: the public surface of the domain. */
export { HealthService, type Readiness, type HealthDeps } from './health-service';
export { HealthRepository } from './health-repository';
export { healthRoutes } from './health-routes';
export { startEventLoopReport, type EventLoopSample } from './event-loop-report';
