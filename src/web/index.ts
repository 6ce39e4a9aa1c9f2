// The public surface of src/web/: other folders import only this file (npm run lint checks).
export * from './forms';
export * from './list-query';
export * from './middleware/auth';
export * from './middleware/body';
export * from './middleware/csrf';
export * from './middleware/errors';
export * from './middleware/locals';
export * from './middleware/logging';
export * from './middleware/security';
export * from './middleware/session';
export * from './middleware/static';
export * from './middleware/views';
