/**
 * Remembering results per distinct input. An attendance file repeats the same few
 * values on every row (ten dates, thirty personal numbers, five status words) over up
 * to a million rows, so each distinct value is worked out once. The memory is bounded:
 * a file of all-different values is emptied and refilled rather than growing.
 * Results are frozen, since every caller with the same input shares one object.
 */
export function memoise<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(key);
      if (typeof value === 'object' && value !== null) Object.freeze(value);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value as T;
  };
}
