/**
 * SS 12000 as it arrives, checked with zod at the edge and turned into the project's types
 * (types.ts). Fields the feed does not use are not declared, so they are dropped here;
 * extra fields never make a response invalid. v2.1 is the target; the spellings of the
 * drafts some servers still send (norEduPersonNIN, boolean securityMarking, 'Normal',
 * guardians as ids, bare arrays instead of { data, pageToken }) are read too.
 */
import { z } from 'zod';
import type { AggregatedAttendance, Absence, Enrolment, Person, SchoolUnit, SecurityMarking } from './types';

const id = z.string().min(1);
const ref = z.object({ id, displayName: z.string().nullish() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const minutes = z.number().int().min(0).nullish();

/** The list envelope of v2.1: `pageToken` null or absent on the last page. */
export const envelope = z.union([z.object({ data: z.array(z.unknown()), pageToken: z.string().nullish() }), z.array(z.unknown())]);

export const organisationWire = z.object({
  id,
  displayName: z.string(),
  organisationType: z.string().nullish(),
  schoolUnitCode: z.string().nullish(),
});

const civicNoWire = z.object({ value: z.string(), nationality: z.string().nullish() });

const enrolmentWire = z
  .object({
    enroledAt: ref.nullish(),
    /** The issue text's name for enroledAt; read in case a server uses it. */
    schoolUnit: ref.nullish(),
    schoolType: z.string().nullish(),
    schoolYear: z.number().int().nullish(),
    startDate: date,
    endDate: date.nullish(),
    cancelled: z.boolean().nullish(),
  })
  .refine((e) => e.enroledAt || e.schoolUnit, { message: 'enroledAt saknas', path: ['enroledAt'] });

export const personWire = z.object({
  id,
  givenName: z.string(),
  familyName: z.string(),
  civicNo: civicNoWire.nullish(),
  norEduPersonNIN: civicNoWire.nullish(),
  securityMarking: z.union([z.string(), z.boolean()]).nullish(),
  personStatus: z.enum(['Aktiv', 'Normal', 'Utvandrad', 'Avliden']).nullish(),
  enrolments: z.array(enrolmentWire).nullish(),
  responsibles: z.array(z.object({ person: ref.nullish(), relationType: z.string().nullish() })).nullish(),
  guardians: z.array(id).nullish(),
});

export const aggregatedAttendanceWire = z.object({
  student: ref,
  activity: ref,
  startDate: date.nullish(),
  endDate: date.nullish(),
  attendanceSum: minutes,
  validAbsenceSum: minutes,
  invalidAbsenceSum: minutes,
  otherAttendanceSum: minutes,
  reportedSum: minutes,
  offeredSum: minutes,
});

export const absenceWire = z.object({
  id,
  student: ref,
  organisation: ref.nullish(),
  startTime: z.string().min(1),
  endTime: z.string().min(1),
  type: z.string().nullish(),
});

export function toSchoolUnit(o: z.infer<typeof organisationWire>): SchoolUnit {
  return { id: o.id, displayName: o.displayName, schoolUnitCode: o.schoolUnitCode ?? null };
}

/**
 * Anything but an explicit 'Ingen' (or draft false) counts as protected: a marking this
 * version does not know must hide the pupil rather than show them.
 */
function securityMarking(value: string | boolean | null | undefined): SecurityMarking {
  if (value === undefined || value === null || value === false || value === 'Ingen' || value === '') return 'Ingen';
  if (value === 'Skyddad folkbokföring') return value;
  return 'Sekretessmarkering';
}

function toEnrolment(e: z.infer<typeof enrolmentWire>): Enrolment {
  return {
    schoolUnitId: (e.enroledAt ?? e.schoolUnit)!.id,
    schoolType: e.schoolType ?? null,
    schoolYear: e.schoolYear ?? null,
    startDate: e.startDate.slice(0, 10),
    endDate: e.endDate ? e.endDate.slice(0, 10) : null,
    cancelled: e.cancelled ?? false,
  };
}

export function toPerson(p: z.infer<typeof personWire>): Person {
  const civic = p.civicNo ?? p.norEduPersonNIN ?? null;
  const marking = securityMarking(p.securityMarking);
  const fromResponsibles = (p.responsibles ?? []).filter((r) => r.relationType === 'Vårdnadshavare' && r.person).map((r) => r.person!.id);
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    civicNo: civic ? { value: civic.value, nationality: civic.nationality ?? null } : null,
    securityMarking: marking,
    protectedIdentity: marking !== 'Ingen',
    personStatus: !p.personStatus || p.personStatus === 'Normal' ? 'Aktiv' : p.personStatus,
    enrolments: (p.enrolments ?? []).map(toEnrolment),
    guardianIds: [...new Set([...fromResponsibles, ...(p.guardians ?? [])])],
  };
}

export function toAggregatedAttendance(a: z.infer<typeof aggregatedAttendanceWire>): AggregatedAttendance {
  return {
    studentId: a.student.id,
    activityId: a.activity.id,
    activityName: a.activity.displayName ?? null,
    startDate: a.startDate ? a.startDate.slice(0, 10) : null,
    endDate: a.endDate ? a.endDate.slice(0, 10) : null,
    attendanceSum: a.attendanceSum ?? null,
    validAbsenceSum: a.validAbsenceSum ?? null,
    invalidAbsenceSum: a.invalidAbsenceSum ?? null,
    otherAttendanceSum: a.otherAttendanceSum ?? null,
    reportedSum: a.reportedSum ?? null,
    offeredSum: a.offeredSum ?? null,
  };
}

export function toAbsence(a: z.infer<typeof absenceWire>): Absence {
  return {
    id: a.id,
    studentId: a.student.id,
    schoolUnitId: a.organisation?.id ?? null,
    startTime: a.startTime,
    endTime: a.endTime,
    type: a.type ?? null,
  };
}

/** Where in the page a zod issue is, e.g. "data[3].student.id" — never the value itself. */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), prefix);
}
