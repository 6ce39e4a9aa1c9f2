// The public surface of src/auth/: other folders import only this file (npm run lint checks).
export * from './auth-routes';
export * from './auth-service';
export * from './session-store';
