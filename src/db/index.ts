// The public surface of src/db/: other folders import only this file (npm run lint checks).
export * from './connection';
export * from './migrate';
export * from './read-cache';
