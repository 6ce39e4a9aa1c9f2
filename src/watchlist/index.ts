// The public surface of src/watchlist/: other folders import only this file (npm run lint checks).
export * from './watchlist-api';
export * from './watchlist-repository';
export * from './watchlist-routes';
export * from './watchlist-service';
