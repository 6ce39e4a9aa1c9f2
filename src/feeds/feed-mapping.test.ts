import { enrolledInWindow, mapSchool, SUMMARY_HEADERS, type MappingInput } from './feed-mapping';
import { checkCivicNo, type AggregatedAttendance, type Person } from './ss12000';

// Skatteverket's test numbers (shared/testpersonnummer.txt), 12 digits as SS 12000 sends them.
const PN = ['201001012382', '201002182390', '198001022386'] as const;

const person = (id: string, civicNo: string | null, over: Partial<Person> = {}): Person => ({
  id,
  givenName: 'Elev',
  familyName: id,
  civicNo: civicNo === null ? null : { value: civicNo, nationality: 'SE' },
  securityMarking: 'Ingen',
  protectedIdentity: false,
  personStatus: 'Aktiv',
  enrolments: [{ schoolUnitId: 'u1', schoolType: 'GR', schoolYear: 7, startDate: '2026-08-01', endDate: null, cancelled: false }],
  guardianIds: [],
  ...over,
});

const minutes = (studentId: string, over: Partial<AggregatedAttendance> = {}): AggregatedAttendance => ({
  studentId,
  activityId: 'a1',
  activityName: null,
  startDate: null,
  endDate: null,
  attendanceSum: 200,
  validAbsenceSum: 50,
  invalidAbsenceSum: 30,
  otherAttendanceSum: 20,
  reportedSum: 300,
  offeredSum: 300,
  ...over,
});

const input = (persons: Person[], attendance: AggregatedAttendance[], guardians: Person[] = []): MappingInput => ({
  schoolUnitId: 'u1',
  from: '2026-08-18',
  to: '2026-08-31',
  persons,
  attendance,
  guardians: new Map(guardians.map((g) => [g.id, g])),
  checkCivicNo: (v) => checkCivicNo(v, new Date('2026-09-01T12:00:00Z')),
});

describe('enrolledInWindow', () => {
  it.each([
    ['open-ended from before the window', '2026-08-01', null, false, true],
    ['ended the day before the window', '2026-01-10', '2026-08-17', false, false],
    ['ends on the first window day', '2026-01-10', '2026-08-18', false, true],
    ['starts on the last day so far', '2026-08-31', null, false, true],
    ['starts after the window so far', '2026-09-01', null, false, false],
    ['cancelled', '2026-08-01', null, true, false],
  ])('%s', (_name, startDate, endDate, cancelled, expected) => {
    const p = person('x', PN[0], { enrolments: [{ schoolUnitId: 'u1', schoolType: null, schoolYear: null, startDate, endDate, cancelled }] });
    expect(enrolledInWindow(p, 'u1', '2026-08-18', '2026-08-31')).toBe(expected);
  });

  it('another unit is not this roster', () => {
    expect(enrolledInWindow(person('x', PN[0]), 'u2', '2026-08-18', '2026-08-31')).toBe(false);
  });
});

describe('mapSchool', () => {
  it('sums the activities into one summary row: attended includes other attendance, absences as sent', () => {
    const r = mapSchool(
      input(
        [person('p1', PN[0])],
        [minutes('p1'), minutes('p1', { offeredSum: 100, attendanceSum: 100, validAbsenceSum: 0, invalidAbsenceSum: 0, otherAttendanceSum: 0 })],
      ),
    );
    expect(r.ok && r.rows).toEqual([[...SUMMARY_HEADERS], [PN[0], 'Elev', 'p1', 7, 400, 320, 50, 30, null, null, null]]);
  });

  it('a pupil without attendance rows has no scheduled time (the import warns); absences stay unknown, never 0', () => {
    const r = mapSchool(input([person('p1', PN[0])], []));
    expect(r.ok && r.rows[1]!.slice(4, 8)).toEqual([0, 0, null, null]);
  });

  it.each([
    ['no civicNo', null, /inget personnummer för SS 12000-id ”p1”/],
    ['a temporary number', '20100101TF01', /Tillfälligt nummer .* för SS 12000-id ”p1”/],
    ['a wrong checksum', '201001012383', /Ogiltigt personnummer för SS 12000-id ”p1”/],
  ])('refuses the whole school for %s, naming the id and never the number', (_name, civicNo, message) => {
    const r = mapSchool(input([person('p0', PN[1]), person('p1', civicNo)], [minutes('p0'), minutes('p1')]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    expect(r.message).not.toContain('20100101');
  });

  it('refuses a school whose attendance lacks offered or attended minutes ("not reported" is never present)', () => {
    const r = mapSchool(input([person('p1', PN[0])], [minutes('p1', { offeredSum: null })]));
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/utan erbjuden eller närvarande tid för SS 12000-id ”p1”/) });
  });

  it('lists five ids and counts the rest', () => {
    const persons = Array.from({ length: 7 }, (_, i) => person(`p${i}`, null));
    const r = mapSchool(input(persons, []));
    expect(!r.ok && r.message).toContain('”p0”, ”p1”, ”p2”, ”p3”, ”p4” och 2 till');
  });

  it('a protected pupil keeps the number (for the import) but no name, and is marked protected', () => {
    const r = mapSchool(input([person('p1', PN[0], { protectedIdentity: true, securityMarking: 'Skyddad folkbokföring' })], [minutes('p1')]));
    expect(r.ok && r.rows[1]!.slice(0, 3)).toEqual([PN[0], null, null]);
    expect(r.ok && r.rows[1]![8]).toBe('Ja');
    expect(r.ok && r.protectedPersons).toBe(1);
  });

  it('emigrated pupils stay on the roster and are listed; deceased persons are counted and left out', () => {
    const r = mapSchool(
      input([person('p1', PN[0], { personStatus: 'Utvandrad' }), person('p2', PN[1], { personStatus: 'Avliden' })], [minutes('p1'), minutes('p2')]),
    );
    expect(r.ok && { pupils: r.pupils, emigrated: r.emigrated, deceased: r.deceased, offRoster: r.attendanceOffRoster }).toEqual({
      pupils: 1,
      emigrated: [PN[0]],
      deceased: 1,
      offRoster: 1,
    });
  });

  it('guardians become guardian numbers; one the server did not send is counted, not guessed', () => {
    const g = person('g1', PN[2], { enrolments: [] });
    const r = mapSchool(input([person('p1', PN[0], { guardianIds: ['g1', 'g-missing'] })], [minutes('p1')], [g]));
    expect(r.ok && r.rows[1]!.slice(9)).toEqual([PN[2], null]);
    expect(r.ok && r.guardiansUnlinked).toBe(1);
  });

  it.each([
    ['two siblings naming one missing guardian', [['g-missing'], ['g-missing']], 1],
    [
      'two siblings naming two missing guardians',
      [
        ['g-a', 'g-b'],
        ['g-a', 'g-b'],
      ],
      2,
    ],
    ['one pupil naming a known and a missing guardian', [['g1', 'g-a'], []], 1],
    ['no missing guardian', [['g1'], ['g1']], 0],
  ])('counts each guardian that cannot be linked once: %s', (_, [first, second], expected) => {
    const g = person('g1', PN[2], { enrolments: [] });
    const r = mapSchool(
      input([person('p1', PN[0], { guardianIds: first }), person('p2', PN[1], { guardianIds: second })], [minutes('p1'), minutes('p2')], [g]),
    );
    expect(r.ok && r.guardiansUnlinked).toBe(expected);
  });
});
