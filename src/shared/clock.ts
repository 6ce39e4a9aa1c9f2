/** Injected everywhere time matters, so tests can set the date (lockouts, expiry, rounds). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
