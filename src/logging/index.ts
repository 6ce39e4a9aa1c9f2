// The public surface of src/logging/: other folders import only this file (npm run lint checks).
export * from './logger';
export * from './request-context';
