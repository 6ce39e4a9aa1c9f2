/**
 * Decides whether an uploaded file is something we can read (xlsx or CSV/TXT) from its
 * name AND its first bytes. Principals rename files, and Excel happily saves an old
 * .xls or an OpenDocument file under any name, so the extension alone is not trusted;
 * every rejection tells the user how to save the file in a format we accept.
 */
import { ImportFileError } from '../types';
import { t } from '../../i18n';

export type FileKind = 'xlsx' | 'csv';

/** How many bytes of the file start `detectFileKind` wants to see. */
export const SNIFF_BYTES = 4096;

const HOW_TO_SAVE = t('imports.errors.oppnaFilenExcelValj');

const ACCEPTED = t('imports.errors.excelArbetsbokXlsxEller');

export function detectFileKind(fileName: string, head: Buffer): FileKind {
  const ext = extensionOf(fileName);
  if (head.length === 0) throw new ImportFileError(t('imports.errors.filenArTom'), 'empty-file');

  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    // OLE2 compound file: legacy .xls, or an .xlsx that Excel encrypted with a password
    // (Excel wraps encrypted workbooks in OLE2).
    throw new ImportFileError(t('imports.errors.filenArSparadGamla', { howToSave: HOW_TO_SAVE }), 'legacy-xls');
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new ImportFileError(t('imports.errors.filenArPdfNarvaron') + HOW_TO_SAVE, 'pdf');
  }
  const isZip = startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip && head.includes('mimetypeapplication/vnd.oasis.opendocument', 0, 'latin1')) {
    throw new ImportFileError(t('imports.errors.filenArOpendocumentKalkylark'), 'ods');
  }

  if (ext === 'xlsx') {
    if (isZip) return 'xlsx';
    throw new ImportFileError(t('imports.errors.filenHeterXlsxMen', { howToSave: HOW_TO_SAVE }), 'not-xlsx');
  }
  if (ext === 'csv' || ext === 'txt') {
    if (isZip) {
      throw new ImportFileError(t('imports.errors.filenHeterMenAr', { ext }) + HOW_TO_SAVE, 'binary-text');
    }
    if (looksBinary(head)) {
      throw new ImportFileError(t('imports.errors.filenHeterMenInnehaller', { ext, howToSave: HOW_TO_SAVE }), 'binary-text');
    }
    return 'csv';
  }
  if (ext === 'xls') {
    throw new ImportFileError(t('imports.errors.filenArSparadGamla2', { howToSave: HOW_TO_SAVE }), 'legacy-xls');
  }
  if (ext === 'ods') {
    throw new ImportFileError(t('imports.errors.filenArOpendocumentKalkylark2'), 'ods');
  }
  throw new ImportFileError(
    t('imports.errors.unsupportedType', {
      type: ext ? `.${ext}` : t('imports.errors.unsupportedType.noExtension'),
      upload: t('imports.errors.laddaUpp', { accepted: ACCEPTED, howToSave: HOW_TO_SAVE }),
    }),
    'unsupported-type',
  );
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0
    ? base
        .slice(dot + 1)
        .trim()
        .toLowerCase()
    : '';
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/**
 * Text files never contain NUL bytes, except UTF-16, which has a BOM when Excel
 * writes it ("Unicode-text"). A file with NULs is a binary file misnamed (even
 * compressed bytes hold a NUL in every few hundred). A single NUL is a damaged text
 * file instead: the CSV reader names its row.
 */
function looksBinary(head: Buffer): boolean {
  const utf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16Bom) return false;
  const first = head.indexOf(0);
  return first !== -1 && head.indexOf(0, first + 1) !== -1;
}
