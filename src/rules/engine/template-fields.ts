/**
 * The placeholders each rule's evidence provides, with Swedish labels for the admin page
 * ("Du kan använda: …"). The rule set validation refuses a template naming anything else,
 * and a test checks that every listed field is in the evidence when the rule fires.
 */
import type { RuleId } from '../types';

export interface TemplateField {
  name: string;
  label: string;
}

const termStart = { name: 'termStart', label: 'terminsstart, t.ex. ”17 augusti 2026”' };
const observedDays = { name: 'observedDays', label: 'antal räknade skoldagar, t.ex. ”10”' };
const observedDaysText = { name: 'observedDaysText', label: 'räknade skoldagar, t.ex. ”10 skoldagar”' };
const counts = [
  { name: 'present', label: 'antal dagar närvarande' },
  { name: 'valid', label: 'antal dagar giltig frånvaro' },
  { name: 'unexplained', label: 'antal dagar ogiltig frånvaro' },
  { name: 'unknown', label: 'antal dagar frånvaro utan angiven orsak' },
  { name: 'notReported', label: 'antal dagar utan rapporterad närvaro' },
];
const raised = [
  { name: 'raisedFrom', label: 'allvarlighetsgrad före höjningen' },
  { name: 'raisedTo', label: 'allvarlighetsgrad efter höjningen' },
];

export const RULE_TEMPLATE_FIELDS: Readonly<Record<RuleId, readonly TemplateField[]>> = {
  'not-returned': [
    { name: 'anyObservedDayText', label: '”någon av de 10 skoldagarna” eller ”den enda skoldagen”' },
    termStart,
    observedDays,
    observedDaysText,
    { name: 'absenceSummary', label: 'frånvaron per slag, t.ex. ”10 dagar ogiltig frånvaro”' },
    ...counts,
  ],
  'unexplained-absence': [
    { name: 'unexplainedDays', label: 'antal dagar ogiltig frånvaro eller utan angiven orsak' },
    { name: 'unexplainedDaysText', label: 'samma som text, t.ex. ”4 dagar”' },
    { name: 'unexplainedSummary', label: 'per slag, t.ex. ”3 dagar ogiltig frånvaro, 1 dag frånvaro utan angiven orsak”' },
    termStart,
    observedDays,
    observedDaysText,
    ...counts,
  ],
  'long-absence': [
    { name: 'streakDays', label: 'antal skoldagar i rad, t.ex. ”5”' },
    { name: 'streakDaysText', label: 'samma som text, t.ex. ”5 skoldagar”' },
    { name: 'streakFrom', label: 'första dagen' },
    { name: 'streakTo', label: 'sista dagen' },
    { name: 'streakPeriod', label: 'perioden, t.ex. ”24–28 augusti 2026”' },
    { name: 'streakSummary', label: 'vad dagarna var, t.ex. ”5 dagar giltig frånvaro”' },
  ],
  'left-without-destination': [{ name: 'leftDate', label: 'utskrivningsdatum, eller ”okänt”' }],
  'vanished-from-roster': [
    { name: 'wasAt', label: '”i klass 7B på skolan” eller ”på skolan”' },
    { name: 'previousRound', label: 'förra omgångens namn' },
    { name: 'previousClass', label: 'klass i förra omgången, eller ”okänt”' },
  ],
  'watch-listed': [
    { name: 'notPresentDays', label: 'antal skoldagar utan närvaro' },
    { name: 'notPresentDaysText', label: 'samma som text, t.ex. ”2 dagar”' },
    { name: 'firstSchoolDay', label: 'första skoldagen' },
    termStart,
    observedDays,
    observedDaysText,
  ],
  'leave-overrun': [
    { name: 'leaveEnded', label: 'ledighetens sista dag' },
    { name: 'daysAfterLeave', label: 'antal skoldagar sedan ledigheten slutade' },
    { name: 'anyDayAfterLeaveText', label: '”någon av de 4 skoldagarna” eller ”den enda skoldagen”' },
  ],
  siblings: [
    { name: 'siblingsText', label: '”Ett syskon” eller t.ex. ”2 syskon”' },
    { name: 'flaggedText', label: '”flaggat” eller ”flaggade”' },
    { name: 'flaggedSiblings', label: 'antal flaggade syskon' },
    ...raised,
  ],
  'previously-flagged': [{ name: 'previousRound', label: 'den senaste tidigare omgången' }, ...raised],
};
