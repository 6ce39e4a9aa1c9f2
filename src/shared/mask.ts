/**
 * The one way Saknad hides a personal number: its birth date stays (as written, 6 or 8
 * digits), the last four digits become ****. Lists, the import's messages and its preview
 * of a protected pupil's row all use these, so a number looks the same everywhere.
 */

/** A normalised personal number (YYYYMMDDNNNN or YYYYMMDD-NNNN) as lists show a protected pupil. */
export const maskedNumber = (pn: string): string => `${pn.slice(0, 8)}-****`;

/** A personal number cell as the file wrote it: its date digits (8 of 12, 6 of 10), then -****. */
export function maskWrittenNumber(text: string): string {
  const digits = text.replace(/\D/g, '');
  return `${digits.slice(0, digits.length >= 12 ? 8 : 6)}-****`;
}

/** Every personal-number-like run in a message (a problem text quoting the cell) masked the same way. */
export function maskNumbers(message: string): string {
  return message.replace(/\b(\d{5,8})[-+]?\d{4}\b/g, '$1-****');
}

/** A pupil as a query reads them, unmasked: services mask (cases' pupilView) before anyone sees it. */
export interface PupilIdentityRow {
  pupilId: number;
  personalNumber: string;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
  className: string | null;
}
