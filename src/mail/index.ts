// The public surface of src/mail/: other folders import only this file (npm run lint checks).
export * from './mail-service';
export * from './templates';
