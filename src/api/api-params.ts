import { idOrNotFound } from '../shared';

/** An id from an API path: a positive integer, anything else is simply not found. */
export function idFromPath(raw: unknown, notFound?: string): number {
  return idOrNotFound(raw, notFound);
}

export const roundIdParam = (raw: unknown): number => idFromPath(raw, 'Omgången finns inte.');
