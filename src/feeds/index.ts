// The public surface of src/feeds/: other folders import only this file (npm run lint checks).
export * from './feed-mapping';
export * from './feed-repository';
export * from './feed-routes';
export * from './feed-service';
export { Ss12000Client, Ss12000Error, checkCivicNo } from './ss12000';
export type { Person, SchoolUnit, AggregatedAttendance, CivicNoCheck, Ss12000Api, Ss12000ClientOptions } from './ss12000';
