import type { ImportProblem } from '../types';
import { t } from '../../i18n';

/** Errors listed one by one; past this the report says how many more there are. */
export const MAX_LISTED_ERRORS = 1000;
/** Warnings of one kind listed by row; the rest are summed up in one line. */
const MAX_ROWS_PER_WARNING = 10;

/** What n more warnings of each kind, past the listed examples, mean. */
const SUMMARY_OF_KIND = {
  'unknown-column': (n: number) => t('imports.errors.kolumnerAnvands', { n }),
  'matrix-column': (n: number) => t('imports.errors.datumkolumnerRaknas', { n }),
  'name-conflict': (n: number) => t('imports.errors.raderDarNamnetSkiljer', { n }),
  'outside-window': (n: number) => t('imports.errors.raderGallerDagarRaknas', { n }),
  duplicate: (n: number) => `… och ${n} dubbletter till.`,
  'summary-too-many': (n: number) => t('imports.errors.raderFlerDagarAn', { n }),
  'percent-mismatch': (n: number) => t('imports.errors.procentsatserStammerMinuterna', { n }),
  'no-scheduled-time': (n: number) => `… och ${n} elever till utan schemalagd tid.`,
  // Raised once per file: never more than the one listed.
  'low-share': (n: number) => `… och ${n} varningar till.`,
  'excluded-protected': (n: number) => `… och ${n} varningar till.`,
} as const;

export type WarningKind = keyof typeof SUMMARY_OF_KIND;

/**
 * Collects errors (each listed, up to a cap, always counted) and warnings grouped by
 * kind, so a million rows on a weekend give ten example rows and one count, not a
 * million lines.
 */
export class ProblemLog {
  readonly errors: ImportProblem[] = [];
  errorCount = 0;
  private readonly warningGroups = new Map<WarningKind, { examples: ImportProblem[]; count: number }>();

  error(row: number | null, column: string | null, message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ row, column, message });
  }

  warn(kind: WarningKind, problem: ImportProblem): void {
    let group = this.warningGroups.get(kind);
    if (!group) {
      group = { examples: [], count: 0 };
      this.warningGroups.set(kind, group);
    }
    group.count++;
    if (group.examples.length < MAX_ROWS_PER_WARNING) group.examples.push(problem);
  }

  warnings(): ImportProblem[] {
    const out: ImportProblem[] = [];
    for (const [kind, g] of this.warningGroups) {
      out.push(...g.examples);
      const rest = g.count - g.examples.length;
      if (rest > 0) out.push({ row: null, column: null, message: SUMMARY_OF_KIND[kind](rest) });
    }
    return out;
  }

  /** The errors as listed, plus one line for those past the cap. */
  listedErrors(): ImportProblem[] {
    const rest = this.errorCount - this.errors.length;
    return rest > 0 ? [...this.errors, { row: null, column: null, message: t('imports.errors.felRattaFelenOvan', { rest }) }] : this.errors;
  }
}
