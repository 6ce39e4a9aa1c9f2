import { memoise } from './memo';

describe('memoise', () => {
  it.each([
    ['repeats are computed once', ['a', 'a', 'b', 'a'], 10, 2],
    ['over the limit it starts afresh', ['a', 'b', 'c', 'a'], 2, 4],
    ['undefined results are remembered too', ['x', 'x'], 10, 1],
  ])('%s', (_name, keys, limit, computed) => {
    let calls = 0;
    const f = memoise(limit, (k) => {
      calls++;
      return k === 'x' ? undefined : k.toUpperCase();
    });
    for (const k of keys) expect(f(k)).toBe(k === 'x' ? undefined : k.toUpperCase());
    expect(calls).toBe(computed);
  });
});
