import { BusyError, ForbiddenError, NotFoundError, ValidationError } from '../shared';
import { receiveError, sendError } from './import-workers';
import { ImportFileError } from './types';

/** An error thrown on an import worker arrives as the class and Swedish message the caller would have got in its own thread. */
describe('import worker errors cross the thread boundary unchanged', () => {
  it.each<[string, Error, (e: Error) => void]>([
    [
      'a validation error with its field errors',
      new ValidationError([{ field: 'statement', message: 'Flaggorna räknas om.' }]),
      (e) => expect((e as ValidationError).errors).toEqual([{ field: 'statement', message: 'Flaggorna räknas om.' }]),
    ],
    ['not found, with its message', new NotFoundError('Skolan deltar inte i omgången.'), () => undefined],
    ['forbidden, with its message', new ForbiddenError('Bara skolans rektor.'), () => undefined],
    ['busy, with its Retry-After', new BusyError('Många filer läses in just nu.', 45), (e) => expect((e as BusyError).retryAfterSeconds).toBe(45)],
    [
      'a file error with its code, row and column',
      new ImportFileError('Rad 7 är skadad.', 'damaged', 7, 'C'),
      (e) => expect(e).toMatchObject({ code: 'damaged', row: 7, column: 'C' }),
    ],
  ])('%s', (_what, thrown, check) => {
    // Through structured clone, as postMessage sends it.
    const got = receiveError(structuredClone(sendError(thrown)));
    expect(got).toBeInstanceOf(thrown.constructor);
    expect(got.message).toBe(thrown.message);
    expect(got.name).toBe(thrown.name);
    check(got);
  });

  it('keeps any other error’s name, message and stack (logged as an unexpected error)', () => {
    const thrown = new TypeError('x is undefined');
    const got = receiveError(structuredClone(sendError(thrown)));
    expect(got).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
    expect(got.stack).toBe(thrown.stack);
    expect(got).not.toBeInstanceOf(NotFoundError);
  });
});
