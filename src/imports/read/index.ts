/** Public surface of the file readers. */
export { detectFileKind, SNIFF_BYTES, type FileKind } from './sniff';
export { readCsv, type CsvInfo, type CsvReadOptions, type CsvReadResult } from './csv-reader';
export { readXlsx, type XlsxInfo, type XlsxReadOptions, type XlsxReadResult } from './xlsx-reader';
export { detectEncoding, type TextEncoding } from './encoding';
export { detectDelimiter, type Delimiter } from './delimiter';
