/** The row cap shared by both readers, with one message for the user. */
import { ImportFileError } from '../types';

export function tooManyRows(maxRows: number): ImportFileError {
  return new ImportFileError(
    `Filen har fler än ${maxRows.toLocaleString('sv-SE')} rader, vilket är mer än som kan läsas in. Ta bara med eleverna och dagarna för kartläggningens period.`,
    'too-many-rows',
  );
}
