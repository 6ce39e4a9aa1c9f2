import type { AuditService } from '../audit';
import { hasRole, type Actor } from '../shared';
import { formatSwedishDay, formatSwedishPeriod, schoolDaysFrom, todayInStockholm } from '../calendar';
import { t } from '../i18n';
import type { Settings } from '../settings';
import type { Clock } from '../shared';
import { ForbiddenError, NotFoundError } from '../shared';
import { countyExport, type CountyExport } from './county-export';
import { roundReport, ruleFeedback, trendPoint, trendTables, type RoundReport, type TrendPoint } from './stats-compute';
import type { StatsRepository } from './stats-repository';
import type { StatsRound, StatTable } from './stats-types';
import { workbook, type Sheet } from './stats-xlsx';
import { pseudonymise } from './snapshot';

export interface StatsDeps {
  /** Rule id → Swedish title, from the rule set in force. */
  ruleTitles: () => Record<string, string>;
  setting: <K extends 'statsSuppressionThreshold' | 'statsMinSchoolSize'>(key: K) => Settings[K];
  nonSchoolDays: () => Set<string>;
}

export interface Trends {
  points: TrendPoint[];
  tables: { perRound: StatTable; byBreak: StatTable };
  /** Opened rounds left out because their term has not started yet. */
  notStarted: number;
}

const tableSheet = (table: StatTable, intro: string[] = []): Sheet => ({
  name: table.title,
  intro,
  header: [t('stats.col.unit'), t('stats.col.code'), ...table.columns],
  rows: table.rows.map((r) => [r.label, r.code ?? '', ...r.values]),
});

/**
 * Statistics: counts per round and over time, without personal data. Admins and
 * coordinators read them; the rule feedback is the admin's. Every read is audited.
 */
export class StatsService {
  constructor(
    private readonly deps: {
      repo: StatsRepository;
      audit: AuditService;
      clock: Clock;
      lookups: StatsDeps;
    },
  ) {}

  private requireReader(actor: Actor): void {
    if (!hasRole(actor, 'admin', 'coordinator')) {
      this.deps.audit.record(actor, { action: 'access.denied', objectType: 'statistics', outcome: 'denied' });
      throw new ForbiddenError();
    }
  }

  private round(id: number): StatsRound {
    const round = this.deps.repo.round(id);
    // A draft has no data yet: its statistics do not exist.
    if (!round || round.state === 'draft') throw new NotFoundError(t('stats.errors.omgangenEllerOppnatsAn'));
    return round;
  }

  private report(round: StatsRound): RoundReport {
    return roundReport(this.deps.repo.facts(round), todayInStockholm(this.deps.clock), this.deps.lookups.ruleTitles());
  }

  /**
   * Freezes a round's statistics before retention deletes pupil rows (no actor: only the
   * retention job calls it, inside its transaction). Pupil and case ids are renumbered
   * within the round, so the snapshot holds no link to a person. Taken once: true if new.
   */
  snapshotRound(roundId: number): boolean {
    if (this.deps.repo.snapshot(roundId)) return false;
    const round = this.deps.repo.round(roundId);
    if (!round) throw new NotFoundError();
    const { facts } = pseudonymise(this.deps.repo.liveFacts(round));
    this.deps.repo.saveSnapshot(roundId, this.deps.clock().toISOString(), facts, this.deps.repo.roundFlagFates(roundId));
    return true;
  }

  /** Rounds with statistics (opened or closed), newest first, for the index page. */
  rounds(actor: Actor): StatsRound[] {
    this.requireReader(actor);
    return this.deps.repo.rounds().reverse();
  }

  roundReport(actor: Actor, roundId: number): RoundReport {
    this.requireReader(actor);
    const report = this.report(this.round(roundId));
    this.deps.audit.record(actor, { action: 'stats.read', objectType: 'round', objectId: roundId });
    return report;
  }

  async roundXlsx(actor: Actor, roundId: number): Promise<Buffer> {
    const report = this.roundReport(actor, roundId);
    this.deps.audit.record(actor, { action: 'stats.export', objectType: 'round', objectId: roundId, details: { format: 'xlsx' } });
    const intro = [
      t('stats.report.heading', { round: report.round.name }),
      t('stats.report.termStart', { date: formatSwedishDay(report.round.termStart) }),
      t('stats.report.generated', { date: formatSwedishDay(todayInStockholm(this.deps.clock)) }),
    ];
    return workbook(report.tables.map((table, i) => tableSheet(table, i === 0 ? intro : [])));
  }

  /**
   * Key figures per round over time. Only rounds whose term has started (term start on or
   * before today): a round opened ahead of its term has no attendance yet, and its zeros
   * would read as a good round.
   */
  trends(actor: Actor): Trends {
    this.requireReader(actor);
    const today = todayInStockholm(this.deps.clock);
    const opened = this.deps.repo.rounds();
    const points = opened.filter((r) => r.termStart <= today).map((r) => trendPoint(this.report(r)));
    this.deps.audit.record(actor, { action: 'stats.read', objectType: 'statistics', objectId: 'trends' });
    return { points, tables: trendTables(points), notStarted: opened.length - points.length };
  }

  /** For each rule and rule-set version, what became of its flags. Shown on the rules page (admin). */
  ruleFeedback(actor: Actor): StatTable {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
    return ruleFeedback(this.deps.repo.flagFates(), this.deps.lookups.ruleTitles());
  }

  /** The county administrative board's counts: suppressed, small schools left out. */
  county(actor: Actor, roundId: number): CountyExport {
    this.requireReader(actor);
    const round = this.round(roundId);
    const window = schoolDaysFrom(round.termStart, round.windowDays, this.deps.lookups.nonSchoolDays());
    const period = { from: round.termStart, to: window[window.length - 1] ?? round.termStart };
    const result = countyExport(
      this.deps.repo.facts(round),
      todayInStockholm(this.deps.clock),
      period,
      this.deps.lookups.setting('statsSuppressionThreshold'),
      this.deps.lookups.setting('statsMinSchoolSize'),
    );
    this.deps.audit.record(actor, { action: 'stats.read', objectType: 'round', objectId: roundId, details: { view: 'county' } });
    return result;
  }

  async countyXlsx(actor: Actor, roundId: number): Promise<Buffer> {
    const c = this.county(actor, roundId);
    this.deps.audit.record(actor, { action: 'stats.export', objectType: 'round', objectId: roundId, details: { format: 'xlsx', view: 'county' } });
    const intro = [
      t('stats.county.title'),
      t('stats.county.round', { round: c.round.name }),
      t('stats.county.period', { period: formatSwedishPeriod(c.period.from, c.period.to) }),
      t('stats.county.hidden', { count: c.hiddenSchools }),
    ];
    return workbook([
      {
        name: t('stats.county.sheet'),
        intro,
        header: [t('stats.col.unit'), t('stats.col.code'), ...c.columns],
        rows: c.rows.map((r) => [r.label, r.code ?? '', ...r.values]),
      },
      { name: t('stats.county.definitions'), header: [t('stats.county.definitions')], rows: c.definitions.map((d) => [d]) },
    ]);
  }
}
