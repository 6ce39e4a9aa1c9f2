/**
 * Reads the sheet list of an .xlsx from its two small parts, xl/workbook.xml (names,
 * tab order, hidden state) and xl/_rels/workbook.xml.rels (which file holds which
 * sheet). exceljs's streaming reader only learns sheet names if those parts happen to
 * come before the sheets in the zip (LibreOffice writes them after), so we read them
 * ourselves, ahead of streaming, and can pick or reject a sheet before parsing.
 */

export interface SheetEntry {
  name: string;
  /** Path inside the zip, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
  hidden: boolean;
}

export const WORKBOOK_PART = 'xl/workbook.xml';
export const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';

/** Sheets in tab order. Chart sheets and dangling references are left out. */
export function listSheets(workbookXml: string, relsXml: string): SheetEntry[] {
  const targets = new Map<string, string>();
  for (const attrs of elements(relsXml, 'Relationship')) {
    if (attrs.Id && attrs.Target && /\/worksheet$/.test(attrs.Type ?? '')) {
      targets.set(attrs.Id, resolveTarget(attrs.Target));
    }
  }
  const sheets: SheetEntry[] = [];
  for (const attrs of elements(workbookXml, 'sheet')) {
    const idKey = Object.keys(attrs).find((k) => /(^|:)id$/.test(k));
    const path = idKey ? targets.get(attrs[idKey]) : undefined;
    if (!path || attrs.name === undefined) continue;
    sheets.push({
      name: attrs.name,
      path,
      hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
    });
  }
  return sheets;
}

/** Relationship targets are relative to xl/ unless they start with "/". */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Attributes of every `<tag …>` / `<prefix:tag …>` element, entities decoded. */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:[\\w.-]+:)?${tag}\\s([^>]*?)/?>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs: Record<string, string> = {};
    const attrRe = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    for (let a = attrRe.exec(m[1]); a; a = attrRe.exec(m[1])) {
      attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
    }
    out.push(attrs);
  }
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return String.fromCodePoint(code);
  });
}
