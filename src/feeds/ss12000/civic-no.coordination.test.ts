/**
 * Skatteverket's test list has no coordination numbers, and we must not invent a valid
 * one, so the personnummer package is stubbed as in the import's own coordination test:
 * this checks only that day + 60 passes and comes back as a samordningsnummer.
 */
import { checkCivicNo } from './civic-no';

jest.mock('personnummer', () => ({
  __esModule: true,
  default: {
    parse: (pin: string) => ({ format: () => pin, isCoordinationNumber: () => Number(pin.slice(6, 8)) > 60 }),
  },
}));

describe('checkCivicNo: coordination numbers (package stubbed)', () => {
  it.each([
    // 20100101-2382 with 60 added to the day; its check digit is then wrong, which the stub ignores.
    ['201001612382', 'samordningsnummer'],
    ['201001912382', 'samordningsnummer'],
    ['201001012382', 'personnummer'],
  ])('%s → %s', (value, kind) => {
    expect(checkCivicNo(value, new Date(2026, 7, 18))).toEqual({ ok: true, kind, value });
  });

  it('refuses day + 60 on a date that does not exist', () => {
    expect(checkCivicNo('201002902382', new Date(2026, 7, 18))).toMatchObject({ ok: false, kind: 'ogiltigt' });
  });
});
