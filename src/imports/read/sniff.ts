/**
 * Decides whether an uploaded file is something we can read (xlsx or CSV/TXT) from its
 * name AND its first bytes. Principals rename files, and Excel happily saves an old
 * .xls or an OpenDocument file under any name, so the extension alone is not trusted;
 * every rejection tells the user how to save the file in a format we accept.
 */
import { ImportFileError } from '../types';

export type FileKind = 'xlsx' | 'csv';

/** How many bytes of the file start `detectFileKind` wants to see. */
export const SNIFF_BYTES = 4096;

const HOW_TO_SAVE =
  'Öppna filen i Excel och välj Arkiv → Spara som → Excel-arbetsbok (.xlsx), eller CSV UTF-8 (kommaavgränsad) (.csv), och ladda upp den nya filen.';

const ACCEPTED = 'Excel-arbetsbok (.xlsx) eller textfil (.csv eller .txt)';

export function detectFileKind(fileName: string, head: Buffer): FileKind {
  const ext = extensionOf(fileName);
  if (head.length === 0) throw new ImportFileError('Filen är tom.', 'empty-file');

  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    // OLE2 compound file: legacy .xls, or an .xlsx that Excel encrypted with a password
    // (Excel wraps encrypted workbooks in OLE2).
    throw new ImportFileError(
      `Filen är sparad i det gamla Excel-formatet (.xls) eller är lösenordsskyddad, och kan inte läsas. Ta bort ett eventuellt lösenord. ${HOW_TO_SAVE}`,
      'legacy-xls',
    );
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new ImportFileError(
      'Filen är en PDF. Närvaron kan inte läsas ur en PDF – ta i stället ut en Excel- eller CSV-export ur skolans system. Har du filen i Excel: ' +
        HOW_TO_SAVE,
      'pdf',
    );
  }
  const isZip = startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip && head.includes('mimetypeapplication/vnd.oasis.opendocument', 0, 'latin1')) {
    throw new ImportFileError(
      'Filen är ett OpenDocument-kalkylark (.ods, t.ex. från LibreOffice) och kan inte läsas direkt. Välj Arkiv → Spara som → Excel 2007-365 (.xlsx) eller Text CSV (.csv) med teckenkodning UTF-8, och ladda upp den nya filen.',
      'ods',
    );
  }

  if (ext === 'xlsx') {
    if (isZip) return 'xlsx';
    throw new ImportFileError(
      `Filen heter .xlsx men är inte en Excel-fil. ${HOW_TO_SAVE}`,
      'not-xlsx',
    );
  }
  if (ext === 'csv' || ext === 'txt') {
    if (isZip) {
      throw new ImportFileError(
        `Filen heter .${ext} men är en komprimerad fil (troligen en Excel-arbetsbok). Byt inte namn på filer – ladda upp den som den är sparad, eller: ` +
          HOW_TO_SAVE,
        'binary-text',
      );
    }
    if (looksBinary(head)) {
      throw new ImportFileError(
        `Filen heter .${ext} men innehåller inte text som kan läsas. ${HOW_TO_SAVE}`,
        'binary-text',
      );
    }
    return 'csv';
  }
  if (ext === 'xls') {
    throw new ImportFileError(
      `Filen är sparad i det gamla Excel-formatet (.xls). ${HOW_TO_SAVE}`,
      'legacy-xls',
    );
  }
  if (ext === 'ods') {
    throw new ImportFileError(
      'Filen är ett OpenDocument-kalkylark (.ods). Välj Arkiv → Spara som → Excel 2007-365 (.xlsx) eller Text CSV (.csv), och ladda upp den nya filen.',
      'ods',
    );
  }
  throw new ImportFileError(
    `Filtypen ${ext ? `.${ext}` : '(utan filändelse)'} kan inte läsas. ` +
      `Ladda upp en ${ACCEPTED}. ${HOW_TO_SAVE}`,
    'unsupported-type',
  );
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).trim().toLowerCase() : '';
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
  const utf16Bom =
    (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16Bom) return false;
  const first = head.indexOf(0);
  return first !== -1 && head.indexOf(0, first + 1) !== -1;
}
