/**
 * The one id parser: a row id from a path, a form or the command line is a positive safe
 * integer (read with Number, as every adapter always has); anything else is no id.
 */
import { NotFoundError } from './errors';

export function parseId(raw: unknown): number | null {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** An id from a URL: anything but a positive integer is simply not found (the same answer as a missing row). */
export function idOrNotFound(raw: unknown, notFound?: string): number {
  const id = parseId(raw);
  if (id === null) throw new NotFoundError(notFound);
  return id;
}
