/**
 * Caps on the text of an .xlsx, checked while the zip guard inflates each part and
 * before exceljs sees any of it: exceljs keeps the whole shared-string table in memory
 * (sharedStrings: 'cache'), and a sheet's cell text arrives as one string however long.
 * An 8 MB file whose sharedStrings.xml unpacks to 450 MB passes both zip guards (size and
 * ratio) yet would cost gigabytes of heap; with these caps it is refused after a streamed
 * scan that holds no text at all.
 *
 * The scan is a small byte-level state machine, not an XML parser: it follows tags by
 * name (`si`, `t`, namespace prefix ignored) and counts text characters between them
 * (UTF-8 continuation bytes and the rest of an `&…;` entity not counted).
 */
import { ImportFileError } from '../types';
import { t } from '../../i18n';

export interface XlsxTextCaps {
  /** Most entries in the shared-string table. */
  maxSharedStrings: number;
  /** Most text in the shared-string table, in UTF-8 bytes. */
  maxSharedStringBytes: number;
  /** Most characters in one cell (Excel's own limit is 32,767). */
  maxCellChars: number;
}

export const DEFAULT_XLSX_TEXT_CAPS: XlsxTextCaps = { maxSharedStrings: 1_000_000, maxSharedStringBytes: 100 * 1024 * 1024, maxCellChars: 32_767 };

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMI = 0x3b;
const SLASH = 0x2f;
const COLON = 0x3a;
const MAX_NAME = 16;

/**
 * A chunk observer for one part. `sharedStrings` counts `<si>` entries and their text
 * (a rich-text entry's runs summed); a sheet part caps each text node (a cell's `<v>`
 * or inline `<t>`). Throws ImportFileError at the first cap passed.
 */
export function textCapScanner(kind: 'sharedStrings' | 'sheet', caps: XlsxTextCaps): (chunk: Buffer) => void {
  let inTag = false;
  let name = '';
  let nameDone = false;
  let selfClosing = false;
  let inEntity = false;
  let inText = kind === 'sheet';
  let strings = 0;
  let bytes = 0;
  let chars = 0;

  const endTag = (): void => {
    if (kind === 'sheet') {
      chars = 0; // every tag ends a text node
      return;
    }
    if (name === 'si' && !selfClosing) {
      if (++strings > caps.maxSharedStrings) throw tooManyStrings(caps.maxSharedStrings);
      chars = 0;
    } else if (name === 't' && !selfClosing) inText = true;
    else if (name === '/t') inText = false;
  };

  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (inTag) {
        if (b === GT) {
          inTag = false;
          endTag();
        } else if (!nameDone) {
          if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) nameDone = true;
          else if (b === COLON)
            name = name.startsWith('/') ? '/' : ''; // drop a namespace prefix
          else if (b === SLASH && name !== '') {
            nameDone = true;
            selfClosing = true;
          } else if (name.length < MAX_NAME) name += String.fromCharCode(b);
        } else if (b === SLASH) selfClosing = true;
        else selfClosing = false;
        continue;
      }
      if (b === LT) {
        inTag = true;
        name = '';
        nameDone = false;
        selfClosing = false;
        inEntity = false;
        continue;
      }
      if (!inText) continue;
      if (kind === 'sharedStrings' && ++bytes > caps.maxSharedStringBytes) throw tooMuchText(caps.maxSharedStringBytes);
      if (inEntity) {
        if (b === SEMI) inEntity = false;
        continue;
      }
      if (b === AMP) inEntity = true;
      // A character starts at every byte but a UTF-8 continuation byte.
      if ((b & 0xc0) !== 0x80 && ++chars > caps.maxCellChars) throw cellTooLong(caps.maxCellChars);
    }
  };
}

const fewer = t('imports.errors.taBaraElevernaDagarna');

function tooManyStrings(max: number): ImportFileError {
  return new ImportFileError(t('imports.errors.tooManyStrings', { max: max.toLocaleString('sv-SE'), fewer }), 'xlsx-too-many-strings');
}

function tooMuchText(maxBytes: number): ImportFileError {
  return new ImportFileError(t('imports.errors.filensTexterArTillsammans', { mb: Math.round(maxBytes / 1048576), fewer }), 'xlsx-too-much-text');
}

function cellTooLong(max: number): ImportFileError {
  return new ImportFileError(t('imports.errors.cellTooLong', { max: max.toLocaleString('sv-SE') }), 'xlsx-cell-too-long');
}
