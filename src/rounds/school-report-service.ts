import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { AuditService } from '../audit';
import type { Actor } from '../shared';
import { hasRole } from '../shared';
import { formatLocalDateTime, todayInStockholm } from '../calendar';
import type { ImportService } from '../imports';
import type { SchoolRepository } from '../schools';
import type { Clock } from '../shared';
import { csvLine, neutraliseFormula } from '../shared';
import { ForbiddenError, ValidationError, fieldErrorsFromZod } from '../shared';
import { swedishDayList, swedishPeriod, uncoveredUpTo, type Coverage } from '../imports';
import type { UploadRecord } from '../imports';
import type { ReminderService } from './reminder-service';
import type { RoundService } from './round-service';
import type { BoardRow, ResetReason, SchoolReport, SchoolReportRepository, SchoolReportReset } from './school-report-repository';
import { formatDateTime, t } from '../i18n';

export type SchoolStatus = 'not_started' | 'uploaded' | 'confirmed' | 'nil_report' | 'overdue';

export interface BoardEntry {
  school: { code: string; name: string };
  status: SchoolStatus;
  uploadedAt: string | null;
  pupils: number | null;
  flaggedPupils: number;
  /** Flagged pupils not yet located (see LOCATED in the repository). */
  notLocated: number;
  confirmedAt: string | null;
  /** The school's confirmation was undone and not made again: when and why (else null). */
  reset: { at: string; reason: ResetReason; hint: string } | null;
  /**
   * The school's latest SS 12000 fetch in the round failed (the school keeps its last good
   * data): when (ISO UTC, and as Europe/Stockholm wall time) and the feed's message; else null.
   */
  feedFailure: { at: string; atStockholm: string; message: string } | null;
}

/** Why a confirmation was undone, for the board, the school's page and the exports. */
export const RESET_REASON_SV: Record<ResetReason, string> = {
  upload: 'en ny fil lästes in',
  flags: 'skolans flaggade elever ändrades',
  nil_with_flags: 'nollrapporten gällde trots att elever var flaggade',
};

/** "Bekräftelsen återställdes 2026-01-20 14:03:00: en ny fil lästes in. Skolan behöver bekräfta rapporten igen." */
export function resetHint(r: Pick<SchoolReportReset, 'resetAt' | 'reason' | 'nilReport'>): string {
  return t('rounds.resetHint', { nil: r.nilReport ? t('rounds.resetHint.nil') : '', time: formatDateTime(r.resetAt), reason: RESET_REASON_SV[r.reason] });
}

function feedFailureOf(f: { at: string; message: string } | undefined): BoardEntry['feedFailure'] {
  return f ? { at: f.at, atStockholm: formatLocalDateTime(f.at), message: f.message } : null;
}

/** "Flödet misslyckades 2026-09-15 10:00:00: …", the board's line for the CLI. */
export function feedFailureLine(f: NonNullable<BoardEntry['feedFailure']>): string {
  return t('feed.board.failed', { at: f.atStockholm, message: f.message });
}

export const SCHOOL_STATUS_SV: Record<SchoolStatus, string> = {
  not_started: 'Inte påbörjad',
  uploaded: 'Inläst, ej bekräftad',
  confirmed: 'Bekräftad',
  nil_report: 'Nollrapport',
  overdue: 'Försenad',
};

/** The feed's failure line (when the school's latest SS 12000 fetch failed): Stockholm time, message. */
const FEED_COLUMNS = ['flödet misslyckades', 'flödets felmeddelande'];
const BOARD_COLUMNS = ['skolenhetskod', 'skola', 'status', 'inläst', 'elever', 'flaggade', 'ej lokaliserade', 'bekräftad', 'anmärkning', ...FEED_COLUMNS];

/** One line per school for the exports, in BOARD_COLUMNS order; times in Stockholm local time, as on the page. */
function boardRow(rows: BoardEntry[]): (string | number)[][] {
  return rows.map((r) => [
    r.school.code,
    r.school.name,
    SCHOOL_STATUS_SV[r.status],
    formatLocalDateTime(r.uploadedAt),
    r.pupils ?? '',
    r.flaggedPupils,
    r.notLocated,
    formatLocalDateTime(r.confirmedAt),
    r.reset?.hint ?? '',
    r.feedFailure?.atStockholm ?? '',
    r.feedFailure?.message ?? '',
  ]);
}

/** Schools per status on the whole board (the filter's counts: a filtered board has exactly that many rows). */
export function statusCounts(rows: BoardEntry[]): Record<SchoolStatus, number> {
  const out = Object.fromEntries(Object.keys(SCHOOL_STATUS_SV).map((k) => [k, 0])) as Record<SchoolStatus, number>;
  for (const r of rows) out[r.status]++;
  return out;
}

const confirmSchema = z.object({
  statement: z
    .string({ error: t('rounds.errors.skrivKortBekraftelse') })
    .trim()
    .min(5, { message: t('rounds.errors.skrivKortBekraftelseT') })
    .max(2000, { message: t('rounds.errors.bekraftelsenFarVaraHogst') }),
  /** Admins only: confirm although the upload does not cover the window days up to today. */
  override: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).optional(),
  overrideReason: z
    .string()
    .trim()
    .max(2000, { message: t('rounds.errors.motiveringenFarVaraHogst') })
    .optional(),
});

/** A school's confirmed report for a round, and the board of every school's status. */
export class SchoolReportService {
  constructor(
    private readonly deps: {
      repo: SchoolReportRepository;
      rounds: RoundService;
      imports: ImportService;
      schools: SchoolRepository;
      audit: AuditService;
      clock: Clock;
      /** Tells the coordinators a school confirmed (notifyConfirmed never throws on a send failure). */
      reminders: Pick<ReminderService, 'notifyConfirmed'>;
      /** True while an upload's flags are not yet computed (RulesService.isEvaluationPending). */
      evaluationPending: (roundId: number) => boolean;
      /** Schools (by id) whose latest SS 12000 fetch in the round failed (FeedService.lastFailures). */
      feedFailures: (roundId: number) => ReadonlyMap<number, { at: string; message: string }>;
    },
  ) {}

  /** confirm(), then the coordinators' notice (once per school and round). For the web page and the API. */
  async confirmAndNotify(actor: Actor, roundId: number, schoolCode: string, input: unknown): Promise<SchoolReport> {
    const report = this.confirm(actor, roundId, schoolCode, input);
    await this.deps.reminders.notifyConfirmed(report.roundId, report.schoolId);
    return report;
  }

  /**
   * The principal (or an admin) confirms the school's report; with nothing flagged it is
   * a nil report ("nollrapport"): no pupil is missing.
   */
  confirm(actor: Actor, roundId: number, schoolCode: string, input: unknown): SchoolReport {
    // Scope first, outside the transaction: an out-of-scope call's audited 404 must not be
    // rolled back with it.
    this.deps.imports.scopedSchool(actor, roundId, schoolCode);
    // What is checked and what is stored belong to one moment: an upload committed by an
    // import worker in between would otherwise be confirmed unseen (see the repository).
    return this.deps.repo.transaction(() => this.confirmNow(actor, roundId, schoolCode, input));
  }

  private confirmNow(actor: Actor, roundId: number, schoolCode: string, input: unknown): SchoolReport {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode);
    const round = this.deps.rounds.get(actor, roundId);
    if (round.state === 'closed') throw new ValidationError([{ field: 'statement', message: t('rounds.errors.omgangenArStangdSkolans') }]);
    if (round.state === 'draft') throw new ValidationError([{ field: 'statement', message: t('rounds.errors.omgangenArOppnadAn') }]);
    const upload = this.deps.imports.latestUpload(actor, roundId, schoolCode);
    if (!upload) {
      throw new ValidationError([{ field: 'statement', message: t('rounds.errors.lasInSkolansNarvaro') }]);
    }
    // Until the latest upload's flags are computed, "nothing flagged" would be a guess.
    if (this.deps.evaluationPending(roundId)) {
      throw new ValidationError([{ field: 'statement', message: t('rounds.errors.flaggornaRaknasOmEfter') }]);
    }
    const parsed = confirmSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const gap = this.coverageGap(round, upload);
    if (gap) {
      const admin = hasRole(actor, 'admin');
      if (!admin || !parsed.data.override) {
        throw new ValidationError([{ field: 'statement', message: gap.message + (admin ? t('rounds.errors.adminMayOverride') : '') }]);
      }
      const reason = parsed.data.overrideReason ?? '';
      if (reason.length < 5) throw new ValidationError([{ field: 'overrideReason', message: t('rounds.errors.skrivVarforRapportenBekraftas') }]);
      this.deps.audit.record(actor, {
        action: 'school_report.override',
        objectType: 'round',
        objectId: roundId,
        details: { school: school.code, reason, missing: gap.missing, beforeTermStart: gap.beforeTermStart },
      });
    }
    const flaggedPupils = this.deps.repo.flaggedCount(roundId, school.id);
    const report: SchoolReport = {
      roundId,
      schoolId: school.id,
      confirmedAt: this.deps.clock().toISOString(),
      confirmedByLabel: actor.label,
      statement: parsed.data.statement,
      nilReport: flaggedPupils === 0,
      flaggedPupils,
      uploadId: upload.id,
    };
    this.deps.repo.confirm({ ...report, confirmedBy: actor.userId });
    this.deps.audit.record(actor, {
      action: report.nilReport ? 'school_report.nil' : 'school_report.confirm',
      objectType: 'round',
      objectId: roundId,
      details: { school: school.code, flaggedPupils },
    });
    return report;
  }

  /**
   * Why the school's latest upload does not allow a confirmation yet: the term has not
   * started, or window days up to today are not in the file (see imports/coverage).
   */
  private coverageGap(
    round: Parameters<RoundService['windowDates']>[0],
    upload: UploadRecord,
  ): { message: string; missing: string[]; beforeTermStart: boolean } | null {
    const window = this.deps.rounds.windowDates(round);
    const today = todayInStockholm(this.deps.clock);
    if (!window.length) return null;
    if (today < window[0]!) {
      return {
        message: t('rounds.errors.terminenBorjatOmgangensObservationsfonster', { period: swedishPeriod(window[0]!, window[window.length - 1]!) }),
        missing: [],
        beforeTermStart: true,
      };
    }
    // Uploads from before coverage was recorded count as covering nothing: read the file again.
    const coverage = (JSON.parse(upload.report) as { coverage?: Coverage | null }).coverage;
    const missing = uncoveredUpTo(window, coverage?.covered ?? [], today);
    if (!missing.length) return null;
    return {
      message: t('rounds.errors.skolansSenastInlastaFil', { days: swedishDayList(missing) }),
      missing,
      beforeTermStart: false,
    };
  }

  /** The school's undone confirmation, while it has not confirmed again (for the school's round page). */
  resetOf(actor: Actor, roundId: number, schoolCode: string): (SchoolReportReset & { hint: string }) | null {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    const r = this.deps.repo.findReset(roundId, school.id);
    return r ? { ...r, hint: resetHint(r) } : null;
  }

  /** The school's confirmed report, if any (scoped like the upload page). */
  report(actor: Actor, roundId: number, schoolCode: string): SchoolReport | null {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    return this.deps.repo.find(roundId, school.id) ?? null;
  }

  /** Per school of the round: status, upload time, flagged and not located. Admins and coordinators only. */
  board(actor: Actor, roundId: number, status?: SchoolStatus): BoardEntry[] {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const round = this.deps.rounds.get(actor, roundId);
    const schools = new Map(this.deps.schools.listByIds(round.schoolIds).map((s) => [s.id, s]));
    const feedFailures = this.deps.feedFailures(roundId);
    return this.deps.repo
      .board(roundId, round.schoolIds)
      .map((row) => this.entry(round, row, schools.get(row.schoolId)!, feedFailures.get(row.schoolId)))
      .filter((e) => !status || e.status === status)
      .sort((a, b) => a.school.name.localeCompare(b.school.name, 'sv'));
  }

  /**
   * One school's line of the board, for anyone who may see the school (its principal
   * too), with how many flagged pupils the school has recorded nothing about yet.
   */
  schoolStatus(actor: Actor, roundId: number, schoolCode: string): BoardEntry & { notFollowedUp: number } {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    const round = this.deps.rounds.get(actor, roundId);
    return {
      ...this.entry(round, this.deps.repo.board(roundId, [school.id])[0]!, school, this.deps.feedFailures(roundId).get(school.id)),
      notFollowedUp: this.deps.repo.notFollowedUp(roundId, school.id),
    };
  }

  /** A page of the school's flagged pupils (masking is the caller's: it knows who reads). */
  schoolFlagged(actor: Actor, roundId: number, schoolCode: string, limit: number, offset: number) {
    const school = this.deps.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    const page = this.deps.repo.schoolFlagged(roundId, school.id, limit, offset);
    this.deps.audit.record(actor, {
      action: 'flags.read',
      objectType: 'round',
      objectId: roundId,
      details: { school: school.code, pupils: page.rows.length, total: page.total, offset },
    });
    return page;
  }

  private entry(
    round: { deadline: string | null },
    row: BoardRow,
    school: { code: string; name: string },
    feedFailure: { at: string; message: string } | undefined,
  ): BoardEntry {
    const today = todayInStockholm(this.deps.clock);
    const status: SchoolStatus = row.report
      ? row.report.nilReport
        ? 'nil_report'
        : 'confirmed'
      : round.deadline && today > round.deadline
        ? 'overdue'
        : row.uploadedAt
          ? 'uploaded'
          : 'not_started';
    return {
      school: { code: school.code, name: school.name },
      status,
      uploadedAt: row.uploadedAt,
      pupils: row.pupils,
      flaggedPupils: row.flaggedPupils,
      notLocated: row.notLocated,
      confirmedAt: row.report?.confirmedAt ?? null,
      reset: !row.report && row.reset ? { at: row.reset.resetAt, reason: row.reset.reason, hint: resetHint(row.reset) } : null,
      feedFailure: feedFailureOf(feedFailure),
    };
  }

  /**
   * The board filtered by status, with the number of schools per status on the whole
   * board: computed from one list, so a filter shows exactly as many rows as its count.
   */
  boardWithCounts(actor: Actor, roundId: number, status?: SchoolStatus): { schools: BoardEntry[]; counts: Record<SchoolStatus, number> } {
    const all = this.board(actor, roundId);
    return { schools: status ? all.filter((e) => e.status === status) : all, counts: statusCounts(all) };
  }

  /** The board as an Excel workbook (no personal data: schools and counts). */
  async boardXlsx(actor: Actor, roundId: number, status?: SchoolStatus): Promise<Buffer> {
    const rows = this.board(actor, roundId, status);
    this.deps.audit.record(actor, { action: 'board.export', objectType: 'round', objectId: roundId, details: { format: 'xlsx', status: status ?? null } });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Status');
    ws.columns = BOARD_COLUMNS.map((header) => ({ header, width: 18 }));
    // Text cells neutralised as in the CSV: a school name must never run as a formula.
    for (const r of boardRow(rows)) ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** The board as CSV (no personal data: schools and counts). */
  boardCsv(actor: Actor, roundId: number, status?: SchoolStatus): string {
    const rows = this.board(actor, roundId, status);
    this.deps.audit.record(actor, { action: 'board.export', objectType: 'round', objectId: roundId, details: { status: status ?? null } });
    return '\uFEFF' + csvLine(BOARD_COLUMNS) + boardRow(rows).map(csvLine).join('');
  }
}
