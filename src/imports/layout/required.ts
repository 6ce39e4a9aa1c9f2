/**
 * What each shape needs, and the Swedish messages when something is missing. The
 * header row is named in every message, since that is where the user has to look.
 */
import type { ImportProblem } from '../types';
import { swedishList } from '../../calendar';
import { exampleHeader } from './aliases';
import { FIELD_LABELS, MINUTE_SUMMARY_FIELDS, Field, Layout, Shape } from './fields';

/**
 * Fields a layout must have. A daily file needs a status or minutes of absence; that
 * pair is reported as 'status' when both are missing. Names are not required: pupils
 * with protected identity may come without.
 */
export function missingFields(
  shape: Shape | null,
  columns: Partial<Record<Field, number>>,
): Field[] {
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
  status: '”Närvaro” eller ”Frånvaro (min)”',
};

export function missingFieldMessage(field: Field): string {
  const example = EXTRA_EXAMPLES[field] ?? `”${exampleHeader(field)}”`;
  return (
    `Hittar ingen kolumn för ${FIELD_LABELS[field]}. ` +
    `Rubrikraden måste innehålla t.ex. ${example}.`
  );
}

/** Every problem with a layout, as errors that block the import. */
export function layoutProblems(layout: Layout): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const row = layout.headerRow;
  for (const { field, header } of layout.unmatchedMapping) {
    problems.push({
      row,
      column: header,
      message:
        `Kolumnen ”${header}”, som har valts för ${FIELD_LABELS[field]}, finns inte ` +
        'i rubrikraden. Välj kolumnerna på nytt.',
    });
  }
  for (const { headers, fields } of layout.ambiguous) {
    problems.push({ row, column: headers.join(', '), message: ambiguityMessage(headers, fields) });
  }
  if (layout.shape === null) {
    problems.push({
      row,
      column: null,
      message:
        'Det går inte att se hur filen är uppställd. Rubrikraden måste innehålla antingen ' +
        'en kolumn ”Datum” och en kolumn ”Närvaro” (en rad per elev och dag), datum som ' +
        'kolumnrubriker (en kolumn per dag), eller kolumner med antal dagar eller minuter, t.ex. ' +
        '”Närvarodagar” eller ”Närvarande tid (min)” (en rad per elev).',
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
    return (
      `Kolumnen ${quoted[0]} kan betyda både ${swedishList(fields.map((f) => FIELD_LABELS[f]))}. ` +
      'Byt namn på kolumnen eller välj själv vad kolumnerna innehåller.'
    );
  }
  return (
    `Kolumnerna ${swedishList(quoted)} läses ${headers.length === 2 ? 'båda' : 'alla'} som ${FIELD_LABELS[fields[0]!]}. ` +
    'Ta bort eller byt namn på den som inte ska användas, eller välj själv vad kolumnerna innehåller.'
  );
}
