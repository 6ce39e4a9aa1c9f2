import { todayInStockholm } from '../calendar';
import { pupilView, type CaseService, type CaseSummary, type PupilView } from '../cases';
import { swedishDayList, uncoveredUpTo, type Coverage, type ImportService } from '../imports';
import type { ReferralService, ReferralView } from '../referrals';
import type { BoardEntry, RoundService, SchoolReportService, SchoolStatus } from '../rounds';
import type { Round } from '../rounds';
import type { RulesService } from '../rules';
import type { SchoolService } from '../schools';
import { t } from '../i18n';
import { hasRole, type Actor, type Clock, type Severity } from '../shared';

/** What a principal does next for a school in an open round; the start page's one button. */
export type NextStep = 'upload' | 'follow_up' | 'confirm' | 'done';

export interface PrincipalSchoolLine {
  round: Pick<Round, 'id' | 'name' | 'deadline'>;
  school: { code: string; name: string };
  status: SchoolStatus;
  flagged: number;
  next: NextStep;
  /** The school's page in the round: where every next step starts. */
  href: string;
}

export interface RoundProgress {
  round: Pick<Round, 'id' | 'name' | 'state' | 'deadline'>;
  schools: number;
  confirmed: number;
  uploaded: number;
  overdue: { code: string; name: string }[];
}

export interface SchoolPagePupil {
  pupil: PupilView;
  severity: Severity;
  /** The rules' titles as the rule set names them (never their ids). */
  rules: string[];
  followedUp: boolean;
  followUpAt: string | null;
  located: boolean;
  caseId: number | null;
  caseState: string | null;
}

const SCHOOL_PAGE_SIZE = 50;
const CONFIRMED: readonly SchoolStatus[] = ['confirmed', 'nil_report'];

/** What comes next for a school: read the file, follow up the flagged pupils it has recorded nothing about, confirm; or nothing. */
export function nextStep(entry: Pick<BoardEntry, 'status' | 'uploadedAt'> & { notFollowedUp: number }): NextStep {
  if (CONFIRMED.includes(entry.status)) return 'done';
  if (!entry.uploadedAt) return 'upload';
  return entry.notFollowedUp > 0 ? 'follow_up' : 'confirm';
}

/**
 * The start pages (issue 15): each role sees what to do now. And the school's page in a
 * round, where a principal follows up and confirms. Reads only: every rule, scope and
 * audit entry is in the services it calls.
 */
export class StartPages {
  constructor(
    private readonly deps: {
      rounds: RoundService;
      schoolReports: SchoolReportService;
      schools: SchoolService;
      cases: CaseService;
      referrals: ReferralService;
      rules: RulesService;
      imports: ImportService;
      clock: Clock;
    },
  ) {}

  /** Each open round × each of the principal's schools in it, with its state and the next step. */
  principal(actor: Actor): PrincipalSchoolLine[] {
    const mine = this.deps.schools.list(actor);
    return this.deps.rounds
      .list(actor)
      .filter((r) => r.state === 'open')
      .flatMap((r) => {
        const schoolIds = this.deps.rounds.get(actor, r.id).schoolIds;
        return mine
          .filter((s) => schoolIds.includes(s.id))
          .map((s) => {
            const e = this.deps.schoolReports.schoolStatus(actor, r.id, s.code);
            return {
              round: { id: r.id, name: r.name, deadline: r.deadline },
              school: e.school,
              status: e.status,
              flagged: e.flaggedPupils,
              next: nextStep(e),
              href: `/omgangar/${r.id}/skolor/${s.code}`,
            };
          });
      });
  }

  /** Rounds not closed, with how many schools confirmed, and the schools past the deadline. */
  admin(actor: Actor): RoundProgress[] {
    return this.deps.rounds
      .list(actor)
      .filter((r) => r.state !== 'closed')
      .map((r) => {
        const board = r.state === 'open' ? this.deps.schoolReports.board(actor, r.id) : [];
        return {
          round: { id: r.id, name: r.name, state: r.state, deadline: r.deadline },
          schools: r.state === 'open' ? board.length : this.deps.rounds.get(actor, r.id).schoolIds.length,
          confirmed: board.filter((b) => CONFIRMED.includes(b.status)).length,
          uploaded: board.filter((b) => b.uploadedAt).length,
          overdue: board.filter((b) => b.status === 'overdue').map((b) => b.school),
        };
      });
  }

  /** Today's re-checks, new high-severity cases and referrals social services have not confirmed. */
  coordinator(actor: Actor): {
    due: { cases: CaseSummary[]; total: number };
    newHigh: { cases: CaseSummary[]; total: number };
    awaiting: ReferralView[];
    ruleNames: Record<string, string>;
  } {
    return { ...this.deps.cases.startLists(actor), awaiting: this.deps.referrals.awaitingAcknowledgement(actor), ruleNames: this.deps.rules.ruleTitles() };
  }

  /**
   * The school's page in a round: its state, and its flagged pupils a page at a time with
   * the rules' titles and what has been done. Another school's principal gets the audited
   * 404 of the scope check.
   */
  school(actor: Actor, roundId: number, code: string, page: number) {
    const round = this.deps.rounds.get(actor, roundId);
    // Scope first (an audited 404 for another school's principal), then flags up to date before anything is counted.
    const report = this.deps.schoolReports.report(actor, roundId, code);
    this.deps.rules.ensureEvaluated(roundId);
    const status = this.deps.schoolReports.schoolStatus(actor, roundId, code);
    const window = this.deps.rounds.windowDates(round);
    const { rows, total } = this.deps.schoolReports.schoolFlagged(actor, roundId, code, SCHOOL_PAGE_SIZE, (page - 1) * SCHOOL_PAGE_SIZE);
    const titles = this.deps.rules.ruleTitles();
    const pupils: SchoolPagePupil[] = rows.map((r) => ({
      pupil: pupilView(r),
      severity: r.severity,
      // A rule no longer in the rule set still has its flag's sentence on the follow-up page; here, never its id.
      rules: r.ruleIds.map((id) => titles[id] ?? t('schoolPage.ruleGone')),
      followedUp: r.followUpAt !== null || r.contactAttempts > 0,
      followUpAt: r.followUpAt,
      located: r.located,
      caseId: r.caseId,
      caseState: r.caseState,
    }));
    return {
      round,
      status,
      window,
      coverage: this.coverage(actor, roundId, code, window),
      report,
      reset: this.deps.schoolReports.resetOf(actor, roundId, code),
      pupils,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / SCHOOL_PAGE_SIZE)),
      next: nextStep(status),
      // Uploading and confirming: an admin, or this school's principal (a coordinator reads).
      canWrite: hasRole(actor, 'admin') || (hasRole(actor, 'principal') && this.deps.schools.list(actor).some((s) => s.code === status.school.code)),
    };
  }

  /** How many of the window's school days the current file reports, and which days up to today it lacks (null: no file). */
  private coverage(actor: Actor, roundId: number, code: string, window: string[]): { covered: number; days: number; missing: string | null } | null {
    const upload = this.deps.imports.latestUpload(actor, roundId, code);
    if (!upload) return null;
    // Uploads from before coverage was recorded cover nothing as far as we know (as the confirmation reads them).
    const have = new Set((JSON.parse(upload.report) as { coverage?: Coverage | null }).coverage?.covered ?? []);
    const missing = uncoveredUpTo(window, [...have], todayInStockholm(this.deps.clock));
    return { covered: window.filter((d) => have.has(d)).length, days: window.length, missing: missing.length ? swedishDayList(missing) : null };
  }
}
