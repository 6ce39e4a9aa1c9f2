// The public surface of src/stats/: other folders import only this file (npm run lint checks).
export * from './stats-api';
export * from './stats-repository';
export * from './stats-routes';
export * from './stats-service';
