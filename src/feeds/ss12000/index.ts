// The public surface of the SS 12000 client: the feed imports only this file.
export * from './types';
export { Ss12000Client } from './client';
export { Ss12000Error } from './errors';
export { checkCivicNo } from './civic-no';
