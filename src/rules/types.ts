/**
 * Shared types of the rules engine. Rules are data (RuleSet); facts are computed in code
 * from attendance, rosters, watch list, leave and earlier rounds (PupilFacts); a rule
 * compares facts with its parameters and returns every condition with the fact's value,
 * so each flag can explain itself (RuleResult).
 */
import type { Status } from '../imports';
import type { SummaryMinutes } from './engine/facts';
import type { Severity } from '../shared';

export const RULE_IDS = [
  'not-returned',
  'unexplained-absence',
  'long-absence',
  'left-without-destination',
  'vanished-from-roster',
  'watch-listed',
  'leave-overrun',
  'siblings',
  'previously-flagged',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type { Severity };

/** One rule as data: what an admin can tune, and what a flag shows. */
export interface RuleDefinition {
  id: RuleId;
  /** Swedish title, e.g. "Har inte kommit tillbaka". */
  title: string;
  /** Swedish: when the rule fires, for the admin page. */
  description: string;
  /**
   * Swedish sentence with {placeholders} filled from the evidence, e.g.
   * "Har inte varit närvarande någon av de {observedDays} skoldagarna sedan terminsstart {termStart} ({absenceSummary})."
   */
  template: string;
  severity: Severity;
  enabled: boolean;
  /** Thresholds the admin can change; names and Swedish labels in RULE_PARAMETERS. */
  params: Record<string, number>;
}

export interface RuleSet {
  version: number;
  rules: RuleDefinition[];
}

/** What is known about one pupil at one school in one round, as of `today`. */
export interface PupilFacts {
  pupilId: number;
  schoolId: number;
  /** 'YYYY-MM-DD' of the round's term start and the observed window days (school days up to today). */
  termStart: string;
  observedDates: string[];
  /**
   * The status of each observed day, aligned with observedDates; null when the file had
   * no row for the day (not reported, never present). Null for summary-shape files.
   */
  days: (Status | null)[] | null;
  /** Counts over the observed days (from days, or from a summary file's counts). */
  counts: { present: number; valid: number; unexplained: number; unknown: number; notReported: number };
  /** First and last observed day present, if known. */
  firstDayPresent: string | null;
  lastDayPresent: string | null;
  /** Longest run of consecutive observed school days not present (absence of any kind or not reported); null when only counts are known. */
  longestAbsentStreak: number | null;
  /** Start and end date of that longest run. */
  longestAbsentStreakFrom: string | null;
  longestAbsentStreakTo: string | null;
  /** From a summary in minutes: the minutes the day counts were derived from; null otherwise. */
  minutes: SummaryMinutes | null;
  /** On the round's pre-break watch list. */
  watchListed: boolean;
  /** Leave recorded for the pupil that has ended: its last day. */
  leaveEnded: string | null;
  /** The school recorded that the pupil left the roll (moved abroad / unregistered). */
  leftRoll: { date: string | null; destinationKnown: boolean } | null;
  /** Flagged or had a case in an earlier round: the latest such round's name. */
  previousRound: string | null;
}

/**
 * A pupil who was on a school's roster in the previous round, whose school has
 * committed this round, and who is now on no school's roster and has no recorded transfer.
 */
export interface VanishedFacts {
  pupilId: number;
  /** The school whose roster they were on in the previous round. */
  schoolId: number;
  previousRound: string;
  previousClass: string | null;
}

/** One condition of a rule as evaluated: the fact, how it was compared, and its value. */
export interface Condition {
  fact: string;
  operator: '>=' | '<=' | '==' | '>' | '<';
  threshold: number | string | boolean;
  value: number | string | boolean | null;
  met: boolean;
}

/** A rule that fired for a pupil. Evidence fills the template. */
export interface RuleResult {
  ruleId: RuleId;
  severity: Severity;
  conditions: Condition[];
  evidence: Record<string, string | number | boolean | null | string[]>;
  /** The rendered Swedish sentence a principal understands. */
  explanation: string;
}
