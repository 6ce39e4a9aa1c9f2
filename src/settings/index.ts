// The public surface of src/settings/: other folders import only this file (npm run lint checks).
export * from './settings-repository';
export * from './settings-routes';
export * from './settings-service';
export * from './reminder-defaults';
export * from './retention-defaults';
