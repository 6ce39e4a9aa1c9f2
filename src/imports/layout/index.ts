/** Public surface of layout detection. */
export { detectLayout, fallbackLayout, type DetectOptions } from './detect-layout';
export { applyColumnMapping, findMappedHeaderRow } from './mapping';
export { layoutProblems, missingFieldMessage, missingFields } from './required';
export { ALIASES, fieldForHeader } from './aliases';
export { findHeaderRow, HEADER_SCAN_ROWS } from './header-row';
export { FIELDS, FIELD_LABELS, type ColumnMapping, type DateColumn, type Field, type Layout, type Shape } from './fields';
