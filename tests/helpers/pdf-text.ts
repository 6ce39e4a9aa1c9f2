import iconv from 'iconv-lite';

/**
 * The text of an uncompressed PDF made by pdfkit with its standard fonts: every string
 * shown with Tj/TJ, decoded from WinAnsi, one line per text operator. Enough to check
 * that a field is (or is not) in the document.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of src.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hex = m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]).join('') : m[2]!;
    lines.push(iconv.decode(Buffer.from(hex, 'hex'), 'win1252'));
  }
  return lines.join('\n');
}
