/**
 * Seeded synthetic attendance exports for the import benchmark. Written at run time into
 * a temp dir and deleted afterwards; never committed. The personal numbers are random
 * (valid date, Luhn check digit) and belong to nobody in particular: they exist only
 * while the benchmark runs.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';

/** The round's observation window: ten school days from Tuesday 18 August 2026. */
export const WINDOW: readonly string[] = [
  '2026-08-18',
  '2026-08-19',
  '2026-08-20',
  '2026-08-21',
  '2026-08-24',
  '2026-08-25',
  '2026-08-26',
  '2026-08-27',
  '2026-08-28',
  '2026-08-31',
];

export const HEADERS = ['Personnummer', 'Förnamn', 'Efternamn', 'Klass', 'Datum', 'Närvaro'] as const;

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; same seed, same file. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Luhn check digit over the digits given (for a personal number: YYMMDDNNN). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const FIRST_NAMES = [
  'Alice',
  'Maja',
  'Elsa',
  'Astrid',
  'Wilma',
  'Freja',
  'Olivia',
  'Selma',
  'Ebba',
  'Vera',
  'Alma',
  'Agnes',
  'Lilly',
  'Saga',
  'Ella',
  'Märta',
  'Linnéa',
  'Stina',
  'Åsa',
  'Sofía',
  'Noah',
  'William',
  'Hugo',
  'Lucas',
  'Liam',
  'Oscar',
  'Elias',
  'Adam',
  'Matteo',
  'Nils',
  'Love',
  'Ludvig',
  'Björn',
  'Måns',
  'Örjan',
  'Jöns',
  'Gösta',
  'Ali',
  'Mohammed',
  'Yusuf',
  'Amira',
  'Leyla',
  'Zeynep',
  'Hana',
  'Aisha',
  'Ömer',
  'Dževad',
  'Anaïs',
  'Jürgen',
  'Zoë',
];

const LAST_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Olofsson',
  'Lindström',
  'Lindqvist',
  'Lindgren',
  'Axelsson',
  'Berg',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Håkansson',
  'Lundin',
  'Björk',
  'Åberg',
  'Öberg',
  'Nyström',
  'Holmberg',
  'Ahmed',
  'Hassan',
  'Ali',
  'Yilmaz',
  'Nguyen',
  'Kovačević',
  'Al-Hussein',
  'Mäkinen',
];

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its element type is used
const STATUS_WORDS = ['Närvarande', 'Giltig frånvaro', 'Ogiltig frånvaro', 'Ej rapporterat'] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

/** Mostly present, as in real data: 91 % Närvarande, 4 % giltig, 2 % ogiltig, 3 % ej rapporterat. */
function pickStatus(r: number): StatusWord {
  if (r < 0.91) return 'Närvarande';
  if (r < 0.95) return 'Giltig frånvaro';
  if (r < 0.97) return 'Ogiltig frånvaro';
  return 'Ej rapporterat';
}

/**
 * Row order of the generated export: `pupil` (by class and name, each pupil's days
 * together, as most systems export) or `date` (all pupils for the first day, then the
 * next day, …, as an export per day appended together looks).
 */
export type RowOrder = 'pupil' | 'date';

export interface Pupil {
  personalNumber: string; // YYYYMMDD-NNNN
  firstName: string;
  lastName: string;
  className: string;
}

const BIRTH_FROM = Date.UTC(2008, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2016, 11, 31) - BIRTH_FROM) / 86_400_000) + 1;

/** `count` distinct pupils born 2008–2016, sorted as an export is: by class, then name. */
export function makePupils(count: number, rand: () => number): Pupil[] {
  const seen = new Set<string>();
  const pupils: Pupil[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  while (pupils.length < count) {
    const birth = new Date(BIRTH_FROM + Math.floor(rand() * BIRTH_DAYS) * 86_400_000);
    const yyyy = String(birth.getUTCFullYear());
    const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
    const dd = String(birth.getUTCDate()).padStart(2, '0');
    const serial = String(1 + Math.floor(rand() * 999)).padStart(3, '0'); // 000 is never issued
    const check = luhnDigit(`${yyyy.slice(2)}${mm}${dd}${serial}`);
    const pn = `${yyyy}${mm}${dd}-${serial}${check}`;
    if (seen.has(pn)) continue;
    seen.add(pn);
    // Grade from the birth year (born 2016 → åk 4 in autumn 2026), capped at 9.
    const grade = Math.min(9, Math.max(1, 2026 - birth.getUTCFullYear() - 6));
    pupils.push({
      personalNumber: pn,
      firstName: pick(FIRST_NAMES),
      lastName: pick(LAST_NAMES),
      className: `${grade}${'ABCDEF'[Math.floor(rand() * 6)]}`,
    });
  }
  const collator = new Intl.Collator('sv-SE');
  return pupils.sort(
    (a, b) =>
      collator.compare(a.className, b.className) ||
      collator.compare(a.lastName, b.lastName) ||
      collator.compare(a.firstName, b.firstName) ||
      (a.personalNumber < b.personalNumber ? -1 : 1),
  );
}

/**
 * A daily-shape export as Excel's "CSV UTF-8 (kommaavgränsad)" with Swedish settings
 * writes it: UTF-8 with BOM, semicolons, CRLF; one row per pupil and day. Written in
 * 1 MB pieces; the file is never held in memory.
 */
export function writeDailyCsv(file: string, pupils: readonly Pupil[], rand: () => number, order: RowOrder = 'pupil'): { rows: number; bytes: number } {
  const fd = fs.openSync(file, 'w');
  let rows = 0;
  try {
    let buf = '\uFEFF' + HEADERS.join(';') + '\r\n';
    for (const [p, day] of rowsInOrder(pupils, order)) {
      buf += `${p.personalNumber};${p.firstName};${p.lastName};${p.className};${day};${pickStatus(rand())}\r\n`;
      rows++;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf, null, 'utf8');
        buf = '';
      }
    }
    fs.writeSync(fd, buf, null, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
  return { rows, bytes: fs.statSync(file).size };
}

/**
 * The same shape as an .xlsx, written by exceljs's streaming writer with shared strings
 * (as Excel stores text). Personal numbers are text cells, dates real date cells
 * formatted ÅÅÅÅ-MM-DD.
 */
export async function writeDailyXlsx(
  file: string,
  pupils: readonly Pupil[],
  rand: () => number,
  order: RowOrder = 'pupil',
): Promise<{ rows: number; bytes: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Närvaro');
  ws.addRow([...HEADERS]).commit();
  const dates = new Map(WINDOW.map((d) => [d, new Date(`${d}T00:00:00Z`)]));
  let rows = 0;
  for (const [p, day] of rowsInOrder(pupils, order)) {
    const row = ws.addRow([p.personalNumber, p.firstName, p.lastName, p.className, dates.get(day)!, pickStatus(rand())]);
    row.getCell(5).numFmt = 'yyyy-mm-dd';
    row.commit();
    rows++;
  }
  ws.commit();
  await wb.commit();
  return { rows, bytes: fs.statSync(file).size };
}

function* rowsInOrder(pupils: readonly Pupil[], order: RowOrder): Generator<[Pupil, string]> {
  if (order === 'pupil') {
    for (const p of pupils) for (const day of WINDOW) yield [p, day];
  } else {
    for (const day of WINDOW) for (const p of pupils) yield [p, day];
  }
}
