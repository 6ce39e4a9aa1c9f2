// The public surface of src/app-services/: other folders import only this file (npm run lint checks).
export * from './round-evaluation';
export * from './background-evaluation';
export * from './start-pages';
export * from './start-routes';
