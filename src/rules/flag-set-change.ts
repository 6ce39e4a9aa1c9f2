/**
 * Which schools' sets of active flags an evaluation changed. A school's set is its
 * flagged pupils with their rules ("pupil:rule"); a new severity or explanation of the
 * same flag is no change, a flag that appears or goes is. A school's confirmed report
 * is undone when its set changes (SchoolReportService.resetStale).
 */

/** Per school, its flags as "pupil:rule" strings, from [schoolId, "pupil:rule"] pairs. */
export function flagSetsBySchool(flags: Iterable<[number, string]>): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const [school, flag] of flags) (out.get(school) ?? out.set(school, new Set()).get(school)!).add(flag);
  return out;
}

/** Schools whose flag set differs between two evaluations. */
export function changedSchools(before: ReadonlyMap<number, ReadonlySet<string>>, after: ReadonlyMap<number, ReadonlySet<string>>): Set<number> {
  const out = new Set<number>();
  for (const school of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(school) ?? new Set<string>();
    const b = after.get(school) ?? new Set<string>();
    if (a.size !== b.size || [...a].some((x) => !b.has(x))) out.add(school);
  }
  return out;
}
