import fs from 'node:fs';
import { WINDOW, makePupils, mulberry32 } from '../../scripts/bench/generate';

/**
 * A daily export of `pupils` pupils over the ten window days from 18 Aug 2026, every
 * 40th pupil (counted from `offset`) absent without leave all ten days; written to
 * `file`. The personal numbers are generated as the import benchmark generates them
 * (scripts/bench/generate.ts: a valid date and Luhn digit, at run time, never committed):
 * the test-number list has too few school-age numbers for tens of thousands of pupils.
 */
export function writeBigExport(file: string, pupils: number, offset = 0): void {
  const lines = ['Personnummer;Förnamn;Efternamn;Klass;Datum;Närvaro'];
  makePupils(pupils, mulberry32(13)).forEach((p, i) => {
    const status = (i + offset) % 40 === 0 ? 'Ogiltig frånvaro' : 'Närvarande';
    for (const day of WINDOW) lines.push(`${p.personalNumber};${p.firstName};${p.lastName};${p.className};${day};${status}`);
  });
  fs.writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
}
