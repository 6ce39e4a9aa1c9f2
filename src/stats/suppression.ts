/**
 * Small-number suppression for counts that leave the municipality (the county board
 * export): 0 is shown as it is, every count from 1 to threshold − 1 as "<threshold",
 * and counts from the threshold up as the number. A threshold of 1 or less suppresses nothing.
 */
export function suppress(count: number, threshold: number): string {
  if (count === 0 || count >= threshold) return String(count);
  return `<${threshold}`;
}

/** A school is listed on its own only with at least this many pupils mapped in the round. */
export function isListedSchool(pupilsMapped: number, minimumSize: number): boolean {
  return pupilsMapped >= minimumSize;
}
