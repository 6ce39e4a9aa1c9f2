import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sv } from './sv';

/**
 * One term per concept (issue 15): the words docs/glossary.md lists as "not used" must not
 * appear in the catalogue, the views, the shipped rule texts or the mail templates.
 */
const root = join(__dirname, '..', '..');

/** The backticked words in the last column of the glossary's table. */
export function rejectedTerms(markdown: string): { term: string; rejected: string[] }[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Swedish term') && !line.startsWith('| ---'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const last = cells[cells.length - 2] ?? '';
      return { term: cells[1]!, rejected: [...last.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
    })
    .filter((row) => row.rejected.length > 0);
}

const glossary = rejectedTerms(readFileSync(join(root, 'docs', 'glossary.md'), 'utf8'));

const viewFiles = readdirSync(join(root, 'views'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ejs'))
  .map((e) => join(e.parentPath, e.name));
const texts: { where: string; text: string }[] = [
  ...Object.entries(sv).map(([key, text]) => ({ where: `sv.ts ${key}`, text })),
  ...viewFiles.map((f) => ({ where: f.slice(root.length + 1), text: readFileSync(f, 'utf8') })),
  ...['src/rules/engine/default-rules.ts', 'src/rules/engine/template-fields.ts', 'src/mail/templates.ts'].map((f) => ({
    where: f,
    text: readFileSync(join(root, f), 'utf8'),
  })),
];

describe('glossary: one term per concept', () => {
  it('reads the rejected synonyms from docs/glossary.md', () => {
    expect(glossary.map((g) => g.rejected).flat()).toEqual(
      expect.arrayContaining(['angelägenhet', 'datum för uppföljning', 'uppföljningsdatum', 'förhandslista']),
    );
  });

  it.each(glossary.flatMap((g) => g.rejected.map((word) => [word, g.term] as const)))('"%s" is not used: the term is "%s"', (word) => {
    const hits = texts.filter((t) => t.text.toLocaleLowerCase('sv').includes(word.toLocaleLowerCase('sv'))).map((t) => t.where);
    expect(hits).toEqual([]);
  });

  it.each([
    ['| a | b | c | d | `x`, `y z` |', [{ term: 'a', rejected: ['x', 'y z'] }]],
    ['| a | b | c | d | — |', []],
    ['| Swedish term | Meaning | Code name | Where used | Not used (same concept) |', []],
  ])('parses %s', (line, expected) => {
    expect(rejectedTerms(line)).toEqual(expected);
  });
});
