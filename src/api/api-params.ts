import { NotFoundError } from '../shared/errors';

/** A round id from an API path: a positive integer, anything else is simply not found. */
export function roundIdParam(raw: unknown): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('Omgången finns inte.');
  return id;
}
