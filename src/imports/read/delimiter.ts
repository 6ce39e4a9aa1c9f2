/**
 * Delimiter detection for CSV/TXT exports: `;` (Swedish Excel), `,` (school systems
 * and "CSV UTF-8" from Excel) or tab (Excel's "Text (tabbavgränsad)"/"Unicode-text").
 *
 * Exports often start with title rows ("Närvarorapport", "Skola: …") and end with a
 * blank line, so counting delimiters on the first line alone goes wrong. Instead, for
 * each candidate, split the first lines (respecting quotes roughly) and prefer the
 * delimiter under which most lines agree on one column count above 1.
 */

export type Delimiter = ';' | ',' | '\t';

const CANDIDATES: Delimiter[] = [';', ',', '\t'];
const MAX_LINES = 50;

export interface DetectedDelimiter {
  delimiter: Delimiter;
  /**
   * True when the text starts with Excel's "sep=;" hint line. Excel hides that line
   * when it opens the file, so the reader skips it to keep row numbers as Excel shows.
   */
  sepLine: boolean;
}

export function detectDelimiter(text: string): DetectedDelimiter {
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint) {
    const d = hint[1] as Delimiter;
    if (CANDIDATES.includes(d)) return { delimiter: d, sepLine: true };
  }
  const lines = logicalLines(text, MAX_LINES);
  let best: Delimiter = ';';
  let bestScore = 0;
  let bestColumns = 0;
  for (const d of CANDIDATES) {
    const { lines: agreeing, columns } = dominantColumnCount(lines, d);
    // Ties on agreeing lines go to the wider table, then to the order above
    // (`;` first: it is what Swedish Excel writes, and decimal commas make `,` noisy).
    if (agreeing > bestScore || (agreeing === bestScore && agreeing > 0 && columns > bestColumns)) {
      best = d;
      bestScore = agreeing;
      bestColumns = columns;
    }
  }
  return { delimiter: best, sepLine: false };
}

/** How many lines share the most common column count (> 1), and that count. */
function dominantColumnCount(lines: string[], d: Delimiter): { lines: number; columns: number } {
  const tally = new Map<number, number>();
  for (const line of lines) {
    const n = countFields(line, d);
    if (n > 1) tally.set(n, (tally.get(n) ?? 0) + 1);
  }
  let bestLines = 0;
  let bestColumns = 0;
  for (const [columns, count] of tally) {
    if (count > bestLines || (count === bestLines && columns > bestColumns)) {
      bestLines = count;
      bestColumns = columns;
    }
  }
  return { lines: bestLines, columns: bestColumns };
}

function countFields(line: string, d: Delimiter): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"')
      quoted = !quoted; // "" inside quotes toggles twice: no harm
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/**
 * The first non-blank records of the text. A line break inside quotes continues the
 * record. The last line may be cut short by the sample's end; being one line, it
 * cannot outvote the others.
 */
function logicalLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      const line = text.slice(start, i).replace(/\r$/, '');
      if (line.trim() !== '') out.push(line);
      start = i + 1;
    }
  }
  if (out.length < max && start < text.length && !quoted) {
    const last = text.slice(start).replace(/\r$/, '');
    if (last.trim() !== '') out.push(last);
  }
  return out;
}
