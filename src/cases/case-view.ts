import { CASE_STATE_SV, OUTCOME_SV, type CaseState, type Outcome } from './case-model';
import type { CaseRow } from './case-repository';
import { DateTime } from 'luxon';
import { formatSwedishDate } from '../calendar';
import { TRANSFER_SV, type FollowUp } from '../followup';
import { t, type PlainMessageKey } from '../i18n';
import {
  absenceSummaryText,
  anyOfSchoolDaysText,
  daysText,
  evidenceSentences,
  fullDateText,
  minutesSummaryText,
  schoolDaysText,
  type PupilAttendance,
} from '../rules';
import { maskedNumber } from '../shared';

/** The pupil as lists, pages, the API and e-mails may show them. */
export interface PupilView {
  id: number;
  personalNumber: string;
  name: string | null;
  protected: boolean;
  /** True when this view shows a protected pupil's identity (an audited reveal). */
  revealed: boolean;
  className: string | null;
}

/** Protected identity: no name and no full personal number unless revealed. */
export function pupilView(
  r: Pick<CaseRow, 'pupilId' | 'personalNumber' | 'firstName' | 'lastName' | 'protectedIdentity' | 'className'>,
  reveal = false,
): PupilView {
  const hide = r.protectedIdentity && !reveal;
  return {
    id: r.pupilId,
    personalNumber: hide ? maskedNumber(r.personalNumber) : r.personalNumber,
    name: hide ? null : [r.firstName, r.lastName].filter(Boolean).join(' ') || null,
    protected: r.protectedIdentity,
    revealed: r.protectedIdentity && reveal,
    className: r.className,
  };
}

export interface CaseSummary {
  id: number;
  round: { id: number; name: string };
  school: { code: string; name: string };
  pupil: PupilView;
  origin: CaseRow['origin'];
  watchListed: boolean;
  state: CaseState;
  stateName: string;
  severity: CaseRow['severity'];
  rules: string[];
  assignee: { id: number; name: string } | null;
  recheckDate: string | null;
  transferredTo: string | null;
  /** Other municipal schools whose file has the pupil this round; a person decides what it means. */
  seenIn: string | null;
  outcome: Outcome | null;
  outcomeName: string | null;
  outcomeComment: string | null;
  noReferralReason: string | null;
  pendingApproval: { outcome: Outcome; requestedBy: string; requestedAt: string; reason: 'high_severity' | 'concern_outcome' } | null;
  createdAt: string;
  closedAt: string | null;
}

export function caseSummary(r: CaseRow, reveal = false): CaseSummary {
  return {
    id: r.id,
    round: { id: r.roundId, name: r.roundName },
    school: { code: r.schoolCode, name: r.schoolName },
    pupil: pupilView(r, reveal),
    origin: r.origin,
    watchListed: r.watchListed,
    state: r.state,
    stateName: CASE_STATE_SV[r.state],
    severity: r.severity,
    rules: r.rules,
    assignee: r.assignedTo ? { id: r.assignedTo, name: r.assigneeName ?? '' } : null,
    recheckDate: r.recheckDate,
    // Where a protected pupil now studies is as protected as who they are.
    transferredTo: r.transferredToSchoolName && r.protectedIdentity && !reveal ? 'En annan skola i kommunen' : r.transferredToSchoolName,
    seenIn: r.seenAtSchoolNames && r.protectedIdentity && !reveal ? 'En annan skola i kommunen' : r.seenAtSchoolNames,
    outcome: r.outcome,
    outcomeName: r.outcome ? OUTCOME_SV[r.outcome] : null,
    outcomeComment: r.outcomeComment,
    noReferralReason: r.noReferralReason,
    pendingApproval: r.pendingClose
      ? {
          outcome: r.pendingClose.outcome,
          requestedBy: r.pendingClose.requestedByLabel,
          requestedAt: r.pendingClose.requestedAt,
          reason: r.pendingClose.reason ?? 'high_severity',
        }
      : null,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
  };
}

/** The letter and word for each status on the attendance strip: read by letter and word, never by colour alone. */
export const DAY_MARKS = ['present', 'valid', 'unexplained', 'unknown', 'not_reported', 'upcoming'] as const;
export type DayMark = (typeof DAY_MARKS)[number];

const MARK_KEYS: Record<DayMark, { letter: PlainMessageKey; label: PlainMessageKey }> = {
  present: { letter: 'attendance.letter.present', label: 'attendance.label.present' },
  valid: { letter: 'attendance.letter.valid', label: 'attendance.label.valid' },
  unexplained: { letter: 'attendance.letter.unexplained', label: 'attendance.label.unexplained' },
  unknown: { letter: 'attendance.letter.unknown', label: 'attendance.label.unknown' },
  not_reported: { letter: 'attendance.letter.not_reported', label: 'attendance.label.not_reported' },
  upcoming: { letter: 'attendance.letter.upcoming', label: 'attendance.label.upcoming' },
};

export interface AttendanceView {
  /** One sentence or two: the numbers, in words. */
  sentences: string[];
  /** Daily and matrix files only: one cell per school day of the window. */
  cells: { date: string; short: string; long: string; mark: DayMark; letter: string; label: string }[];
  /** The marks the strip uses, in a fixed order. */
  legend: { mark: DayMark; letter: string; label: string }[];
}

const mark = (m: DayMark) => ({ mark: m, letter: t(MARK_KEYS[m].letter), label: t(MARK_KEYS[m].label) });

/** "tis 18/8": a strip cell's visible date; the whole date is in `long`. */
function shortDate(iso: string): string {
  return `${formatSwedishDate(iso).slice(0, 3)} ${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`;
}

/** The case page's attendance section: a strip of the window's school days, or the summary file's numbers in sentences. */
export function attendanceView(a: PupilAttendance): AttendanceView {
  const since = fullDateText(a.termStart);
  if (a.shape === 'none') return { sentences: [t('attendance.none')], cells: [], legend: [] };
  if (a.shape === 'minutes') {
    return {
      sentences: [t('attendance.minutes', { summary: minutesSummaryText(a.minutes), days: schoolDaysText(a.observedDays), date: since })],
      cells: [],
      legend: [],
    };
  }
  if (a.shape === 'summary') {
    const s = a.summary;
    const counts = { valid: s.validAbsenceDays ?? 0, unexplained: s.unexplainedAbsenceDays ?? 0, unknown: s.unknownAbsenceDays ?? 0, notReported: 0 };
    const absence = absenceSummaryText(counts);
    return {
      sentences: [
        t('attendance.summary', { present: daysText(s.daysPresent), days: schoolDaysText(a.observedDays), date: since }),
        ...(absence ? [t('evidence.breakdown', { summary: absence })] : []),
      ],
      cells: [],
      legend: [],
    };
  }
  const cells = a.days.map((d) => {
    const m: DayMark = d.status ?? 'upcoming';
    return { date: d.date, short: shortDate(d.date), long: formatSwedishDate(d.date, { withYear: true }), ...mark(m) };
  });
  const passed = a.days.filter((d) => d.status !== null);
  const count = (s: DayMark) => passed.filter((d) => d.status === s).length;
  const present = count('present');
  const absence = absenceSummaryText({
    valid: count('valid'),
    unexplained: count('unexplained'),
    unknown: count('unknown'),
    notReported: count('not_reported'),
  });
  const sentences =
    passed.length === 0
      ? [t('attendance.noDayYet', { date: since })]
      : [
          present === 0
            ? t('attendance.neverPresent', { days: anyOfSchoolDaysText(passed.length), date: since })
            : t('attendance.present', { present, days: schoolDaysText(passed.length), date: since }),
          ...(absence ? [t('evidence.breakdown', { summary: absence })] : []),
        ];
  const upcoming = a.days.length - passed.length;
  if (upcoming > 0 && passed.length > 0) sentences.push(t('attendance.upcoming', { days: schoolDaysText(upcoming) }));
  const used = new Set(cells.map((c) => c.mark));
  return { sentences, cells, legend: DAY_MARKS.filter((m) => used.has(m)).map(mark) };
}

/** A flag as the case page shows it: the rule's title and its evidence in sentences. */
export function flagReasons(
  flags: { rules: { id: string; evidence: Record<string, unknown> }[] } | null,
  ruleTitle: (id: string) => string,
): { title: string; sentences: string[] }[] {
  return (flags?.rules ?? []).map((r) => ({
    title: ruleTitle(r.id),
    sentences: evidenceSentences(r.id, r.evidence as Parameters<typeof evidenceSentences>[1]),
  }));
}

/** Everything the school recorded on its follow-up, as label–value rows for the coordinator. Dates in full; nothing the school left empty. */
export function followUpFacts(f: FollowUp | null | undefined): { label: string; value: string }[] {
  if (!f) return [];
  const rows: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null) => {
    if (value) rows.push({ label, value });
  };
  if (f.manual) add(t('followup.manual'), f.manualReason ?? t('caseFollowUp.yes'));
  if (f.guardiansNotContacted) add(t('cases.guardians'), t('followup.notContacted'));
  add(t('followup.lastDay'), f.lastDayPresent && fullDateText(f.lastDayPresent));
  add(t('followup.reason'), f.knownReason);
  if (f.transfer !== 'none') add(t('followup.transfer'), TRANSFER_SV[f.transfer]);
  add(t('followup.receivingSchool'), f.receivingSchool);
  add(t('followup.country'), f.abroadCountry);
  // Shown whether or not a country is filled in: a known return date matters on its own.
  add(t('followup.expectedReturn'), f.expectedReturn && fullDateText(f.expectedReturn));
  add(t('followup.source'), f.informationSource);
  add(t('caseFollowUp.updated'), t('caseFollowUp.updatedBy', { when: dateTimeText(f.updatedAt), who: f.updatedByLabel }));
  return rows;
}

/** "21 augusti 2026 kl. 10:00", in Europe/Stockholm. */
export function dateTimeText(iso: string): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Stockholm');
  return t('caseFollowUp.dateTime', { date: fullDateText(at.toISODate()!), time: at.toFormat('HH:mm') });
}
