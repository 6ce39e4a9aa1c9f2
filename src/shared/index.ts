// The public surface of src/shared/: other folders import only this file (npm run lint checks).
export * from './attendance-status';
export * from './attendance-summary';
export * from './clock';
export * from './csv';
export * from './errors';
export * from './located';
export * from './mask';
export * from './project-root';
export * from './roles';
export * from './password';
export * from './severity';
export * from './ids';
export * from './daily-job';
export * from './paging';
export * from './module-worker';
