/**
 * What each shape needs, and the Swedish messages when something is missing. The
 * header row is named in every message, since that is where the user has to look.
 */
import type { ImportProblem } from '../types';
import { exampleHeader } from './aliases';
import { FIELD_LABELS, Field, Layout, Shape } from './fields';

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
    if (!has('daysPresent')) missing.push('daysPresent');
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
  if (layout.shape === null) {
    problems.push({
      row,
      column: null,
      message:
        'Det går inte att se hur filen är uppställd. Rubrikraden måste innehålla antingen ' +
        'en kolumn ”Datum” och en kolumn ”Närvaro” (en rad per elev och dag), datum som ' +
        'kolumnrubriker (en kolumn per dag), eller kolumner med antal dagar, t.ex. ' +
        '”Närvarodagar” (en rad per elev).',
    });
  }
  for (const field of layout.missing) {
    problems.push({ row, column: null, message: missingFieldMessage(field) });
  }
  return problems;
}
