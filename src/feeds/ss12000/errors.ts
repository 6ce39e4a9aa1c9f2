/**
 * The one error the SS 12000 client throws. Its message is Swedish, names what failed
 * (the URL path, the HTTP status) and never holds a secret, a token or a personal number:
 * the feed shows it on the board as it is.
 */
import type { Ss12000ErrorKind } from './types';

export class Ss12000Error extends Error {
  override name = 'Ss12000Error';
  constructor(
    readonly kind: Ss12000ErrorKind,
    message: string,
    /** The path asked for (no query string) and the last HTTP status, when there was one. */
    readonly details: { path?: string; status?: number } = {},
  ) {
    super(message);
  }
}
