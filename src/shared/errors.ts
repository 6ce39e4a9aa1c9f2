/**
 * Errors services throw; adapters (web, API, CLI) turn them into a 400 form, a JSON
 * error or an exit code. Messages are Swedish and safe to show to the user.
 */
import { t } from '../i18n';

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join(' '));
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(message = t('shared.errors.sidanEllerUppgiften')) {
    super(message);
  }
}

/** The caller may not do this. Also thrown for objects outside the caller's scope. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  constructor(message = t('shared.errors.behorighet')) {
    super(message);
  }
}

/** Turns zod issues into field errors, keeping the Swedish message set in the schema. */
export function fieldErrorsFromZod(issues: { path: PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
}

/** Too much is running now; the caller may try again after `retryAfterSeconds` (HTTP 503). */
export class BusyError extends Error {
  override name = 'BusyError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
