/**
 * The user's own column mapping. When detection fails (an unusual export), the web
 * upload lets the user say which column is which; the mapping is saved per school and
 * applied to later uploads, overriding what detection found. Mapped by header text,
 * not position, so a re-ordered export still maps right.
 */
import type { RawRow } from '../types';
import { headerKey } from './aliases';
import { FIELDS, type ColumnMapping, type Field, type Layout } from './fields';
import { HEADER_SCAN_ROWS } from './header-row';
import { buildLayout } from './shape';

/**
 * Index (into `rows`) of the first row holding every mapped header, else of the row
 * holding the most of them; null when no row holds any.
 */
export function findMappedHeaderRow(rows: readonly RawRow[], mapping: ColumnMapping): number | null {
  const wanted = new Set(
    Object.values(mapping)
      .filter((h): h is string => typeof h === 'string' && h.trim() !== '')
      .map(headerKey),
  );
  if (wanted.size === 0) return null;
  let best: number | null = null;
  let bestScore = 0;
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const keys = new Set(rows[i].cells.map((c) => (typeof c === 'string' ? headerKey(c) : '')));
    let score = 0;
    for (const w of wanted) if (keys.has(w)) score++;
    if (score === wanted.size) return i;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The layout with the mapping applied: each mapped field takes the column with that
 * header, and that column is taken away from whatever detection had put it to.
 */
export function applyColumnMapping(layout: Layout, mapping: ColumnMapping): Layout {
  const columns: Partial<Record<Field, number>> = { ...layout.columns };
  let dateColumns = layout.dateColumns ?? [];
  const unmatched: Layout['unmatchedMapping'] = [];
  const keys = layout.headers.map((h) => (h === '' ? '' : headerKey(h)));
  const mappedKeys = new Set<string>();
  for (const field of FIELDS) {
    const header = mapping[field];
    if (header === undefined || header.trim() === '') continue;
    const index = keys.indexOf(headerKey(header));
    if (index < 0) {
      unmatched.push({ field, header });
      delete columns[field];
      continue;
    }
    mappedKeys.add(keys[index]!);
    for (const other of FIELDS) if (columns[other] === index) delete columns[other];
    dateColumns = dateColumns.filter((d) => d.index !== index);
    columns[field] = index;
  }
  // The user's choice settles what was unclear about the columns or fields they mapped.
  const ambiguous = layout.ambiguous.filter((a) => !a.fields.some((f) => mapping[f]?.trim()) && !a.headers.some((h) => mappedKeys.has(headerKey(h))));
  return buildLayout(layout.headerRow, layout.headers, columns, dateColumns, unmatched, ambiguous);
}
