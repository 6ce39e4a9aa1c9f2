import { planCsvSplit, rowsKeptTogether, type ReadBytes } from './csv-split';
import type { CsvFraming } from './csv-reader';
import { PUPILS } from '../../../tests/helpers/personal-numbers';

const fromBuffer = (buf: Buffer): ReadBytes => (position, length) => buf.subarray(position, position + length);
const framing = (over: Partial<CsvFraming> = {}): CsvFraming => ({ encoding: 'utf-8', delimiter: ';', bomLength: 0, sepLine: false, certain: false, ...over });
const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];

/** Header, then each pupil's days together; `eol` between lines. */
function file(opts: { eol?: string; before?: string; pupils?: readonly string[]; byDate?: boolean } = {}): string {
  const eol = opts.eol ?? '\n';
  const pupils = opts.pupils ?? PUPILS;
  const rows = opts.byDate ? DAYS.flatMap((d) => pupils.map((p) => `${p};Åsa;${d};N`)) : pupils.flatMap((p) => DAYS.map((d) => `${p};Åsa;${d};N`));
  return (opts.before ?? '') + ['Personnummer;Förnamn;Datum;Närvaro', ...rows].join(eol) + eol;
}

function plan(text: string | Buffer, f: Partial<CsvFraming> = {}, minRowsBefore = 1) {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return { buf, split: planCsvSplit(fromBuffer(buf), buf.length, framing(f), 0, minRowsBefore) };
}

const lineAt = (buf: Buffer, at: number) => buf.subarray(at, buf.indexOf(0x0a, at)).toString();
const lineBefore = (buf: Buffer, at: number) => buf.subarray(buf.lastIndexOf(0x0a, at - 2) + 1, at - 1).toString();
const linesBefore = (buf: Buffer, at: number) => buf.subarray(0, at).toString().split('\n').length - 1;

describe('planCsvSplit: a cut where the halves read exactly as the whole', () => {
  it.each([
    ['LF', '\n', '\n'],
    ['CRLF', '\r\n', '\r\n'],
  ])('cuts a %s file near the middle, between two pupils, counting the rows before it', (_name, eol, recordDelimiter) => {
    const { buf, split } = plan(file({ eol }));
    expect(split).not.toBeNull();
    const { start, rowsBefore } = split!;
    expect(split!.recordDelimiter).toBe(recordDelimiter);
    expect(buf[start - 1]).toBe(0x0a);
    expect(Math.abs(start - buf.length / 2)).toBeLessThan(buf.length / 5);
    expect(rowsBefore).toBe(linesBefore(buf, start));
    expect(lineAt(buf, start).slice(0, 13)).not.toBe(lineBefore(buf, start).slice(0, 13));
  });

  it('counts rows after a byte-order mark, and not the sep= line (csv-parse skips it)', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const plain = plan(file()).split!;
    const withBom = plan(Buffer.concat([bom, Buffer.from(file())]), { bomLength: 3 }).split!;
    expect(withBom.rowsBefore).toBe(plain.rowsBefore);
    const sep = plan(file({ before: 'sep=;\n' }), { sepLine: true }).split!;
    expect(sep.rowsBefore).toBe(linesBefore(Buffer.from(file({ before: 'sep=;\n' })), sep.start) - 1);
  });

  it('reads Windows-1252 bytes (a line break is one byte there too)', () => {
    expect(plan(file(), { encoding: 'windows-1252' }).split).not.toBeNull();
  });

  it('may cut before quotes that come after the cut', () => {
    const text = file();
    const quoted = text.slice(0, Math.floor(text.length * 0.9)) + '"' + text.slice(Math.floor(text.length * 0.9));
    expect(plan(quoted).split).not.toBeNull();
  });

  it.each([
    ['UTF-16 (a line break is two bytes)', file(), { encoding: 'utf-16le' as const }],
    ['a quote before the cut (a quoted field may hold line breaks)', file({ before: '"Närvaro; HT"\n' }), {}],
    ['a lone CR (old Mac line end) before the cut', file({ before: 'Rapport\r' }), {}],
    ['CRLF and LF mixed before the cut', file({ before: 'Rapport\r\n' }), {}],
    ['every row the same pupil near the middle', file({ pupils: [PUPILS[0]] }), {}],
    ['a file without line breaks', 'Personnummer;Datum;Närvaro', {}],
  ])('makes no cut with %s', (_name, text, f) => {
    expect(plan(text, f).split).toBeNull();
  });

  it('makes no cut above the header row', () => {
    const text = file();
    expect(plan(text, {}, 10_000).split).toBeNull();
  });

  it('cuts between two dates of a date-sorted file (rows of a pupil on both sides are the reader\'s to notice)', () => {
    const { buf, split } = plan(file({ byDate: true }));
    expect(split).not.toBeNull();
    expect(split!.rowsBefore).toBe(linesBefore(buf, split!.start));
  });

  it('does not cut at a blank line, but after it when the next pupil starts', () => {
    const rows = PUPILS.flatMap((p, i) => [...DAYS.map((d) => `${p};Åsa;${d};N`), ...(i % 2 ? [''] : [])]);
    const text = ['Personnummer;Förnamn;Datum;Närvaro', ...rows].join('\n') + '\n';
    const { buf, split } = plan(text);
    expect(split).not.toBeNull();
    expect(lineAt(buf, split!.start)).not.toBe('');
    expect(split!.rowsBefore).toBe(linesBefore(buf, split!.start));
  });
});

describe('rowsKeptTogether: whether the first rows keep each pupil together', () => {
  it.each([
    ['each pupil\'s rows together', ['a', 'a', 'b', 'b', 'c'], true],
    ['blank cells in between', ['a', '', 'a', 'b', '', 'b'], true],
    ['sorted by date: back to a pupil after others', ['a', 'b', 'c', 'a', 'b', 'c'], false],
    ['one pupil coming back once', ['a', 'a', 'b', 'b', 'a'], false],
    ['one row per pupil so far (nothing shows the order)', ['a', 'b', 'c'], false],
    ['no rows', [], false],
  ])('%s', (_name, keys, expected) => {
    expect(rowsKeptTogether(keys)).toBe(expected);
  });
});
