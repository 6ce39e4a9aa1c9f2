import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Outcome } from '../cases';
import type { Actor } from '../shared';
import { addDays, schoolDaysFrom } from '../calendar';
import type { Services } from '../services';
import { CaseHistoryWriter } from './case-history-writer';

/**
 * Earlier rounds for the demo, so statistics and trends have two years to show on first
 * start. Skatteverket's test personal numbers only (shared/testpersonnummer.txt), other
 * than those of the current demo round. Each school keeps its pupils from round to round.
 */
const PUPILS: Record<string, readonly string[]> = {
  '90000001': [
    '20130101-2389',
    '20130121-2385',
    '20130210-2387',
    '20130302-2386',
    '20130322-2382',
    '20130411-2384',
    '20130501-2385',
    '20130521-2381',
    '20130610-2383',
    '20130630-2389',
    '20130720-2380',
    '20130809-2384',
  ],
  '90000002': ['20130829-2380', '20130918-2382', '20131008-2381', '20131028-2387', '20131117-2389'],
  '90000003': [
    '20090121-2381',
    '20090210-2383',
    '20090302-2382',
    '20090322-2388',
    '20090411-2380',
    '20090501-2381',
    '20090521-2387',
    '20090610-2389',
    '20090630-2385',
    '20090720-2386',
    '20090809-2380',
    '20090829-2386',
    '20090918-2388',
    '20091008-2387',
    '20091028-2383',
  ],
};
const FIRST_NAMES = ['Alice', 'Elias', 'Ebba', 'William', 'Olivia', 'Lucas', 'Astrid', 'Oscar', 'Ella', 'Viktor', 'Nora', 'Isak', 'Freja', 'Melvin', 'Selma'];

/** What happened to one pupil in a round: the attendance pattern, then the case (days from term start). */
interface Event {
  school: string;
  pupil: number;
  /** gone: unexplained absence every day; excused: excused every day; scattered: unexplained on days 2–4. */
  pattern: 'gone' | 'excused' | 'scattered';
  outcome: Outcome | null;
  located?: number;
  referred?: number;
  acknowledged?: number;
  transfer?: 'abroad' | 'other_municipality';
}

interface HistoryRound {
  name: (year: number) => string;
  breakType: 'summer' | 'christmas' | 'easter';
  termStart: (year: number) => string;
  schools: string[];
  /** Schools that upload their file; of those, the ones that confirm their report. */
  uploads: string[];
  confirms: string[];
  watch: [string, number][];
  events: Event[];
}

const B = '90000001';
const E = '90000002';
const L = '90000003';

/** Relative to the current demo round's year Y: summer Y−2, Christmas Y−1, summer Y−1, Christmas Y, Easter Y. */
const ROUNDS: HistoryRound[] = [
  {
    name: (y) => `Sommarlovet ${y - 2}`,
    breakType: 'summer',
    termStart: (y) => `${y - 2}-08-19`,
    schools: [B, E, L],
    uploads: [B, E, L],
    confirms: [B, E, L],
    watch: [
      [B, 0],
      [L, 6],
    ],
    events: [
      { school: B, pupil: 0, pattern: 'gone', outcome: 'abroad_without_leave', located: 12, referred: 3, acknowledged: 5 },
      { school: B, pupil: 1, pattern: 'excused', outcome: 'returned', located: 2 },
      { school: B, pupil: 2, pattern: 'scattered', outcome: 'returned', located: 6 },
      { school: L, pupil: 0, pattern: 'gone', outcome: 'settled_abroad', located: 25, transfer: 'abroad' },
      { school: L, pupil: 1, pattern: 'gone', outcome: 'whereabouts_unknown', referred: 9, acknowledged: 10 },
    ],
  },
  {
    name: (y) => `Jullovet ${y - 1}`,
    breakType: 'christmas',
    termStart: (y) => `${y - 1}-01-08`,
    schools: [B, E, L],
    uploads: [B, E, L],
    confirms: [B, E, L],
    watch: [[E, 0]],
    events: [
      { school: B, pupil: 3, pattern: 'gone', outcome: 'returning_known_date', located: 4 },
      { school: L, pupil: 2, pattern: 'scattered', outcome: 'returned', located: 3 },
      { school: E, pupil: 0, pattern: 'gone', outcome: 'suspected_taken_abroad', referred: 1, acknowledged: 2 },
    ],
  },
  {
    name: (y) => `Sommarlovet ${y - 1}`,
    breakType: 'summer',
    termStart: (y) => `${y - 1}-08-18`,
    schools: [B, E, L],
    uploads: [B, E, L],
    confirms: [B, L],
    watch: [
      [L, 3],
      [B, 7],
    ],
    events: [
      { school: B, pupil: 4, pattern: 'gone', outcome: 'new_school_sweden', located: 15, transfer: 'other_municipality' },
      { school: B, pupil: 5, pattern: 'gone', outcome: 'abroad_without_leave', located: 30, referred: 6, acknowledged: 8 },
      { school: B, pupil: 6, pattern: 'excused', outcome: 'returned', located: 1 },
      { school: L, pupil: 3, pattern: 'gone', outcome: 'left_after_asylum_rejection', located: 20, transfer: 'abroad' },
      { school: L, pupil: 4, pattern: 'scattered', outcome: 'in_sweden_not_attending', located: 9, referred: 12, acknowledged: 14 },
      { school: E, pupil: 1, pattern: 'gone', outcome: null },
    ],
  },
  {
    name: (y) => `Jullovet ${y}`,
    breakType: 'christmas',
    termStart: (y) => `${y}-01-08`,
    schools: [B, E, L],
    uploads: [B, L],
    confirms: [B, L],
    watch: [],
    events: [
      { school: B, pupil: 8, pattern: 'excused', outcome: 'returned', located: 2 },
      { school: L, pupil: 5, pattern: 'gone', outcome: 'settled_abroad', located: 18, referred: 4 },
    ],
  },
  { name: (y) => `Påsklovet ${y}`, breakType: 'easter', termStart: (y) => `${y}-04-22`, schools: [L], uploads: [L], confirms: [L], watch: [], events: [] },
];

function csvFile(rows: string[][]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-demo-')), 'narvaro.csv');
  fs.writeFileSync(file, rows.map((r) => r.join(';')).join('\r\n') + '\r\n');
  return file;
}

function status(event: Event | undefined, day: number): string {
  if (!event) return 'Närvarande';
  if (event.pattern === 'gone') return 'Ogiltig frånvaro';
  if (event.pattern === 'excused') return 'Giltig frånvaro';
  return day >= 1 && day <= 3 ? 'Ogiltig frånvaro' : 'Närvarande';
}

const at = (termStart: string, days: number, hour = 10): string => `${addDays(termStart, days)}T${String(hour).padStart(2, '0')}:00:00Z`;

/** Seeds the earlier rounds (closed), after the current demo round, whose year they follow. */
export async function seedDemoHistory(services: Services, system: Actor): Promise<void> {
  const current = services.rounds.list(system).find((r) => r.breakType === 'summer');
  if (!current) return;
  const year = Number(current.termStart.slice(0, 4));
  const nonSchool = services.settings.nonSchoolDaySet();
  const fixtures = CaseHistoryWriter.open(services.config.databaseFile);
  try {
    for (const spec of ROUNDS) {
      const termStart = schoolDaysFrom(spec.termStart(year), 1, nonSchool)[0]!;
      const window = spec.breakType === 'summer' ? 10 : 5;
      const days = schoolDaysFrom(termStart, window, nonSchool);
      const round = services.rounds.create(system, {
        name: spec.name(year),
        breakType: spec.breakType,
        termStart,
        deadline: days[days.length - 1],
        schoolCodes: spec.schools,
      });
      for (const [school, i] of spec.watch) services.watchList.add(system, round.id, school, { personalNumber: PUPILS[school]![i]!, reasons: ['pupil_worry'] });
      await services.rounds.open(system, round.id);
      for (const school of spec.uploads) {
        const rows = [['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro']];
        PUPILS[school]!.forEach((pn, i) => {
          const event = spec.events.find((e) => e.school === school && e.pupil === i);
          days.forEach((d, day) => rows.push([pn, FIRST_NAMES[i % FIRST_NAMES.length]!, 'Demosson', d, status(event, day)]));
        });
        await services.imports.importFile(system, { roundId: round.id, schoolCode: school, filePath: csvFile(rows), fileName: `narvaro-${school}.csv` });
      }
      const flagged = new Map(services.rules.listFlags(system, round.id).map((f) => [f.pupil.personalNumber, f]));
      // Follow-ups first: each re-evaluates the round (and the case service re-syncs its cases).
      for (const e of spec.events) {
        const flag = flagged.get(PUPILS[e.school]![e.pupil]!);
        if (e.transfer && flag) {
          services.followUps.save(system, round.id, e.school, flag.pupil.id, {
            transfer: e.transfer,
            receivingSchool: e.transfer === 'abroad' ? '' : 'Skola i grannkommunen',
            informationSource: 'Vårdnadshavare',
          });
        }
      }
      // In the server the follow-ups' evaluation runs on an import worker: the cases below are written after it.
      await services.settle();
      for (const e of spec.events) {
        const pn = PUPILS[e.school]![e.pupil]!;
        const closed = e.outcome ? at(termStart, Math.max(e.located ?? 0, e.acknowledged ?? 0, 3) + 1, 14) : null;
        fixtures.addCase({
          roundId: round.id,
          pupilId: fixtures.pupilId(pn),
          schoolId: fixtures.schoolId(e.school),
          origin: 'flag',
          watchListed: spec.watch.some(([s, i]) => s === e.school && i === e.pupil),
          severity: flagged.get(pn)?.severity ?? 'medium',
          state: e.outcome ? 'closed' : e.acknowledged ? 'acknowledged' : e.referred ? 'referred' : 'investigating',
          outcome: e.outcome,
          createdAt: at(termStart, 1, 8),
          locatedAt: e.located === undefined ? null : at(termStart, e.located),
          closedAt: closed,
          referral:
            e.referred === undefined
              ? null
              : { sentAt: at(termStart, e.referred, 9), acknowledgedAt: e.acknowledged === undefined ? null : at(termStart, e.acknowledged, 11) },
        });
      }
      // Watch-listed pupils who came back: their watch-list case closed as returned on the first days.
      for (const [school, i] of spec.watch.filter(([s, i]) => !spec.events.some((e) => e.school === s && e.pupil === i))) {
        fixtures.addCase({
          roundId: round.id,
          pupilId: fixtures.pupilId(PUPILS[school]![i]!),
          schoolId: fixtures.schoolId(school),
          origin: 'watch_list',
          watchListed: true,
          severity: 'medium',
          state: 'closed',
          outcome: 'returned',
          createdAt: at(termStart, -3, 8),
          locatedAt: at(termStart, 0, 9),
          closedAt: at(termStart, 1, 9),
        });
      }
      for (const school of spec.confirms) {
        services.schoolReports.confirm(system, round.id, school, { statement: 'Skolans uppgifter är kontrollerade och uppföljningen registrerad.' });
      }
      services.rounds.close(system, round.id);
    }
  } finally {
    fixtures.close();
  }
}
