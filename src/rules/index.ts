// The public surface of src/rules/: other folders import only this file (npm run lint checks).
export * from './flag-evaluator';
export * from './flag-json';
export * from './flag-page';
export * from './rules-api';
export * from './rules-repository';
export * from './rules-routes';
export * from './rules-service';
export * from './types';
export { absenceSummaryText, anyOfSchoolDaysText, daysText, evidenceSentences, fullDateText, minutesSummaryText, schoolDaysText } from './engine';
export * from './attendance-window';
