// The public surface of src/imports/: other folders import only this file (npm run lint checks).
export * from './coverage';
export * from './import-api';
export * from './import-report';
export * from './import-repository';
export * from './import-routes';
export * from './import-service';
export * from './import-workers';
export * from './pending-preview-repository';
export * from './pending-previews';
export * from './interpret/interpreter';
export * from './normalise';
export * from './read/xlsx-text-caps';
export * from './status-choices';
