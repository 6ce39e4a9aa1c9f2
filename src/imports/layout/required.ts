/**
 * What each shape needs, and the Swedish messages when something is missing. The
 * header row is named in every message, since that is where the user has to look.
 */
import type { ImportProblem } from '../types';
import { swedishList } from '../../calendar';
import { exampleHeader } from './aliases';
import { FIELD_LABELS, MINUTE_SUMMARY_FIELDS, Field, Layout, Shape } from './fields';
import { t } from '../../i18n';

/**
 * Fields a layout must have. A daily file needs a status or minutes of absence; that
 * pair is reported as 'status' when both are missing. Names are not required: pupils
 * with protected identity may come without.
 */
export function missingFields(shape: Shape | null, columns: Partial<Record<Field, number>>): Field[] {
  const has = (f: Field): boolean => columns[f] !== undefined;
  const missing: Field[] = [];
  if (!has('personalNumber')) missing.push('personalNumber');
  if (shape === 'daily') {
    if (!has('date')) missing.push('date');
    if (!has('status') && !has('absenceMinutes')) missing.push('status');
  } else if (shape === 'summary') {
    // In minutes (and no day counts): what was scheduled and attended; the rest may be missing.
    if (!has('daysPresent') && MINUTE_SUMMARY_FIELDS.some(has)) {
      if (!has('scheduledMinutes')) missing.push('scheduledMinutes');
      if (!has('attendedMinutes')) missing.push('attendedMinutes');
    } else if (!has('daysPresent')) missing.push('daysPresent');
  }
  return missing;
}

const EXTRA_EXAMPLES: Partial<Record<Field, string>> = {
  status: t('imports.errors.narvaroEllerFranvaroMin'),
};

export function missingFieldMessage(field: Field): string {
  const example = EXTRA_EXAMPLES[field] ?? `”${exampleHeader(field)}”`;
  return t('imports.errors.hittarIngenKolumnFor', { field: FIELD_LABELS[field] }) + t('imports.errors.rubrikradenMasteInnehallaT', { example });
}

/** Every problem with a layout, as errors that block the import. */
export function layoutProblems(layout: Layout): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const row = layout.headerRow;
  for (const { field, header } of layout.unmatchedMapping) {
    problems.push({
      row,
      column: header,
      message: t('imports.errors.kolumnenValtsForRubrikraden', { header, field: FIELD_LABELS[field] }),
    });
  }
  for (const { headers, fields } of layout.ambiguous) {
    problems.push({ row, column: headers.join(', '), message: ambiguityMessage(headers, fields) });
  }
  if (layout.shape === null) {
    problems.push({
      row,
      column: null,
      message: t('imports.errors.garSeHurFilen'),
    });
  }
  for (const field of layout.missing) {
    problems.push({ row, column: null, message: missingFieldMessage(field) });
  }
  return problems;
}

/**
 * One header that reads as two fields, or two columns that read as one: the user must
 * say which, since a guess could read a guardian's number as the pupil's.
 */
export function ambiguityMessage(headers: string[], fields: Field[]): string {
  const quoted = headers.map((h) => `”${h}”`);
  if (headers.length === 1) {
    return t('imports.errors.kolumnenBetydaBadeByt', { header: quoted[0], fields: swedishList(fields.map((f) => FIELD_LABELS[f])) });
  }
  return t('imports.errors.columnsReadAsOne', {
    headers: swedishList(quoted),
    all: t(headers.length === 2 ? 'imports.errors.columnsReadAsOne.both' : 'imports.errors.columnsReadAsOne.all'),
    field: FIELD_LABELS[fields[0]!],
  });
}
