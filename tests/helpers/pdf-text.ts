import iconv from 'iconv-lite';

/**
 * The text of an uncompressed PDF made by pdfkit: every string shown with Tj/TJ, one
 * line per text operator, enough to check that a field is (or is not) in the document.
 * Strings in an embedded (CID, Identity-H) font are decoded through the font's
 * ToUnicode CMap; strings in a standard font from WinAnsi. Right-to-left runs (Arabic,
 * Hebrew) are drawn in visual order, so they are turned back into reading order, and a
 * no-break space becomes a space, as a reader copying the text would get it.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of src.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);
  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (fontRef: string): Map<number, string> | null => {
    const font = objects.get(fontRef);
    const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font);
    if (!toUnicode) return null;
    if (!cmaps.has(fontRef)) cmaps.set(fontRef, parseCMap(objects.get(toUnicode[1]!) ?? ''));
    return cmaps.get(fontRef)!;
  };
  // Resource names (/F1) to font objects, from every page's font dictionary.
  const fontRefs = new Map<string, string>();
  for (const dict of src.matchAll(/\/Font\s*<<([^>]*)>>/g)) for (const f of dict[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) fontRefs.set(f[1]!, f[2]!);

  // Only page content streams: an embedded font file is binary and would only give noise.
  const content = [...objects.values()].filter((o) => /\bstream\b/.test(o) && !/\/Length1|\/Subtype|\/Type/.test(o.slice(0, o.indexOf('stream')))).join('\n');
  const lines: string[] = [];
  let cmap: Map<number, string> | null = null;
  // Atomic number match ((?=(…))\2): a nested quantifier over digits would backtrack for ever.
  for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|\s|(?=(-?[\d.]+))\3)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    if (m[1] !== undefined) {
      const ref = fontRefs.get(m[1]);
      cmap = ref ? cmapOf(ref) : null;
      continue;
    }
    const hex = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]).join('') : m[4]!;
    lines.push(readingOrder(cmap ? decodeCid(hex, cmap) : iconv.decode(Buffer.from(hex, 'hex'), 'win1252')));
  }
  return lines.join('\n');
}

/** bfchar and bfrange entries of a ToUnicode CMap: two-byte code to text. */
function parseCMap(stream: string): Map<number, string> {
  const map = new Map<number, string>();
  // pdfkit writes a ligature's text as several code units in one entry: <0066 006c> for "fl".
  const utf16 = (hex: string) => String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F ]+)>/g)) map.set(parseInt(e[1]!, 16), utf16(e[2]!));
  }
  for (const block of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(e[1]!, 16);
      const to = parseInt(e[2]!, 16);
      if (e[3]!.startsWith('[')) {
        [...e[3]!.matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((x, i) => map.set(from + i, utf16(x[1]!)));
      } else {
        const start = parseInt(e[3]!.slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(start + c - from));
      }
    }
  }
  return map;
}

function decodeCid(hex: string, cmap: Map<number, string>): string {
  return (hex.match(/.{4}/g) ?? []).map((h) => cmap.get(parseInt(h, 16)) ?? '\uFFFD').join('');
}

const RTL = '\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF';
const RTL_RUN = new RegExp(`[${RTL}][${RTL}\\u00A0 ]*[${RTL}]|[${RTL}]`, 'g');

function readingOrder(line: string): string {
  return line.replace(RTL_RUN, (run) => [...run].reverse().join('')).replace(/\u00A0/g, ' ');
}
