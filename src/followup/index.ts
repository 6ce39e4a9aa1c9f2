// The public surface of src/followup/: other folders import only this file (npm run lint checks).
export * from './followup-repository';
export * from './followup-routes';
export * from './followup-service';
