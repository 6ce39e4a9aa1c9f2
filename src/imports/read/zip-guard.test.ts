import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFileError } from '../types';
import { checkZip } from './zip-guard';
import { buildZip, TestEntry } from '../../../tests/helpers/zip-fixture';

const dir = mkdtempSync(join(tmpdir(), 'saknad-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function zipFile(content: Buffer): string {
  const path = join(dir, `z${n++}.xlsx`);
  writeFileSync(path, content);
  return path;
}

const MB = 1024 * 1024;
const sheetXml = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>');

describe('checkZip', () => {
  it('passes a normal archive, keeps the parts asked for and finds sheets with values', async () => {
    const path = zipFile(
      buildZip([
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook>åäö</workbook>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData/></worksheet>') },
        { name: 'xl/worksheets/sheet2.xml', data: sheetXml, method: 0 },
      ]),
    );
    const result = await checkZip(path, { maxUncompressedBytes: MB }, ['xl/workbook.xml'], (name) => name.startsWith('xl/worksheets/'));
    expect(result.kept.get('xl/workbook.xml')).toBe('<workbook>åäö</workbook>');
    expect([...result.withValues]).toEqual(['xl/worksheets/sheet2.xml']);
    expect(result.entries.map((e) => e.name)).toHaveLength(3);
  });

  const big = Buffer.alloc(3 * MB, 0x20); // compresses about 1000:1

  it.each<[string, TestEntry[], string, RegExp]>([
    ['declared sizes above the limit', [{ name: 'a.xml', data: Buffer.from('x'), declaredSize: 3 * MB }], 'zip-too-large', /packas upp till mer än 2 MB/],
    ['an absurd compression ratio', [{ name: 'a.xml', data: big, declaredSize: MB + 1 }], 'zip-bomb', /säkerhetsskäl/],
    ['sizes that lie: inflating finds more than the limit', [{ name: 'a.xml', data: big, declaredSize: 10 }], 'zip-too-large', /mer än 2 MB/],
    [
      'an entry hidden from the central directory',
      [
        { name: 'a.xml', data: sheetXml },
        { name: 'b.xml', data: sheetXml, junkBefore: 200 },
      ],
      'zip-corrupt',
      /skadad/,
    ],
    ['an encrypted entry', [{ name: 'a.xml', data: sheetXml, flags: 1 }], 'zip-encrypted', /lösenordsskyddad/],
  ])('rejects %s', async (_name, entries, code, message) => {
    const path = zipFile(buildZip(entries));
    const err = await checkZip(path, { maxUncompressedBytes: 2 * MB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as ImportFileError).code).toBe(code);
    expect((err as ImportFileError).message).toMatch(message);
  });

  it.each([
    ['not a zip at all', Buffer.from('just text, no zip here')],
    ['a truncated archive', buildZip([{ name: 'a.xml', data: sheetXml }]).subarray(0, 40)],
  ])('rejects %s as damaged', async (_name, content) => {
    await expect(checkZip(zipFile(content), { maxUncompressedBytes: MB })).rejects.toMatchObject({
      code: 'zip-corrupt',
    });
  });

  it('rejects compression methods the reader cannot unpack', async () => {
    const content = buildZip([{ name: 'a.xml', data: sheetXml, method: 0 }]);
    // Patch method 0 → 12 (bzip2) in both headers.
    content.writeUInt16LE(12, 8);
    const cdAt = content.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    content.writeUInt16LE(12, cdAt + 10);
    await expect(checkZip(zipFile(content), { maxUncompressedBytes: MB })).rejects.toMatchObject({
      code: 'zip-unsupported',
    });
  });
});
