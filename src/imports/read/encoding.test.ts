import * as iconv from 'iconv-lite';
import { completeUtf8Length, detectEncoding } from './encoding';

const bytes = (...b: number[]): Buffer => Buffer.from(b);

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('Förnamn;Närvaro')]), 'utf-8', 3, true],
    ['UTF-16 LE BOM (Excel "Unicode-text")', iconv.encode('Förnamn\tNärvaro', 'utf-16le', { addBOM: true }), 'utf-16le', 2, true],
    ['UTF-16 BE BOM', iconv.encode('Förnamn\tNärvaro', 'utf-16be', { addBOM: true }), 'utf-16be', 2, true],
    ['UTF-8 without BOM', Buffer.from('Förnamn;Närvaro\nÅsa;Närvarande'), 'utf-8', 0, true],
    ['Windows-1252 (Swedish Excel CSV)', iconv.encode('Förnamn;Närvaro\nÅsa;Närvarande', 'win1252'), 'windows-1252', 0, true],
    ['plain ASCII: UTF-8, but not certain', Buffer.from('Personnummer;Datum'), 'utf-8', 0, false],
  ])('%s', (_name, sample, encoding, bomLength, certain) => {
    expect(detectEncoding(sample)).toEqual({ encoding, bomLength, certain });
  });

  it('is not fooled by a sample that ends inside a multi-byte character', () => {
    const full = Buffer.from('Personnummer;Närvaro;Vårdnadshavare ö');
    const cut = full.subarray(0, full.length - 1); // 'ö' is 2 bytes: keep only the first
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });
});

describe('completeUtf8Length', () => {
  it.each([
    ['ASCII', Buffer.from('abc'), 3],
    ['complete ö', Buffer.from('aö'), 3],
    ['half of ö', bytes(0x61, 0xc3), 1],
    ['two of three bytes of €', bytes(0x61, 0xe2, 0x82), 1],
    ['complete €', Buffer.from('a€'), 4],
    ['three of four bytes of an emoji', Buffer.from('a😀').subarray(0, 4), 1],
  ])('%s', (_name, buf, expected) => {
    expect(completeUtf8Length(buf)).toBe(expected);
  });
});
