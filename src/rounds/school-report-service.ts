import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { AuditService } from '../audit/audit-service';
import type { Actor } from '../auth/roles';
import { hasRole } from '../auth/roles';
import { todayInStockholm } from '../calendar';
import type { ImportService } from '../imports/import-service';
import type { SchoolRepository } from '../schools/school-repository';
import type { Clock } from '../shared/clock';
import { csvLine } from '../shared/csv';
import { ForbiddenError, ValidationError, fieldErrorsFromZod } from '../shared/errors';
import type { RoundService } from './round-service';
import type { SchoolReport, SchoolReportRepository } from './school-report-repository';

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
}

export const STATUS_SV: Record<SchoolStatus, string> = {
  not_started: 'Inte påbörjad',
  uploaded: 'Inläst, ej bekräftad',
  confirmed: 'Bekräftad',
  nil_report: 'Nollrapport',
  overdue: 'Försenad',
};

const BOARD_COLUMNS = ['skolenhetskod', 'skola', 'status', 'inläst', 'elever', 'flaggade', 'ej lokaliserade', 'bekräftad'];

/** One line per school for the exports, in BOARD_COLUMNS order. */
function boardRow(rows: BoardEntry[]): (string | number)[][] {
  return rows.map((r) => [r.school.code, r.school.name, STATUS_SV[r.status], r.uploadedAt ?? '', r.pupils ?? '', r.flaggedPupils, r.notLocated, r.confirmedAt ?? '']);
}

const confirmSchema = z.object({
  statement: z
    .string({ error: 'Skriv en kort bekräftelse.' })
    .trim()
    .min(5, { message: 'Skriv en kort bekräftelse, t.ex. ”Skolans uppgifter är kontrollerade och uppföljningen registrerad.”' })
    .max(2000, { message: 'Bekräftelsen får vara högst 2000 tecken.' }),
});

/** A school's confirmed report for a round, and the board of every school's status. */
export class SchoolReportService {
  constructor(
    private readonly repo: SchoolReportRepository,
    private readonly rounds: RoundService,
    private readonly imports: ImportService,
    private readonly schools: SchoolRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** Tells the coordinators a school confirmed (ReminderService.notifyConfirmed); never throws on a send failure. */
    private readonly notifyConfirmed: (roundId: number, schoolId: number) => Promise<unknown> = async () => {},
    /** True while an upload's flags are not yet computed (RulesService.isEvaluationPending). */
    private readonly evaluationPending: (roundId: number) => boolean = () => false,
  ) {}

  /** confirm(), then the coordinators' notice (once per school and round). For the web page and the API. */
  async confirmAndNotify(actor: Actor, roundId: number, schoolCode: string, input: unknown): Promise<SchoolReport> {
    const report = this.confirm(actor, roundId, schoolCode, input);
    await this.notifyConfirmed(report.roundId, report.schoolId);
    return report;
  }

  /**
   * The principal (or an admin) confirms the school's report; with nothing flagged it is
   * a nil report ("nollrapport"): no pupil is missing.
   */
  confirm(actor: Actor, roundId: number, schoolCode: string, input: unknown): SchoolReport {
    const school = this.imports.scopedSchool(actor, roundId, schoolCode);
    const round = this.rounds.get(actor, roundId);
    if (round.state === 'closed') throw new ValidationError([{ field: 'statement', message: 'Omgången är stängd. Skolans rapport kan inte ändras.' }]);
    if (round.state === 'draft') throw new ValidationError([{ field: 'statement', message: 'Omgången är inte öppnad än.' }]);
    if (!this.imports.latestUpload(actor, roundId, schoolCode)) {
      throw new ValidationError([{ field: 'statement', message: 'Läs in skolans närvaro innan du bekräftar rapporten.' }]);
    }
    // Until the latest upload's flags are computed, "nothing flagged" would be a guess.
    if (this.evaluationPending(roundId)) {
      throw new ValidationError([{ field: 'statement', message: 'Flaggorna räknas om efter den senaste inläsningen. Försök igen om en stund.' }]);
    }
    const parsed = confirmSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
    const flaggedPupils = this.repo.flaggedCount(roundId, school.id);
    const report: SchoolReport = {
      roundId,
      schoolId: school.id,
      confirmedAt: this.clock().toISOString(),
      confirmedByLabel: actor.label,
      statement: parsed.data.statement,
      nilReport: flaggedPupils === 0,
      flaggedPupils,
    };
    this.repo.confirm({ ...report, confirmedBy: actor.userId });
    this.audit.record(actor, { action: report.nilReport ? 'school_report.nil' : 'school_report.confirm', objectType: 'round', objectId: roundId, details: { school: school.code, flaggedPupils } });
    return report;
  }

  /** The school's confirmed report, if any (scoped like the upload page). */
  report(actor: Actor, roundId: number, schoolCode: string): SchoolReport | null {
    const school = this.imports.scopedSchool(actor, roundId, schoolCode, 'read');
    return this.repo.find(roundId, school.id) ?? null;
  }

  /** Per school of the round: status, upload time, flagged and not located. Admins and coordinators only. */
  board(actor: Actor, roundId: number, status?: SchoolStatus): BoardEntry[] {
    if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
    const round = this.rounds.get(actor, roundId);
    const today = todayInStockholm(this.clock);
    const schools = new Map(this.schools.listByIds(round.schoolIds).map((s) => [s.id, s]));
    return this.repo
      .board(roundId, round.schoolIds)
      .map((row) => {
        const school = schools.get(row.schoolId)!;
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
        };
      })
      .filter((e) => !status || e.status === status)
      .sort((a, b) => a.school.name.localeCompare(b.school.name, 'sv'));
  }

  /** The board as an Excel workbook (no personal data: schools and counts). */
  async boardXlsx(actor: Actor, roundId: number): Promise<Buffer> {
    const rows = this.board(actor, roundId);
    this.audit.record(actor, { action: 'board.export', objectType: 'round', objectId: roundId, details: { format: 'xlsx' } });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Status');
    ws.columns = BOARD_COLUMNS.map((header) => ({ header, width: 18 }));
    for (const r of boardRow(rows)) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** The board as CSV (no personal data: schools and counts). */
  boardCsv(actor: Actor, roundId: number): string {
    const rows = this.board(actor, roundId);
    this.audit.record(actor, { action: 'board.export', objectType: 'round', objectId: roundId });
    return '\uFEFF' + csvLine(BOARD_COLUMNS) + boardRow(rows).map(csvLine).join('');
  }
}
