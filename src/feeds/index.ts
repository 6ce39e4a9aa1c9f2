// The public surface of src/feeds/: other folders import only this file (npm run lint checks).
export * from './ss12000';
