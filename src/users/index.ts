// The public surface of src/users/: other folders import only this file (npm run lint checks).
export * from './first-admin';
export * from './user-repository';
export * from './user-routes';
export * from './user-service';
