import { cookieValue, deviceKnown, signDevice } from './device-cookie';

describe('known-browser cookie', () => {
  const secret = 'a-test-secret-of-some-length-0123456789';
  const good = signDevice(secret, 7);

  it.each([
    ['its own cookie', 7, good, true],
    ['another user’s id', 8, good, false],
    ['another server’s secret', 7, signDevice('another-secret-entirely-0123456789', 7), false],
    ['a changed user id', 7, good.replace(/^7\./, '8.'), false],
    ['a cut signature', 7, good.slice(0, -2), false],
    ['nothing', 7, undefined, false],
    ['garbage', 7, 'garbage', false],
  ])('knows %s: %s', (_name, userId, value, known) => {
    expect(deviceKnown(secret, userId as number, value as string | undefined)).toBe(known);
  });

  it('reads one cookie from a Cookie header', () => {
    expect(cookieValue('saknad.sid=s%3Aabc; saknad.device=7.x.y', 'saknad.device')).toBe('7.x.y');
    expect(cookieValue(undefined, 'saknad.device')).toBeUndefined();
  });
});
