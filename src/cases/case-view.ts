import { CASE_STATE_SV, OUTCOME_SV, type CaseState, type Outcome } from './case-model';
import type { CaseRow } from './case-repository';
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
