// The public surface of src/cases/: other folders import only this file (npm run lint checks).
export * from './case-api';
export * from './case-model';
export * from './case-sync';
export * from './case-repository';
export * from './case-routes';
export * from './case-service';
export * from './case-view';
