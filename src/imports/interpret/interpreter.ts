/**
 * Turns the rows of an attendance file, with its detected layout, into pupils and their
 * day statuses. Pure: no I/O, rows in, records and problems out. Every row either
 * counts, is ignored with a warning, or fails the file with an error naming its row
 * and column; nothing is dropped silently.
 */
import { ATTENDANCE_STATUS_SV } from '../../shared';
import { formatSwedishDate, formatSwedishNumber, nonSchoolDayWarning, swedishList } from '../../calendar';
import { FIELDS, type Layout, type Field } from '../layout/fields';
import * as normalise from '../normalise';
import type { Status, StatusMatcher } from '../normalise';
import type { CellValue, RawRow } from '../types';
import { ProblemLog } from './problems';
import { DaySlabs, RANK, STATUS_OF_RANK, newPupilRecord, type PupilRecord } from './pupil-record';
import { maskedNumber, maskNumbers } from '../../shared';

// Re-exported for the importer's callers; the masking itself lives in shared/mask.ts.
import { t } from '../../i18n';

// Bound once here: a call through a re-exported binding runs a getter every time, and
// these run on every row of a million-row file.
const {
  isBlank,
  joinNameColumns,
  normaliseCount,
  normaliseDate,
  normaliseMinutesLesson,
  normalisePercent,
  normalisePersonalNumber,
  percentAgrees,
  parsePersonalNumber,
  normaliseProtectedIdentity,
  splitName,
  cellText,
} = normalise;

export interface InterpretContext {
  /** The round's observation window: its school days in order. */
  window: readonly string[];
  /** Today in Europe/Stockholm; later window days have not happened yet. */
  today: string;
  nonSchoolDays: ReadonlySet<string>;
  matchStatus: StatusMatcher;
  /** Decides the century of 10-digit personal numbers: the round's term start. */
  referenceDate: Date;
}

export interface Interpretation {
  pupils: Map<string, PupilRecord>;
  /** Data rows read (non-empty rows below the header). */
  rows: number;
  /** Pupil-days with a row inside the window. */
  days: number;
  /** Share of the pupils' observed school days with a reported status (null for summaries). */
  reportedShare: number | null;
  /** The earliest and latest row date of a daily file, in or out of the window (null otherwise). */
  fileDates: { first: string; last: string } | null;
  log: ProblemLog;
}

/** Below this share of reported days the principal is warned that the export may be incomplete. */
export const LOW_REPORTING_SHARE = 0.8;

export class Interpreter {
  readonly log = new ProblemLog();
  private readonly pupils = new Map<string, PupilRecord>();
  private readonly windowIndex = new Map<string, number>();
  private readonly observedLength: number;
  private rows = 0;
  private fileDates: { first: string; last: string } | null = null;
  /** Valid personal numbers by their cell as written (each repeats on every row of the pupil). */
  private readonly pnByCell = new Map<string | number, ReturnType<typeof normalisePersonalNumber>>();
  /** Matrix day columns inside the window: column index → window index. */
  private readonly matrixColumns: { index: number; day: number; header: string }[] = [];
  private readonly days: DaySlabs;
  /** The personal-number cell of the last row with a valid one, and its pupil. */
  private lastCell: string | number | null = null;
  private lastPupil: PupilRecord | null = null;
  /** Each field's column index, -1 when the file has none: fixed properties read on every row. */
  private readonly c: Readonly<Record<Field, number>>;

  constructor(
    private readonly layout: Layout,
    private readonly ctx: InterpretContext,
  ) {
    ctx.window.forEach((d, i) => this.windowIndex.set(d, i));
    this.days = new DaySlabs(ctx.window.length);
    const c = {} as Record<Field, number>;
    for (const f of FIELDS) c[f] = layout.columns[f] ?? -1;
    this.c = c;
    this.observedLength = ctx.window.filter((d) => d <= ctx.today).length;
    for (const header of layout.unknownColumns) {
      this.log.warn('unknown-column', { row: layout.headerRow, column: header, message: t('imports.errors.kolumnenAnvands', { header }) });
    }
    if (layout.shape === 'matrix') this.placeMatrixColumns();
  }

  private header(field: Field): string {
    const i = this.layout.columns[field];
    return i === undefined ? '' : (this.layout.headers[i] ?? '');
  }

  private cell(cells: CellValue[], field: Field): CellValue {
    return this.at(cells, this.c[field]);
  }

  private at(cells: CellValue[], index: number): CellValue {
    return index < 0 ? null : (cells[index] ?? null);
  }

  private placeMatrixColumns(): void {
    for (const col of this.layout.dateColumns ?? []) {
      const header = this.layout.headers[col.index] ?? col.date;
      const day = this.windowIndex.get(col.date);
      if (day !== undefined && col.date <= this.ctx.today) {
        this.matrixColumns.push({ index: col.index, day, header });
        continue;
      }
      this.log.warn('matrix-column', { row: this.layout.headerRow, column: header, message: this.dayWarning(col.date, 'Kolumnen') });
    }
  }

  /** Why a date does not count, in a sentence starting with `subject` ("Raden", "Kolumnen"). */
  private dayWarning(date: string, subject: string): string {
    const nonSchool = nonSchoolDayWarning(date, this.ctx.nonSchoolDays, { withYear: true });
    if (nonSchool) return nonSchool.replace(/Raden/g, subject);
    const w = this.ctx.window;
    if (date > this.ctx.today && this.windowIndex.has(date)) {
      return t('imports.errors.dateInFuture', { subject, date: formatSwedishDate(date, { withYear: true }) });
    }
    return t('imports.errors.dateOutsideWindow', {
      subject,
      date: formatSwedishDate(date, { withYear: true }),
      first: formatSwedishDate(w[0]!, { withYear: w[0]!.slice(0, 4) !== w[w.length - 1]!.slice(0, 4) }),
      last: formatSwedishDate(w[w.length - 1]!, { withYear: true }),
    });
  }

  row(raw: RawRow): void {
    const { cells, rowNumber } = raw;
    if (cells.every(isBlank)) return;
    this.rows++;
    const pnCell = this.at(cells, this.c.personalNumber);
    let pupil: PupilRecord | undefined;
    let isNew = false;
    if (pnCell !== null && pnCell === this.lastCell) {
      // The same cell as the row before (a pupil's rows usually come together).
      pupil = this.lastPupil!;
    } else {
      const cacheable = typeof pnCell === 'string' || typeof pnCell === 'number';
      let pn = cacheable ? this.pnByCell.get(pnCell) : undefined;
      if (pn === undefined) {
        // Not through the shared memo: this cache already keeps every valid number once.
        pn = parsePersonalNumber(pnCell, this.ctx.referenceDate);
        if (cacheable && pn.ok) this.pnByCell.set(pnCell, pn);
      }
      if (!pn.ok) {
        this.log.error(rowNumber, this.header('personalNumber'), maskNumbers(pn.message));
        return;
      }
      pupil = this.pupils.get(pn.value);
      if (!pupil) {
        isNew = true;
        pupil = newPupilRecord(pn.value, pn.coordination, rowNumber, this.days);
        this.pupils.set(pn.value, pupil);
      }
      if (cacheable) {
        this.lastCell = pnCell;
        this.lastPupil = pupil;
      }
    }
    this.readPerson(pupil, cells, rowNumber);
    switch (this.layout.shape) {
      case 'daily':
        return this.readDailyRow(pupil, cells, rowNumber);
      case 'matrix':
        if (!isNew) return this.twice(pupil, rowNumber);
        return this.readMatrixRow(pupil, cells, rowNumber);
      case 'summary':
        if (!isNew) return this.twice(pupil, rowNumber);
        return this.readSummaryRow(pupil, cells, rowNumber);
      default:
        return;
    }
  }

  private twice(pupil: PupilRecord, rowNumber: number): void {
    this.log.error(
      rowNumber,
      this.header('personalNumber'),
      t('imports.errors.elevenRedanPaRad', { number: maskedNumber(pupil.personalNumber), firstRow: pupil.firstRow }),
    );
  }

  private readPerson(pupil: PupilRecord, cells: CellValue[], rowNumber: number): void {
    const full = this.at(cells, this.c.fullName);
    const first = this.at(cells, this.c.firstName);
    const last = this.at(cells, this.c.lastName);
    // The same cells as the pupil's stored (already tidy) name: nothing to check or warn.
    const sameName = full === null && (first !== null || last !== null) && first === pupil.firstName && last === pupil.lastName;
    if (!sameName && (!isBlank(full) || !isBlank(first) || !isBlank(last))) {
      const name = !isBlank(full) ? splitName(full) : joinNameColumns(first, last);
      // With two name columns, a failure says which one it is about (else the one with text).
      const part = name.ok || !('part' in name) ? undefined : name.part;
      const column = !isBlank(full) ? this.header('fullName') : this.header(part === 'last' || (!part && isBlank(first)) ? 'lastName' : 'firstName');
      if (!name.ok) this.log.error(rowNumber, column, name.message);
      else if (pupil.firstName === null && pupil.lastName === null) {
        pupil.firstName = name.value.firstName || null;
        pupil.lastName = name.value.lastName || null;
      } else if (pupil.firstName !== (name.value.firstName || null) || pupil.lastName !== (name.value.lastName || null)) {
        this.log.warn('name-conflict', { row: rowNumber, column, message: t('imports.errors.elevenAnnatNamnAn', { firstRow: pupil.firstRow }) });
      }
    }
    if (this.layout.columns.protected !== undefined) {
      const p = normaliseProtectedIdentity(this.cell(cells, 'protected'));
      if (!p.ok) this.log.error(rowNumber, this.header('protected'), p.message);
      // Once marked on any row, the pupil stays protected: a leak is the second-worst failure.
      else if (p.value) pupil.protectedIdentity = true;
    }
    for (const field of ['guardian1', 'guardian2'] as const) {
      const g = this.cell(cells, field);
      if (isBlank(g)) continue;
      const gp = normalisePersonalNumber(g, this.ctx.referenceDate);
      if (!gp.ok) this.log.error(rowNumber, this.header(field), t('imports.errors.vardnadshavare', { message: maskNumbers(gp.message) }));
      else if (!pupil.guardians.has(gp.value)) pupil.guardians = new Set([...pupil.guardians, gp.value]);
    }
    if (pupil.className === null && !isBlank(this.at(cells, this.c.className))) pupil.className = cellText(this.at(cells, this.c.className));
    if (pupil.grade === null && !isBlank(this.at(cells, this.c.grade))) pupil.grade = cellText(this.at(cells, this.c.grade));
  }

  private dayStatus(cells: CellValue[], rowNumber: number): Status | null {
    if (this.layout.columns.absenceMinutes !== undefined) {
      const r = normaliseMinutesLesson(
        this.cell(cells, 'absenceMinutes'),
        this.cell(cells, 'scheduledMinutes'),
        this.cell(cells, 'absenceType'),
        this.ctx.matchStatus,
      );
      if (r.ok) return r.value;
      const field: Field = r.field === 'absence' ? 'absenceMinutes' : r.field === 'scheduled' ? 'scheduledMinutes' : 'absenceType';
      this.log.error(rowNumber, this.header(field), r.message);
      return null;
    }
    const s = this.ctx.matchStatus(this.at(cells, this.c.status));
    if (s.ok) return s.value;
    this.log.error(rowNumber, this.header('status'), s.message);
    return null;
  }

  private readDailyRow(pupil: PupilRecord, cells: CellValue[], rowNumber: number): void {
    const date = normaliseDate(this.at(cells, this.c.date));
    if (!date.ok) this.log.error(rowNumber, this.header('date'), date.message);
    else this.seeDate(date.value);
    const status = this.dayStatus(cells, rowNumber);
    if (!date.ok || status === null) return;
    const day = this.windowIndex.get(date.value);
    if (day === undefined || date.value > this.ctx.today) {
      this.log.warn('outside-window', { row: rowNumber, column: this.header('date'), message: this.dayWarning(date.value, 'Raden') });
      return;
    }
    this.placeDay(pupil, day, status, rowNumber, this.header('date'));
  }

  /** Widens the file's date range (window coverage names it when the file misses the window). */
  private seeDate(date: string): void {
    const r = this.fileDates;
    if (!r) this.fileDates = { first: date, last: date };
    else if (date < r.first) r.first = date;
    else if (date > r.last) r.last = date;
  }

  private placeDay(pupil: PupilRecord, day: number, status: Status, rowNumber: number, column: string): void {
    const rank = RANK[status];
    const before = pupil.dayRanks[day]!;
    if (before !== 0 && !this.layout.perLesson) {
      if (before === rank) {
        this.log.warn('duplicate', { row: rowNumber, column, message: t('imports.errors.sammaUppgiftRedanPa', { row: pupil.dayRows[day] }) });
      } else {
        const date = formatSwedishDate(this.ctx.window[day]!, { withYear: true });
        this.log.error(
          rowNumber,
          column,
          t('imports.errors.elevenTvaOlikaUppgifter', {
            date,
            before: ATTENDANCE_STATUS_SV[STATUS_OF_RANK[before]!],
            row: pupil.dayRows[day],
            now: ATTENDANCE_STATUS_SV[status],
          }),
        );
      }
      return;
    }
    if (rank > before) {
      pupil.dayRanks[day] = rank;
      pupil.dayRows[day] = rowNumber;
    }
  }

  private readMatrixRow(pupil: PupilRecord, cells: CellValue[], rowNumber: number): void {
    for (const col of this.matrixColumns) {
      const s = this.ctx.matchStatus(cells[col.index] ?? null);
      if (!s.ok) this.log.error(rowNumber, col.header, s.message);
      else this.placeDay(pupil, col.day, s.value, rowNumber, col.header);
    }
  }

  /** A count or minutes cell; null when blank and not required, or wrong (then an error). */
  private count(cells: CellValue[], rowNumber: number, field: Field, required: boolean): number | null {
    const c = this.cell(cells, field);
    if (!required && isBlank(c)) return null;
    const n = normaliseCount(c);
    if (n.ok) return n.value;
    this.log.error(rowNumber, this.header(field), n.message);
    return null;
  }

  private readSummaryRow(pupil: PupilRecord, cells: CellValue[], rowNumber: number): void {
    if (this.layout.columns.daysPresent === undefined) return this.readMinutesRow(pupil, cells, rowNumber);
    const count = (field: Field, required: boolean): number | null => this.count(cells, rowNumber, field, required);
    const daysPresent = count('daysPresent', true);
    const valid = count('validAbsenceDays', false);
    const unexplained = count('unexplainedAbsenceDays', false);
    const unknown = count('unknownAbsenceDays', false);
    let firstDayPresent: string | null = null;
    const fd = this.cell(cells, 'firstDayPresent');
    if (!isBlank(fd)) {
      const d = normaliseDate(fd);
      if (d.ok) firstDayPresent = d.value;
      else this.log.error(rowNumber, this.header('firstDayPresent'), d.message);
    }
    if (daysPresent === null) return;
    const total = daysPresent + (valid ?? 0) + (unexplained ?? 0) + (unknown ?? 0);
    if (total > this.ctx.window.length) {
      this.log.warn('summary-too-many', {
        row: rowNumber,
        column: null,
        message: t('imports.errors.radenRaknarDagarMen', { total, windowCount: this.ctx.window.length }),
      });
    }
    pupil.summary = { daysPresent, validAbsenceDays: valid, unexplainedAbsenceDays: unexplained, unknownAbsenceDays: unknown, firstDayPresent };
  }

  /**
   * A summary in minutes: scheduled and attended required, valid and unexplained absence
   * when the file has them. Minutes that add up to more than scheduled are an error;
   * percent columns only cross-check the minutes (a disagreement is a warning).
   */
  private readMinutesRow(pupil: PupilRecord, cells: CellValue[], rowNumber: number): void {
    const scheduled = this.count(cells, rowNumber, 'scheduledMinutes', true);
    const attended = this.count(cells, rowNumber, 'attendedMinutes', true);
    const valid = this.count(cells, rowNumber, 'validAbsenceMinutes', false);
    const unexplained = this.count(cells, rowNumber, 'unexplainedAbsenceMinutes', false);
    if (scheduled === null || attended === null) return;
    const accounted = attended + (valid ?? 0) + (unexplained ?? 0);
    if (accounted > scheduled) {
      const parts = (['attendedMinutes', 'validAbsenceMinutes', 'unexplainedAbsenceMinutes'] as const)
        .filter((f) => this.layout.columns[f] !== undefined)
        .map((f) => `”${this.header(f)}”`);
      this.log.error(
        rowNumber,
        this.header('scheduledMinutes'),
        t('imports.errors.minutesOverScheduled', {
          parts: swedishList(parts),
          accounted: formatSwedishNumber(accounted),
          scheduled: formatSwedishNumber(scheduled),
        }),
      );
      return;
    }
    if (scheduled === 0) {
      this.log.warn('no-scheduled-time', { row: rowNumber, column: this.header('scheduledMinutes'), message: t('imports.errors.elevenIngenSchemalagdTid') });
    } else {
      const share = (minutes: number | null): number | null => (minutes === null ? null : (100 * minutes) / scheduled);
      const expected: [Field, number | null][] = [
        ['attendedPercent', share(attended)],
        ['absencePercent', valid === null && unexplained === null ? null : share((valid ?? 0) + (unexplained ?? 0))],
        ['validAbsencePercent', share(valid)],
        ['unexplainedAbsencePercent', share(unexplained)],
      ];
      for (const [field, percent] of expected) this.crossCheck(cells, rowNumber, field, percent);
    }
    pupil.minutes = { scheduled, attended, valid, unexplained };
  }

  /** A percent column against the minutes: unreadable or more than the tolerance off is a warning, never an error. */
  private crossCheck(cells: CellValue[], rowNumber: number, field: Field, expected: number | null): void {
    const cell = this.cell(cells, field);
    if (expected === null || isBlank(cell)) return;
    const p = normalisePercent(cell);
    const column = this.header(field);
    if (!p.ok) {
      this.log.warn('percent-mismatch', { row: rowNumber, column, message: t('imports.errors.procentsatsenAnvandsBaraFor', { message: p.message }) });
    } else if (!percentAgrees(p.value, expected)) {
      this.log.warn('percent-mismatch', {
        row: rowNumber,
        column,
        message: t('imports.errors.procentsatsenStammerMinuternaMinuterna', {
          percent: formatSwedishNumber(p.value[p.value.length - 1]!, 1),
          expected: formatSwedishNumber(expected, 1),
        }),
      });
    }
  }

  finish(): Interpretation {
    if (this.pupils.size === 0 && this.log.errorCount === 0) {
      this.log.error(null, null, t('imports.errors.filenInnehallerIngaElever'));
    }
    let days = 0;
    let reported = 0;
    for (const p of this.pupils.values()) {
      for (let i = 0; i < p.dayRanks.length; i++) {
        const r = p.dayRanks[i]!;
        if (r !== 0) days++;
        if (i < this.observedLength && r >= RANK.valid) reported++;
      }
    }
    let reportedShare: number | null = null;
    if (this.layout.shape !== 'summary' && this.pupils.size > 0 && this.observedLength > 0) {
      reportedShare = reported / (this.pupils.size * this.observedLength);
      if (reportedShare < LOW_REPORTING_SHARE) {
        this.log.warn('low-share', {
          row: null,
          column: null,
          message: t('imports.errors.baraElevernasSkoldagarHittills', { percent: Math.round(reportedShare * 100) }),
        });
      }
    }
    return { pupils: this.pupils, rows: this.rows, days, reportedShare, fileDates: this.fileDates, log: this.log };
  }
}
