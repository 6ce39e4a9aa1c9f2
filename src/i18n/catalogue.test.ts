import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sv } from './sv';
import { plural, t, viewT } from '.';

/** Every key the code or a view names must exist; every message must be used somewhere. */
const root = join(__dirname, '..', '..');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.endsWith(join('i18n', 'sv.ts')));
}

const sources = [...files(join(root, 'src'), '.ts'), ...files(join(root, 'views'), '.ejs')].map((f) => ({ f, text: readFileSync(f, 'utf8') }));
const keys = new Set(Object.keys(sv));

/** Key literals passed to t(…): t('a.b'), t(x ? 'a' : 'b'). */
function namedKeys(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bt\(\s*(['"`])([\w.]+)\1\s*[,)]/g)) out.push(m[2]!);
  for (const m of text.matchAll(/\bt\([^()'"`]*\?\s*(['"])([\w.]+)\1\s*:\s*(['"])([\w.]+)\3\s*[,)]/g)) out.push(m[2]!, m[4]!);
  return out;
}

/** Prefixes of keys built at run time: t('severity.' + x), t(`stats.col.${k}`), t(x ? 'a' : 'shape.' + y). */
function dynamicPrefixes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bt\([^()]*?(['"])([\w.]+\.)\1\s*\+/g)) out.push(m[2]!);
  for (const m of text.matchAll(/\bt\(`([\w.]+\.)\$\{/g)) out.push(m[1]!);
  return out;
}

describe('the message catalogue', () => {
  it('has every key the code and the views name', () => {
    const missing = sources.flatMap(({ f, text }) =>
      namedKeys(text)
        .filter((k) => !keys.has(k))
        .map((k) => `${f.slice(root.length + 1)}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds the keys it scans for (the scan is not blind)', () => {
    expect(namedKeys(`<%= t('app.name') %> t(x ? 'a.b' : 'c.d')`)).toEqual(['app.name', 'a.b', 'c.d']);
    expect(dynamicPrefixes("t('severity.' + s) t(`stats.col.${k}`)")).toEqual(['severity.', 'stats.col.']);
  });

  it('uses every message somewhere (literally, or under a prefix built at run time)', () => {
    const all = sources.map((s) => s.text).join('\n');
    const prefixes = [...new Set(sources.flatMap((s) => dynamicPrefixes(s.text)))];
    const unused = [...keys].filter((k) => !prefixes.some((p) => k.startsWith(p)) && !new RegExp(`['"\`]${k.replace(/\./g, '\\.')}['"\`]`).test(all));
    expect(unused).toEqual([]);
  });
});

describe('t and viewT', () => {
  it('fills placeholders', () => {
    expect(t('rounds.opened', { invitations: plural(2, 'inbjudan', 'inbjudningar') })).toBe('Omgången är öppnad. 2 inbjudningar skickades.');
  });
  it('throws on an unknown key in a view outside production', () => {
    expect(() => viewT('no.such.key')).toThrow('no.such.key');
    expect(viewT('app.name')).toBe('Saknad');
  });
});

describe('plural', () => {
  it.each([
    [1, 'inbjudan', 'inbjudningar', '1 inbjudan'],
    [2, 'inbjudan', 'inbjudningar', '2 inbjudningar'],
    [0, 'inbjudan', 'inbjudningar', '0 inbjudningar'],
    [1, 'flagga', 'flaggor', '1 flagga'],
    [2, 'flagga', 'flaggor', '2 flaggor'],
    [1, 'ärende', 'ärenden', '1 ärende'],
    [2, 'ärende', 'ärenden', '2 ärenden'],
    [1, 'elev', 'elever', '1 elev'],
    [12, 'elev', 'elever', '12 elever'],
    [1, 'dag', 'dagar', '1 dag'],
    [2, 'dag', 'dagar', '2 dagar'],
  ])('%i %s/%s → %s', (n, one, other, expected) => {
    expect(plural(n, one, other)).toBe(expected);
  });
});
