import { NotFoundError } from '../shared';

/** An id from an API path: a positive integer, anything else is simply not found. */
export function idFromPath(raw: unknown, notFound = 'Sidan eller uppgiften finns inte.'): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(notFound);
  return id;
}

export const roundIdParam = (raw: unknown): number => idFromPath(raw, 'Omgången finns inte.');
