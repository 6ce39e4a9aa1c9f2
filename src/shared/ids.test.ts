import { NotFoundError } from './errors';
import { idOrNotFound, parseId } from './ids';

describe('parseId', () => {
  it.each<[unknown, number | null]>([
    ['7', 7],
    [7, 7],
    ['0', null],
    ['-3', null],
    ['1.5', null],
    ['abc', null],
    [undefined, null],
    ['9007199254740993', null],
  ])('%p → %p', (raw, id) => {
    expect(parseId(raw)).toBe(id);
  });
});

describe('idOrNotFound', () => {
  it('throws not found with the given message', () => {
    expect(() => idOrNotFound('x', 'Omgången finns inte.')).toThrow(new NotFoundError('Omgången finns inte.'));
  });

  it('uses the default not-found message without one', () => {
    expect(() => idOrNotFound('x')).toThrow(new NotFoundError());
  });
});
