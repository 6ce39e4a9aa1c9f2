// The public surface of src/tokens/: other folders import only this file (npm run lint checks).
export * from './token-repository';
export * from './token-routes';
export * from './token-service';
