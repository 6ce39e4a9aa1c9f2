/** The row cap shared by both readers, with one message for the user. */
import { ImportFileError } from '../types';
import { t } from '../../i18n';

export function tooManyRows(maxRows: number): ImportFileError {
  return new ImportFileError(t('imports.errors.tooManyRows', { max: maxRows.toLocaleString('sv-SE') }), 'too-many-rows');
}
