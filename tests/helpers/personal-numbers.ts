/**
 * Skatteverket's test personal numbers (from shared/testpersonnummer.txt): they belong
 * to no real person. Tests use only these; never invent valid-looking numbers.
 */
export const PUPILS = [
  '20100101-2382',
  '20100218-2390',
  '20100408-2382',
  '20100526-2397',
  '20100714-2381',
  '20100831-2397',
  '20101019-2381',
  '20101206-2392',
  '20110124-2392',
  '20110314-2384',
] as const;

/** Born 2005: Excel drops the leading zero of their 10-digit form (050101…). */
export const BORN_2005 = ['20050101-2389', '20050101-2397', '20050102-2388'] as const;

export const GUARDIANS = ['19700123-9297', '19760715-2381', '19770319-2398', '19771119-2380'] as const;

/** A test number with its last digit changed: fails the checksum. */
export const BAD_CHECKSUM = '20100101-2383';

/** 'YYYYMMDD-NNNN' → 'YYMMDD-NNNN'. */
export const short = (pn: string): string => pn.slice(2);
