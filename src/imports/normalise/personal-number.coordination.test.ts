/**
 * Skatteverket's test list has no coordination numbers (day 61–91), and we must not
 * invent a valid-looking one. So the package is replaced by a stub here that accepts
 * anything and reports a coordination number: this checks our own part only (day + 60
 * passes our date check, the flag reaches the result). The package's own test suite
 * covers recognising real coordination numbers.
 */
import { normalisePersonalNumber } from './personal-number';

jest.mock('personnummer', () => ({
  __esModule: true,
  default: {
    parse: (pin: string) => ({
      format: () => pin,
      isCoordinationNumber: () => Number(pin.slice(6, 8)) > 60,
    }),
  },
}));

describe('normalisePersonalNumber: coordination numbers (package stubbed)', () => {
  it.each([
    // Test number 20100101-2382 with 60 added to the day; its check digit is then wrong,
    // which the stub ignores.
    ['20100161-2382', '20100161-2382', true],
    ['100161-2382', '20100161-2382', true],
    ['100191-2382', '20100191-2382', true], // day 31 + 60
    ['20100101-2382', '20100101-2382', false],
  ])('%s → %s, coordination %s', (input, value, coordination) => {
    expect(normalisePersonalNumber(input, new Date(2026, 7, 18))).toEqual({
      ok: true,
      value,
      coordination,
    });
  });

  it('still rejects a coordination day whose birth date does not exist', () => {
    // 30 February + 60 = day 90 of month 02
    expect(normalisePersonalNumber('20100290-2382', new Date(2026, 7, 18))).toEqual({
      ok: false,
      message: 'Personnumret 20100290-2382 innehåller inget giltigt födelsedatum.',
    });
  });
});
