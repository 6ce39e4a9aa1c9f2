// The public surface of src/api/: other folders import only this file (npm run lint checks).
export * from './api-errors';
export * from './api-params';
export * from './api-router';
