import { detectDelimiter } from './delimiter';

describe('detectDelimiter', () => {
  it.each([
    ['semicolon', 'Personnummer;Namn;Datum\n20110703-2391;Omar;2026-08-18\n', ';'],
    ['comma', 'Personnummer,Namn,Datum\n20110703-2391,Omar,2026-08-18\n', ','],
    ['tab', 'Personnummer\tNamn\tDatum\n20110703-2391\tOmar\t2026-08-18\n', '\t'],
    ['CRLF and a trailing blank line', 'Pnr;Närvaro\r\n1;N\r\n\r\n', ';'],
    ['header only', 'Personnummer,Datum,Närvaro', ','],
    [
      'title rows above the header, one with a comma',
      'Närvarorapport\nSkola: Exempelskolan, Storstad\n\nPnr;Namn;Klass;Datum\n1;A;9B;2026-08-18\n2;B;9B;2026-08-18\n',
      ';',
    ],
    ['quoted names with commas in a semicolon file', 'Pnr;Namn;Närvaro\n1;"Rahimi, Omar";O\n2;"Lindqvist, Wilma";G\n', ';'],
    ['quoted names with semicolons in a comma file', 'Pnr,Namn,Närvaro\n1,"Rahimi; Omar",O\n2,"Lindqvist; Wilma",G\n', ','],
    ['decimal commas in a semicolon file', 'Pnr;Frånvaro (min);Schemalagd tid\n1;12,5;60\n2;0;60\n3;7,5;60\n', ';'],
    ['a line break inside quotes', 'Pnr;Kommentar\n1;"rad ett\nrad två"\n2;ok\n', ';'],
    ['a single column falls back to semicolon', 'Personnummer\n20110703-2391\n', ';'],
  ])('%s', (_name, text, expected) => {
    expect(detectDelimiter(text)).toEqual({ delimiter: expected, sepLine: false });
  });

  it.each([
    ['sep=;\nPnr;Namn\n', ';'],
    ['sep=,\r\nPnr,Namn\r\n', ','],
    ['SEP=\t\nPnr\tNamn\n', '\t'],
  ])("honours Excel's hint line %j", (text, expected) => {
    expect(detectDelimiter(text)).toEqual({ delimiter: expected, sepLine: true });
  });
});
