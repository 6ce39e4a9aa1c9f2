import { compactKey, normaliseHeader, stripDiacritics } from './text';

describe('normaliseHeader', () => {
  it.each([
    ['Personnummer', 'personnummer'],
    ['  Elevens   Personnummer ', 'elevens personnummer'],
    ['ELEVENS PERSONNUMMER:', 'elevens personnummer'],
    ['elevens_personnummer', 'elevens personnummer'],
    ['Förnamn', 'fornamn'],
    ['Frånvaro (min)', 'franvaro min'],
    ['Schemalagd tid (min)', 'schemalagd tid min'],
    ['Vårdnadshavare', 'vardnadshavare'],
    ['Skyddad identitet', 'skyddad identitet'],
    ['Personnr.', 'personnr'],
    ['\uFEFFElevens personnummer', 'elevens personnummer'], // byte order mark left by a reader
    ['Klass\u00a0', 'klass'], // non-breaking space
    ['Namn\tElev', 'namn elev'],
    ['Café', 'cafe'],
    ['Søren', 'soren'],
    ['Datum 2026', 'datum 2026'],
    ['', ''],
    ['---', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe('compactKey', () => {
  it.each([
    ['Giltig frånvaro', 'giltigfranvaro'],
    ['GiltigFrånvaro', 'giltigfranvaro'],
    ['Ej rapporterat', 'ejrapporterat'],
    [' N ', 'n'],
  ])('%j → %j', (input, expected) => {
    expect(compactKey(input)).toBe(expected);
  });
});

describe('stripDiacritics', () => {
  it.each([
    ['Åsa Öberg', 'Asa Oberg'],
    ['Ærø', 'AEro'],
    ['Müller', 'Muller'],
    ['Łukasz', 'Lukasz'],
  ])('%j → %j', (input, expected) => {
    expect(stripDiacritics(input)).toBe(expected);
  });
});
