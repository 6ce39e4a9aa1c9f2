// The public surface of src/audit/: other folders import only this file (npm run lint checks).
export * from './audit-repository';
export * from './audit-routes';
export * from './audit-service';
export * from './audit-labels';
