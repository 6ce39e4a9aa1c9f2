// The public surface of src/feeds/: other folders import only this file (npm run lint checks).
export * from './feed-mapping';
export * from './feed-repository';
export * from './feed-routes';
export * from './feed-service';
// The SS 12000 client (src/feeds/ss12000, docs/ss12000-client.md), for the composition root and its tests.
export * from './ss12000';
