// The public surface of src/demo/: other folders import only this file (npm run lint checks).
export * from './seed';
