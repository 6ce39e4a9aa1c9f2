/**
 * The nine rules as shipped: the first rule set version of a new installation, and the
 * values the admin page can reset to. Swedish text is written for a principal reading a
 * flag, not for a developer. Rules look only at what pupils did (attendance, leave,
 * rosters, earlier rounds): there are no facts about nationality, ethnicity, religion,
 * language, country of origin or sex, and none may be added.
 */
import type { RuleDefinition, RuleId } from '../types';

/** Rules that never flag a pupil on their own; they add to a flag and raise its severity. */
export const MODIFIER_RULE_IDS: readonly RuleId[] = ['siblings', 'previously-flagged'];

export function isModifier(id: RuleId): boolean {
  return id === 'siblings' || id === 'previously-flagged';
}

const RULES: RuleDefinition[] = [
  {
    id: 'not-returned',
    title: 'Har inte kommit tillbaka',
    description:
      'Eleven har inte varit närvarande någon skoldag sedan terminsstart, och minst det angivna antalet skoldagar har hunnit räknas. ' +
      'Allvarlighetsgraden är den valda om någon frånvaro är ogiltig, saknar angiven orsak eller inte är rapporterad, ' +
      'och ett steg lägre om all frånvaro är giltig.',
    template: 'Har inte varit närvarande {anyObservedDayText} sedan terminsstart {termStart} ({absenceSummary}).',
    severity: 'high',
    enabled: true,
    params: { minObservedDays: 3 },
  },
  {
    id: 'unexplained-absence',
    title: 'Ogiltig frånvaro',
    description:
      'Eleven har ogiltig frånvaro eller frånvaro utan angiven orsak under minst det angivna antalet skoldagar sedan terminsstart. ' +
      'Gäller inte en elev som redan flaggas för att inte ha kommit tillbaka.',
    template: 'Har varit frånvarande utan giltig orsak {unexplainedDaysText} av {observedDaysText} sedan terminsstart {termStart} ({unexplainedSummary}).',
    severity: 'medium',
    enabled: true,
    params: { minDays: 3 },
  },
  {
    id: 'long-absence',
    title: 'Lång sammanhängande frånvaro',
    description:
      'Eleven har inte varit närvarande under minst det angivna antalet skoldagar i rad, oavsett orsak. ' +
      'En dag utan rapporterad närvaro räknas som frånvaro. Gäller inte en elev som redan flaggas för att inte ha kommit tillbaka. ' +
      'Kan inte bedömas när skolans fil bara innehåller summor.',
    template: 'Har inte varit närvarande {streakDaysText} i rad, {streakPeriod} ({streakSummary}).',
    severity: 'medium',
    enabled: true,
    params: { minStreak: 5 },
  },
  {
    id: 'left-without-destination',
    title: 'Utskriven utan känd ny skola',
    description: 'Skolan har registrerat att eleven har lämnat skolan (flyttat utomlands eller avregistrerats) och ingen mottagande skola är känd.',
    template: 'Har skrivits ut från skolan (utskrivningsdatum {leftDate}) och ingen mottagande skola är känd.',
    severity: 'high',
    enabled: true,
    params: {},
  },
  {
    id: 'vanished-from-roster',
    title: 'Saknas i skolans fil',
    description:
      'Eleven fanns i en skolas fil i förra omgången och skolan har lämnat in sin fil i den här omgången, ' +
      'men eleven finns inte i någon skolas fil nu och ingen flytt är registrerad.',
    template: 'Fanns {wasAt} i omgången {previousRound} men finns inte i någon skolas inlästa fil nu, och ingen flytt är registrerad.',
    severity: 'high',
    enabled: true,
    params: {},
  },
  {
    id: 'watch-listed',
    title: 'Oro anmäld före lovet',
    description:
      'Eleven står på omgångens bevakningslista (oro före lovet) och var inte närvarande första skoldagen, ' +
      'eller har inte varit närvarande en senare skoldag. Det räcker med en skoldag utan närvaro.',
    template: 'Står på bevakningslistan inför lovet och har inte varit närvarande {notPresentDaysText} av {observedDaysText} sedan terminsstart {termStart}.',
    severity: 'high',
    enabled: true,
    params: { minObservedDays: 1 },
  },
  {
    id: 'leave-overrun',
    title: 'Inte tillbaka efter ledighet',
    description:
      'En registrerad ledighet har tagit slut och eleven har inte varit närvarande någon skoldag sedan dess, ' +
      'räknat när minst det angivna antalet skoldagar har gått.',
    template: 'Den registrerade ledigheten slutade {leaveEnded} och eleven har inte varit närvarande {anyDayAfterLeaveText} sedan dess.',
    severity: 'high',
    enabled: true,
    params: { minDaysAfter: 1 },
  },
  {
    id: 'siblings',
    title: 'Syskon är också flaggat',
    description:
      'Ett syskon med samma vårdnadshavare, på vilken skola som helst i kommunen, är också flaggat i omgången. ' +
      'Höjer allvarlighetsgraden ett steg för en elev som redan är flaggad; flaggar aldrig en elev ensamt. ' +
      'Syskonets namn och skola visas aldrig.',
    template: '{siblingsText} (samma vårdnadshavare) är också {flaggedText} i omgången.',
    severity: 'medium',
    enabled: true,
    params: {},
  },
  {
    id: 'previously-flagged',
    title: 'Flaggad i en tidigare omgång',
    description:
      'Eleven flaggades eller hade ett ärende i en tidigare omgång. ' +
      'Höjer allvarlighetsgraden ett steg för en elev som redan är flaggad; flaggar aldrig en elev ensamt.',
    template: 'Flaggades eller hade ett ärende i en tidigare omgång ({previousRound}).',
    severity: 'medium',
    enabled: true,
    params: {},
  },
];

/**
 * Frozen: a caller that wants to change a rule takes defaultRules() instead, so the
 * shipped values can never be altered by accident at runtime.
 */
export const DEFAULT_RULES: RuleDefinition[] = Object.freeze(
  RULES.map((r) => Object.freeze({ ...r, params: Object.freeze({ ...r.params }) })),
) as RuleDefinition[];

/** A fresh, mutable copy of the default rules (e.g. to store as rule set version 1). */
export function defaultRules(): RuleDefinition[] {
  return DEFAULT_RULES.map((r) => ({ ...r, params: { ...r.params } }));
}

export function defaultRule(id: RuleId): RuleDefinition {
  return DEFAULT_RULES.find((r) => r.id === id)!;
}
