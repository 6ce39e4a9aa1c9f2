import type { CellValue } from '../types';
import { absenceKindFromType, foldLessons, lessonStatusFromMinutes, normaliseMinutesLesson } from './lesson-fold';
import { createStatusMatcher, type AbsenceStatus, type Status } from './status';

describe('foldLessons', () => {
  it.each<[string, Status[], Status]>([
    ['all present', ['present', 'present', 'present'], 'present'],
    ['one present, rest absent: at school that day', ['unexplained', 'present', 'unexplained'], 'present'],
    ['present and not reported', ['not_reported', 'present'], 'present'],
    ['all unexplained', ['unexplained', 'unexplained'], 'unexplained'],
    ['unexplained beats valid', ['valid', 'unexplained', 'valid'], 'unexplained'],
    ['unexplained beats unknown', ['unknown', 'unexplained'], 'unexplained'],
    ['unknown beats valid', ['valid', 'unknown'], 'unknown'],
    ['all valid', ['valid', 'valid'], 'valid'],
    ['absent and not reported is absent', ['not_reported', 'valid', 'not_reported'], 'valid'],
    ['all not reported', ['not_reported', 'not_reported'], 'not_reported'],
    ['no lessons', [], 'not_reported'],
  ])('%s', (_name, lessons, expected) => {
    expect(foldLessons(lessons)).toBe(expected);
  });

  it('takes any iterable, e.g. a generator over rows', () => {
    function* lessons(): Generator<Status> {
      yield 'unknown';
      yield 'valid';
    }
    expect(foldLessons(lessons())).toBe('unknown');
  });
});

describe('lessonStatusFromMinutes', () => {
  it.each<[number, number, AbsenceStatus, Status]>([
    [0, 60, 'unexplained', 'present'],
    [60, 60, 'unexplained', 'unexplained'], // the whole lesson
    [60, 60, 'valid', 'valid'],
    [60, 60, 'unknown', 'unknown'],
    [75, 60, 'valid', 'valid'], // more than scheduled: still the whole lesson
    [10, 60, 'unexplained', 'present'], // late: came to school
    [59, 60, 'unexplained', 'present'],
    [0, 0, 'unknown', 'not_reported'], // cancelled lesson
  ])('%i of %i minutes, kind %s → %s', (absence, scheduled, kind, expected) => {
    expect(lessonStatusFromMinutes(absence, scheduled, kind)).toEqual({ ok: true, value: expected });
  });

  it('rejects absence from a lesson with no scheduled time', () => {
    expect(lessonStatusFromMinutes(30, 0, 'valid')).toEqual({
      ok: false,
      message: 'Eleven har 30 minuters frånvaro på en lektion utan schemalagd tid.',
    });
  });
});

describe('absenceKindFromType', () => {
  it.each<[CellValue, AbsenceStatus]>([
    ['Anmäld', 'valid'],
    ['Oanmäld', 'unexplained'],
    ['Giltig frånvaro', 'valid'],
    ['Ogiltig', 'unexplained'],
    ['Sjuk', 'valid'],
    ['Frånvaro', 'unknown'],
    [null, 'unknown'],
    ['', 'unknown'],
    ['Ej rapporterat', 'unknown'],
    ['Frånvarande (ej anmäld)', 'unexplained'],
    ['Sjukanmäld', 'valid'],
  ])('%p → %s', (cell, expected) => {
    expect(absenceKindFromType(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, string]>([
    ['Närvarande', 'Frånvarotypen ”Närvarande” är ingen sorts frånvaro. Skriv till exempel Anmäld, Oanmäld, Giltig eller Ogiltig, eller lämna cellen tom.'],
    [
      'Q',
      'Okänd närvarostatus ”Q”. Tillåtna värden är till exempel Närvarande, Giltig frånvaro, Ogiltig frånvaro, Frånvarande och Ej rapporterat (eller tom cell).',
    ],
  ])('%p is rejected', (cell, message) => {
    expect(absenceKindFromType(cell)).toEqual({ ok: false, message });
  });

  it('lists a blank type as no status word: it is a reason not given, not an unreported lesson', () => {
    const matcher = createStatusMatcher();
    for (const cell of [null, '', 'Anmäld']) absenceKindFromType(cell, matcher);
    expect(matcher.readings()).toEqual([{ word: 'Anmäld', status: 'valid', source: 'vocabulary', count: 1 }]);
  });

  it('uses the municipality’s own words', () => {
    expect(absenceKindFromType('Skolk', createStatusMatcher({ Skolk: 'unexplained' }))).toEqual({
      ok: true,
      value: 'unexplained',
    });
  });
});

describe('normaliseMinutesLesson', () => {
  // Rows as in the sample lektioner_minuter_utf8_bom.csv: absence, scheduled, type
  it.each<[CellValue, CellValue, CellValue, Status]>([
    ['60', '60', 'Oanmäld', 'unexplained'],
    ['60', '60', 'Anmäld', 'valid'],
    ['60', '60', null, 'unknown'],
    ['0', '60', null, 'present'],
    ['0', '60', 'Oanmäld', 'present'], // a leftover type does not make it absence
    ['15', '60', 'Oanmäld', 'present'], // late
    [15, 60, 'Närvarande', 'present'], // the type is not read for a present lesson
    [null, '60', null, 'not_reported'], // nothing recorded is not presence
    ['', 60, 'Anmäld', 'not_reported'],
    ['0', '0', null, 'not_reported'],
    ['60,0', ' 60 ', 'oanmald', 'unexplained'],
  ])('%p of %p minutes, type %p → %s', (absence, scheduled, type, expected) => {
    expect(normaliseMinutesLesson(absence, scheduled, type)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, CellValue, CellValue, string, string]>([
    ['60', null, 'Oanmäld', 'scheduled', 'Schemalagd tid saknas.'],
    ['60', 'en timme', null, 'scheduled', 'Schemalagd tid: ”en timme” är inget antal. Skriv ett heltal, till exempel 3.'],
    ['-5', '60', null, 'absence', 'Frånvaro i minuter: Antalet ”-5” är negativt.'],
    [
      '60',
      '60',
      'Närvarande',
      'type',
      'Frånvarotypen ”Närvarande” är ingen sorts frånvaro. Skriv till exempel Anmäld, Oanmäld, Giltig eller Ogiltig, eller lämna cellen tom.',
    ],
    ['30', '0', null, 'absence', 'Eleven har 30 minuters frånvaro på en lektion utan schemalagd tid.'],
  ])('%p of %p minutes, type %p is rejected in %s', (absence, scheduled, type, field, message) => {
    expect(normaliseMinutesLesson(absence, scheduled, type)).toEqual({ ok: false, message, field });
  });
});
