import type { ImportProblem } from '../types';

/** Errors listed one by one; past this the report says how many more there are. */
export const MAX_LISTED_ERRORS = 1000;
/** Warnings of one kind listed by row; the rest are summed up in one line. */
const MAX_ROWS_PER_WARNING = 10;

/**
 * Collects errors (each listed, up to a cap, always counted) and warnings grouped by
 * kind, so a million rows on a weekend give ten example rows and one count, not a
 * million lines.
 */
export class ProblemLog {
  readonly errors: ImportProblem[] = [];
  errorCount = 0;
  private readonly warningGroups = new Map<string, { examples: ImportProblem[]; count: number; summary: (n: number) => string }>();

  error(row: number | null, column: string | null, message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ row, column, message });
  }

  /** A warning of a kind; `summary(n)` says what n more rows of this kind mean. */
  warn(kind: string, problem: ImportProblem, summary: (n: number) => string): void {
    let group = this.warningGroups.get(kind);
    if (!group) {
      group = { examples: [], count: 0, summary };
      this.warningGroups.set(kind, group);
    }
    group.count++;
    if (group.examples.length < MAX_ROWS_PER_WARNING) group.examples.push(problem);
  }

  warnings(): ImportProblem[] {
    const out: ImportProblem[] = [];
    for (const g of this.warningGroups.values()) {
      out.push(...g.examples);
      const rest = g.count - g.examples.length;
      if (rest > 0) out.push({ row: null, column: null, message: g.summary(rest) });
    }
    return out;
  }

  /** The errors as listed, plus one line for those past the cap. */
  listedErrors(): ImportProblem[] {
    const rest = this.errorCount - this.errors.length;
    return rest > 0 ? [...this.errors, { row: null, column: null, message: `… och ${rest} fel till. Rätta felen ovan och läs in filen igen.` }] : this.errors;
  }
}
