import { ClientThrottle, delaySeconds } from './client-throttle';

describe('delaySeconds', () => {
  it.each([
    [0, 0],
    [9, 0],
    [10, 2],
    [11, 4],
    [12, 8],
    [18, 512],
    [19, 900],
    [40, 900],
  ])('after %i failures waits %i s (10 free, at most 15 min)', (count, seconds) => {
    expect(delaySeconds(count, 10, 900)).toBe(seconds);
  });
});

describe('ClientThrottle', () => {
  it('counts per client, clears on success, and lets time pass', () => {
    let now = 0;
    const throttle = new ClientThrottle(() => new Date(now), 2, 60);
    throttle.failed('a');
    throttle.failed('a');
    expect(throttle.waitSeconds('a')).toBe(2);
    expect(throttle.waitSeconds('b')).toBe(0);
    now += 2000;
    expect(throttle.waitSeconds('a')).toBe(0);
    throttle.succeeded('a');
    throttle.failed('a');
    expect(throttle.waitSeconds('a')).toBe(0);
  });
});
