import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../shared';
import { schoolDaysFrom } from '../calendar';
import type { Services } from '../services';
import { seedDemoCases } from './demo-cases';

/**
 * Skatteverket's test personal numbers (shared/testpersonnummer.txt): they belong to no
 * real person. Demo data never uses invented numbers.
 */
const DEMO_PUPILS = [
  ['20110104-2388', 'Omar', 'Rahimi'],
  ['20110203-2396', 'Wilma', 'Lindqvist'],
  ['20110306-2384', 'Leo', 'Larsson'],
  ['20110405-2392', 'Amira', 'Haddad'],
  ['20110506-2382', 'Elsa', 'Berg'],
  ['20110605-2390', 'Noah', 'Ek'],
  ['20110706-2380', 'Maja', 'Nilsson'],
  ['20110805-2398', 'Hugo', 'Svensson'],
  ['20110905-2389', 'Alva', 'Karlsson'],
  ['20111005-2394', 'Liam', 'Johansson'],
  ['20111105-2385', 'Saga', 'Andersson'],
  ['20111205-2392', 'Adam', 'Pettersson'],
] as const;
const EKDAL_PUPILS = [
  ['20120105-2394', 'Ida', 'Holm'],
  ['20120205-2385', 'Ali', 'Rahimi'],
  ['20120306-2391', 'Vera', 'Lund'],
  ['20120406-2382', 'Otto', 'Ström'],
] as const;

function csvFile(rows: string[][]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-demo-')), 'narvaro.csv');
  fs.writeFileSync(file, rows.map((r) => r.join(';')).join('\r\n') + '\r\n');
  return file;
}

/**
 * The latest summer round, open, so a newcomer sees the workflow at once: Björkskolan has
 * reported with flagged pupils and follow-up, Ekdalsskolan a nil report, Lindgymnasiet
 * nothing (overdue once the deadline has passed), and the watch list holds two pupils.
 */
export async function seedDemoRound(services: Services, system: Actor): Promise<void> {
  const now = services.clock();
  // The latest summer whose observation window is over, so every window day is observed.
  const year = now.getUTCMonth() > 7 || (now.getUTCMonth() === 7 && now.getUTCDate() >= 31) ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const termStart = `${year}-08-18`;
  const days = schoolDaysFrom(termStart, 10, services.settings.nonSchoolDaySet());
  const round = services.rounds.create(system, {
    name: `HT${year} efter sommarlovet`,
    breakType: 'summer',
    termStart,
    deadline: days[days.length - 1],
    recheckDate: `${year}-09-22`,
  });
  // Before the break: the watch list.
  services.watchList.add(system, round.id, '90000001', {
    personalNumber: DEMO_PUPILS[0][0],
    firstName: DEMO_PUPILS[0][1],
    lastName: DEMO_PUPILS[0][2],
    reasons: ['sibling_worry', 'leave_request'],
    leaveFrom: `${year}-06-12`,
    leaveTo: `${year}-08-28`,
    leaveDestination: 'Utlandet (land okänt)',
    leaveDecision: 'refused',
  });
  services.watchList.add(system, round.id, '90000001', {
    personalNumber: DEMO_PUPILS[4][0],
    firstName: DEMO_PUPILS[4][1],
    lastName: DEMO_PUPILS[4][2],
    reasons: ['friend_worry'],
  });
  await services.rounds.open(system, round.id);

  // Björkskolan: one pupil never came back, one after three excused days, one with scattered unexplained days.
  const status = (pupil: number, day: number): string => {
    if (pupil === 0 || pupil === 3) return 'Ogiltig frånvaro';
    if (pupil === 1) return day < 3 ? 'Giltig frånvaro' : 'Ogiltig frånvaro';
    if (pupil === 2) return day % 3 === 1 ? 'Ogiltig frånvaro' : 'Närvarande';
    return 'Närvarande';
  };
  const bjork = [
    ['Personnummer', 'Förnamn', 'Efternamn', 'Klass', 'Datum', 'Närvaro', 'Skyddad identitet', 'Vårdnadshavare'],
    ...DEMO_PUPILS.flatMap(([pn, first, last], i) =>
      days.map((d, day) => [pn, first, last, '5A', d, status(i, day), i === 3 ? 'J' : '', i === 0 ? '19700123-9297' : '']),
    ),
  ];
  await services.imports.importFile(system, { roundId: round.id, schoolCode: '90000001', filePath: csvFile(bjork), fileName: 'bjorkskolan-narvaro.csv' });
  const ekdal = [
    ['Personnummer', 'Förnamn', 'Efternamn', 'Datum', 'Närvaro'],
    ...EKDAL_PUPILS.flatMap(([pn, first, last]) => days.map((d) => [pn, first, last, d, 'Närvarande'])),
  ];
  await services.imports.importFile(system, { roundId: round.id, schoolCode: '90000002', filePath: csvFile(ekdal), fileName: 'ekdalsskolan.csv' });

  const omar = services.rules.listFlags(system, round.id).find((f) => f.pupil.personalNumber === DEMO_PUPILS[0][0]);
  if (omar) {
    services.followUps.addAttempt(system, round.id, '90000001', omar.pupil.id, {
      method: 'phone',
      date: days[1],
      result: 'Inget svar på vårdnadshavarens nummer.',
    });
    services.followUps.addAttempt(system, round.id, '90000001', omar.pupil.id, {
      method: 'classmates',
      date: days[2],
      result: 'En klasskamrat säger att familjen rest utomlands i juni.',
    });
    services.followUps.save(system, round.id, '90000001', omar.pupil.id, {
      lastDayPresent: `${year}-06-11`,
      knownReason: 'Uppges vara utomlands',
      informationSource: 'Klasskamrat',
      transfer: 'none',
    });
  }
  // In the server the follow-ups' evaluation runs on an import worker: the reports are confirmed after it.
  await services.settle();
  services.schoolReports.confirm(system, round.id, '90000001', {
    statement: 'Skolans uppgifter är kontrollerade. Uppföljningen av de flaggade eleverna är registrerad.',
  });
  services.schoolReports.confirm(system, round.id, '90000002', { statement: 'Alla elever är tillbaka. Ingen elev saknas.' });
  await seedDemoCases(services, system, round.id);
}
