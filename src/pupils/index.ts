// The public surface of src/pupils/: other folders import only this file (npm run lint checks).
export * from './pupil-repository';
