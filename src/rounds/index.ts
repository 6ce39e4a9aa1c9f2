// The public surface of src/rounds/: other folders import only this file (npm run lint checks).
export * from './confirmation-resets';
export * from './mail-log-repository';
export * from './reminder-repository';
export * from './reminder-schedule';
export * from './reminder-service';
export * from './round-api';
export * from './round-repository';
export * from './round-routes';
export * from './round-service';
export * from './school-report-repository';
export * from './school-report-service';
export * from './school-page-routes';
