import type { FollowUp } from '../followup';
import type { PupilAttendance } from '../rules';
import { attendanceView, dateTimeText, followUpFacts } from './case-view';

const TERM = '2026-08-18';
const days = (statuses: (string | null)[]): PupilAttendance => ({
  termStart: TERM,
  shape: 'days',
  days: statuses.map((status, i) => ({ date: `2026-08-${String(18 + i).padStart(2, '0')}`, status: status as never })),
});

describe('attendanceView', () => {
  it.each<[string, PupilAttendance, string[], string]>([
    [
      'never present',
      days(['unexplained', 'unexplained', 'not_reported']),
      [
        'Eleven har inte varit närvarande någon av de 3 skoldagarna sedan terminsstart 18 augusti 2026.',
        'Frånvaron: 2 dagar ogiltig frånvaro, 1 dag utan rapporterad närvaro.',
      ],
      'OOE',
    ],
    [
      'present some days, two still to come',
      days(['present', 'valid', 'unknown', null, null]),
      [
        'Eleven har varit närvarande 1 av 3 skoldagar sedan terminsstart 18 augusti 2026.',
        'Frånvaron: 1 dag giltig frånvaro, 1 dag frånvaro utan angiven orsak.',
        '2 skoldagar av kartläggningen har inte varit än.',
      ],
      'NGF––',
    ],
    ['present every day', days(['present', 'present']), ['Eleven har varit närvarande 2 av 2 skoldagar sedan terminsstart 18 augusti 2026.'], 'NN'],
    ['no day yet', days([null, null]), ['Ingen skoldag i kartläggningen har varit än (terminsstart 18 augusti 2026).'], '––'],
    [
      'a summary in days',
      {
        termStart: TERM,
        shape: 'summary',
        observedDays: 10,
        summary: { daysPresent: 1, validAbsenceDays: 2, unexplainedAbsenceDays: 7, unknownAbsenceDays: null, firstDayPresent: null },
      },
      [
        'Skolans fil har summor för perioden, inte skoldag för skoldag: eleven har varit närvarande 1 dag av 10 skoldagar sedan terminsstart 18 augusti 2026.',
        'Frånvaron: 2 dagar giltig frånvaro, 7 dagar ogiltig frånvaro.',
      ],
      '',
    ],
    [
      'a summary in minutes',
      { termStart: TERM, shape: 'minutes', observedDays: 10, minutes: { scheduled: 2400, attended: 1440, valid: 0, unexplained: 960 } },
      [
        'Skolans fil har summor i minuter, inte skoldag för skoldag: 1\u00a0440 av 2\u00a0400 schemalagda minuter närvarande, 960 minuter ogiltig frånvaro, under 10 skoldagar sedan terminsstart 18 augusti 2026.',
      ],
      '',
    ],
    [
      'in no file',
      { termStart: TERM, shape: 'none' },
      ['Eleven finns inte i någon fil som skolan har läst in i den här omgången, så det finns ingen närvaro att visa.'],
      '',
    ],
  ])('%s', (_name, attendance, sentences, letters) => {
    const view = attendanceView(attendance);
    expect(view.sentences).toEqual(sentences);
    expect(view.cells.map((c) => c.letter).join('')).toBe(letters);
    // The legend explains exactly the marks the strip uses.
    expect(view.legend.map((l) => l.mark).sort()).toEqual([...new Set(view.cells.map((c) => c.mark))].sort());
  });

  it('gives each cell its whole date and status in words', () => {
    expect(attendanceView(days(['not_reported'])).cells).toEqual([
      { date: '2026-08-18', short: 'tis 18/8', long: 'tisdag 18 augusti 2026', mark: 'not_reported', letter: 'E', label: 'ej rapporterad' },
    ]);
  });
});

const followUp = (f: Partial<FollowUp>): FollowUp => ({
  manual: false,
  manualReason: null,
  guardiansNotContacted: false,
  lastDayPresent: null,
  knownReason: null,
  abroadCountry: null,
  expectedReturn: null,
  informationSource: null,
  transfer: 'none',
  receivingSchool: null,
  updatedAt: '2026-08-20T12:30:00.000Z',
  updatedByLabel: 'rektor@skola.invalid',
  ...f,
});

describe('followUpFacts', () => {
  it.each<[string, Partial<FollowUp>, [string, string][]]>([
    [
      'a transfer in the municipality, expected return without a country',
      { transfer: 'municipal_school', receivingSchool: 'Betaskolan', expectedReturn: '2026-09-07' },
      [
        ['Flytt', 'Ny skola i kommunen'],
        ['Mottagande skola', 'Betaskolan'],
        ['Väntad återkomst', '7 september 2026'],
      ],
    ],
    [
      'abroad, guardians deliberately not contacted',
      { guardiansNotContacted: true, abroadCountry: 'Land X', lastDayPresent: '2026-06-12', knownReason: 'Resa', informationSource: 'Klasskamrat' },
      [
        ['Vårdnadshavare', 'Vårdnadshavare har medvetet inte kontaktats – risk för hedersrelaterat våld'],
        ['Sista dag eleven var närvarande', '12 juni 2026'],
        ['Känd orsak till frånvaron', 'Resa'],
        ['Land, om eleven är utomlands', 'Land X'],
        ['Vem som lämnat uppgifterna', 'Klasskamrat'],
      ],
    ],
  ])('%s', (_name, f, rows) => {
    expect(followUpFacts(followUp(f)).map((r) => [r.label, r.value])).toEqual([
      ...rows,
      ['Senast ändrad', '20 augusti 2026 kl. 14:30 av rektor@skola.invalid'],
    ]);
  });

  it('has nothing to show without a follow-up', () => {
    expect(followUpFacts(null)).toEqual([]);
  });

  it.each([
    ['2026-08-20T12:30:00.000Z', '20 augusti 2026 kl. 14:30'],
    ['2026-12-31T23:30:00.000Z', '1 januari 2027 kl. 00:30'],
  ])('dateTimeText %s → %s (Europe/Stockholm)', (iso, text) => {
    expect(dateTimeText(iso)).toBe(text);
  });
});
