import type { Request, Response } from 'express';
import { idOrNotFound, ValidationError } from '../shared';

/**
 * Runs a form action; on a ValidationError re-renders the form with status 400, the
 * user's input kept and the errors listed (the view links each one to its field).
 */
export async function handleForm(
  res: Response,
  view: string,
  locals: Record<string, unknown>,
  values: Record<string, unknown>,
  action: () => unknown,
): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    res.status(400).render(view, { ...locals, values, errors: e.errors });
    return false;
  }
}

export function flash(req: Request, text: string, kind: 'success' | 'info' | 'warning' = 'success'): void {
  req.session.flash = { kind, text };
}

/** Route ids are positive integers; anything else is simply not found. */
export function idParam(req: Request, name = 'id'): number {
  return idOrNotFound(req.params[name]);
}

/** Only same-site relative paths are followed after login. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : null;
}
