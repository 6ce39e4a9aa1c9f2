/** A personal number as lists show a protected pupil: the birth date, never the last four digits. */
export const maskedNumber = (pn: string): string => `${pn.slice(0, 8)}-****`;
