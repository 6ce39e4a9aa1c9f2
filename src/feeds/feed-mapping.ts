/**
 * SS 12000 data → one school's minutes summary (the shape a school uploads, see
 * src/imports/layout/README.md), as CSV rows. The feed then commits the CSV through the
 * import, so the data goes through exactly the same checks, rules and round logic as an
 * upload. Pure: everything it needs comes in as arguments.
 */
import { t } from '../i18n';
import type { AggregatedAttendance, CivicNoCheck, Person } from './ss12000';

/** The summary's header row: names the import reads as a summary in minutes. */
export const SUMMARY_HEADERS = [
  'Personnummer',
  'Förnamn',
  'Efternamn',
  'Årskurs',
  'Schemalagd tid (min)',
  'Närvarande tid (min)',
  'Giltig frånvaro (min)',
  'Ogiltig frånvaro (min)',
  'Skyddad identitet',
  'Vårdnadshavare 1',
  'Vårdnadshavare 2',
] as const;

export type SummaryCell = string | number | null;

export interface MappedSchool {
  ok: true;
  /** Header first, then one row per pupil on the roster. */
  rows: SummaryCell[][];
  /** Persons with an enrolment at the unit in the window (the roster). */
  pupils: number;
  protectedPersons: number;
  /** Personal numbers (as written in the rows) of pupils SS 12000 marks Utvandrad. */
  emigrated: string[];
  /** Persons marked Avliden: left out of the roster, counted here. */
  deceased: number;
  /** Attendance rows of persons not on the roster (not enrolled at the unit in the window). */
  attendanceOffRoster: number;
  /** Guardians (distinct) whose personal number could not be used (missing, temporary, not fetched): the sibling link is missing. */
  guardiansUnlinked: number;
}

export interface RefusedSchool {
  ok: false;
  /** Plain Swedish, naming persons by their SS 12000 id, never by number. */
  message: string;
}

export interface MappingInput {
  schoolUnitId: string;
  /** The window so far: first window day and the last one up to today (YYYY-MM-DD). */
  from: string;
  to: string;
  persons: Person[];
  attendance: AggregatedAttendance[];
  /** Guardians by person id (those sent with the roster and those looked up). */
  guardians: ReadonlyMap<string, Person>;
  checkCivicNo: (value: string) => CivicNoCheck;
}

/** Ids listed in a message at most; the rest are counted. */
const LISTED_IDS = 5;

/** The person has an enrolment at the unit that overlaps [from, to]. */
export function enrolledInWindow(person: Person, schoolUnitId: string, from: string, to: string): boolean {
  return person.enrolments.some((e) => !e.cancelled && e.schoolUnitId === schoolUnitId && e.startDate <= to && (e.endDate === null || e.endDate >= from));
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, LISTED_IDS).map((id) => `”${id}”`);
  return ids.length > LISTED_IDS ? t('feed.mapping.idsAndMore', { ids: shown.join(', '), more: ids.length - LISTED_IDS }) : shown.join(', ');
}

interface Sums {
  scheduled: number;
  attended: number;
  valid: number | null;
  unexplained: number | null;
  missing: boolean;
}

/** A student's minutes over every activity; a row without offered or attended minutes makes the sums unusable. */
function sumAttendance(rows: AggregatedAttendance[]): Sums {
  const s: Sums = { scheduled: 0, attended: 0, valid: null, unexplained: null, missing: false };
  for (const r of rows) {
    if (r.offeredSum === null || r.attendanceSum === null) s.missing = true;
    s.scheduled += r.offeredSum ?? 0;
    // Other attendance (study visit, prao, …) is attendance the school arranged.
    s.attended += (r.attendanceSum ?? 0) + (r.otherAttendanceSum ?? 0);
    if (r.validAbsenceSum !== null) s.valid = (s.valid ?? 0) + r.validAbsenceSum;
    if (r.invalidAbsenceSum !== null) s.unexplained = (s.unexplained ?? 0) + r.invalidAbsenceSum;
  }
  return s;
}

/**
 * The school's roster and minutes as summary rows, or the reason the school's data
 * cannot be used at all (a person on the roster without a usable personal number, or
 * without the minutes the summary needs): a school is committed whole or not at all.
 */
export function mapSchool(input: MappingInput): MappedSchool | RefusedSchool {
  const { schoolUnitId, from, to } = input;
  const roster: Person[] = [];
  let deceased = 0;
  for (const p of input.persons) {
    if (!enrolledInWindow(p, schoolUnitId, from, to)) continue;
    if (p.personStatus === 'Avliden') deceased++;
    else roster.push(p);
  }
  const byStudent = new Map<string, AggregatedAttendance[]>();
  for (const a of input.attendance) byStudent.set(a.studentId, [...(byStudent.get(a.studentId) ?? []), a]);

  const withoutNumber: string[] = [];
  const temporary: string[] = [];
  const invalid: string[] = [];
  const withoutMinutes: string[] = [];
  const numbers = new Map<string, string>();
  for (const p of roster) {
    if (!p.civicNo || p.civicNo.value.trim() === '') {
      withoutNumber.push(p.id);
      continue;
    }
    const c = input.checkCivicNo(p.civicNo.value);
    if (!c.ok) (c.kind === 'tillfalligt' ? temporary : invalid).push(p.id);
    else numbers.set(p.id, c.value);
    if (sumAttendance(byStudent.get(p.id) ?? []).missing) withoutMinutes.push(p.id);
  }
  const problems: string[] = [];
  if (withoutNumber.length) problems.push(t('feed.mapping.withoutCivicNo', { ids: listIds(withoutNumber) }));
  if (temporary.length) problems.push(t('feed.mapping.temporaryNumber', { ids: listIds(temporary) }));
  if (invalid.length) problems.push(t('feed.mapping.invalidNumber', { ids: listIds(invalid) }));
  if (withoutMinutes.length) problems.push(t('feed.mapping.withoutMinutes', { ids: listIds(withoutMinutes) }));
  if (problems.length) return { ok: false, message: problems.join(' ') };

  // Counted once per guardian, however many of the school's pupils name them.
  const unlinked = new Set<string>();
  const guardianNumber = (id: string): string | null => {
    const g = input.guardians.get(id);
    const c = g?.civicNo ? input.checkCivicNo(g.civicNo.value) : null;
    if (c?.ok) return c.value;
    unlinked.add(id);
    return null;
  };
  const rows: SummaryCell[][] = [[...SUMMARY_HEADERS]];
  const emigrated: string[] = [];
  let protectedPersons = 0;
  const rosterIds = new Set(roster.map((p) => p.id));
  for (const p of roster) {
    const pn = numbers.get(p.id)!;
    const sums = sumAttendance(byStudent.get(p.id) ?? []);
    const guardians = p.guardianIds.map(guardianNumber).filter((g): g is string => g !== null);
    if (p.protectedIdentity) protectedPersons++;
    if (p.personStatus === 'Utvandrad') emigrated.push(pn);
    const year = p.enrolments.find((e) => e.schoolUnitId === schoolUnitId && !e.cancelled)?.schoolYear ?? null;
    rows.push([
      pn,
      // A protected pupil's name never leaves the school system's answer.
      p.protectedIdentity ? null : p.givenName,
      p.protectedIdentity ? null : p.familyName,
      year,
      sums.scheduled,
      sums.attended,
      sums.valid,
      sums.unexplained,
      p.protectedIdentity ? 'Ja' : null,
      guardians[0] ?? null,
      guardians[1] ?? null,
    ]);
  }
  const attendanceOffRoster = input.attendance.filter((a) => !rosterIds.has(a.studentId)).length;
  return { ok: true, rows, pupils: roster.length, protectedPersons, emigrated, deceased, attendanceOffRoster, guardiansUnlinked: unlinked.size };
}
