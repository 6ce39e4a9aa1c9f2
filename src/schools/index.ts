// The public surface of src/schools/: other folders import only this file (npm run lint checks).
export * from './school-repository';
export * from './school-routes';
export * from './school-service';
