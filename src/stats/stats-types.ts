import type { Outcome } from '../cases';
import type { Round } from '../rounds';
import type { Severity } from '../rules';

/**
 * The raw facts statistics are computed from. They carry ids and codes only: never a
 * name or personal number, so nothing personal can reach a statistics page or export.
 */
export type StatsRound = Pick<Round, 'id' | 'name' | 'breakType' | 'termStart' | 'windowDays' | 'deadline' | 'state'> & { closedAt: string | null };

export interface StatsSchool {
  schoolId: number;
  code: string;
  name: string;
  /** The school's confirmed report: 'report', 'nil' (nollrapport) or null (not confirmed). */
  report: 'report' | 'nil' | null;
  /** Pupils on the school's committed roster for the round. */
  pupils: number;
}

export interface StatsFlag {
  pupilId: number;
  schoolId: number;
  ruleId: string;
  ruleSetVersion: number;
  severity: Severity;
  cleared: boolean;
}

export interface StatsCase {
  id: number;
  pupilId: number;
  schoolId: number;
  state: string;
  outcome: Outcome | null;
  locatedAt: string | null;
  watchListed: boolean;
  /** The first time a referral on the case was sent, if ever. */
  firstSentAt: string | null;
}

export interface StatsReferral {
  caseId: number;
  schoolId: number;
  sentAt: string;
  acknowledgedAt: string | null;
}

export interface StatsWatchEntry {
  pupilId: number;
  schoolId: number;
  referralMade: boolean;
}

export type TransferKind = 'municipal_school' | 'other_municipality' | 'abroad' | 'unregistered';

export interface StatsTransfer {
  pupilId: number;
  schoolId: number;
  transfer: TransferKind;
}

export interface RoundFacts {
  round: StatsRound;
  schools: StatsSchool[];
  /** Distinct pupils on any roster of the round (a pupil on two rosters counts once). */
  pupilsMapped: number;
  flags: StatsFlag[];
  cases: StatsCase[];
  referrals: StatsReferral[];
  watchList: StatsWatchEntry[];
  transfers: StatsTransfer[];
}

/** A flag with what became of it: for rule feedback across every round. */
export interface FlagFate {
  ruleId: string;
  ruleSetVersion: number;
  cleared: boolean;
  caseState: string | null;
  outcome: Outcome | null;
}

/** One table of figures: rows of numbers (null = not defined, e.g. a median of nothing). */
export interface StatTable {
  key: string;
  title: string;
  columns: string[];
  rows: StatRow[];
}

export interface StatRow {
  label: string;
  /** The school unit code, or null for the municipality total. */
  code: string | null;
  values: (number | null)[];
}
