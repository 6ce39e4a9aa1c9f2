import { checkCivicNo } from './civic-no';

// Skatteverket's test numbers (shared/testpersonnummer.txt); the temporary one is built from
// 20100714-2381 by putting letters after the date, as the standard allows.
const REFERENCE = new Date(2026, 7, 18);

describe('checkCivicNo', () => {
  it.each([
    ['201001012382', 'personnummer', '201001012382'],
    ['201002182390', 'personnummer', '201002182390'],
    [' 201004082382 ', 'personnummer', '201004082382'],
  ])('%s is a %s', (value, kind, normalised) => {
    expect(checkCivicNo(value, REFERENCE)).toEqual({ ok: true, kind, value: normalised });
  });

  it.each([
    ['20100714TF81', 'tillfalligt', 'Eleven har ett tillfälligt personnummer (20100714-****) med bokstäver.'],
    ['20100714tf81', 'tillfalligt', 'tillfälligt personnummer (20100714-****)'],
    ['201007142T81', 'tillfalligt', 'tillfälligt personnummer'],
    ['20100101-2382', 'ogiltigt', 'Personnumret 20100101-**** har inte formen ÅÅÅÅMMDDNNNN'],
    ['1001012382', 'ogiltigt', 'har inte formen ÅÅÅÅMMDDNNNN'],
    ['2010010123820', 'ogiltigt', 'har inte formen ÅÅÅÅMMDDNNNN'],
    ['201001012383', 'ogiltigt', 'fel kontrollsiffra'],
    ['201002302382', 'ogiltigt', 'inget giltigt födelsedatum'],
    ['', 'ogiltigt', 'Personnummer saknas.'],
    [null, 'ogiltigt', 'Personnummer saknas.'],
    [undefined, 'ogiltigt', 'Personnummer saknas.'],
  ])('%p is refused (%s)', (value, kind, message) => {
    const result = checkCivicNo(value, REFERENCE);
    expect(result).toMatchObject({ ok: false, kind });
    if (result.ok) return;
    expect(result.message).toContain(message);
  });

  it.each(['20100714TF81', '201001012383', '201002302382', '20100101-2382'])('never shows the last four of %s', (value) => {
    const result = checkCivicNo(value, REFERENCE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).not.toContain(value.slice(-4));
  });
});
