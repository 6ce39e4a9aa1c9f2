import type { Actor } from '../shared';
import { currentRequestId } from '../logging';
import type { Clock } from '../shared';
import { csvLine } from '../shared';
import { formatLocalDateTime } from '../calendar';
import { ForbiddenError } from '../shared';
import { hasRole } from '../shared';
import type { AuditFilter, AuditOutcome, AuditRepository, AuditEntry } from './audit-repository';
import { actionsMatching, auditActionLabel, auditObjectLabel } from './audit-labels';

/** A log entry with what happened and to what in Swedish words, for the log page. */
export type LabelledAuditEntry = AuditEntry & { actionLabel: string; objectLabel: string };

/** The filter's words also match the actions whose Swedish label contains them. */
function withLabelMatches(filter: AuditFilter): AuditFilter {
  return filter.action ? { ...filter, actionsIn: actionsMatching(filter.action) } : filter;
}

export interface AuditEvent {
  action: string;
  objectType?: string;
  objectId?: string | number | null;
  outcome?: AuditOutcome;
  /** Never names, personal numbers or passwords: ids and counts only. */
  details?: Record<string, unknown>;
  requestId?: string;
}

export class AuditService {
  constructor(
    private readonly deps: {
      repo: AuditRepository;
      clock: Clock;
    },
  ) {}

  /** Records who did what; the actor may be someone not logged in yet (login attempts). */
  record(actor: Pick<Actor, 'userId' | 'label'>, e: AuditEvent): void {
    this.deps.repo.insert({
      at: this.deps.clock().toISOString(),
      actorUserId: actor.userId,
      actor: actor.label,
      action: e.action,
      objectType: e.objectType ?? null,
      objectId: e.objectId === undefined || e.objectId === null ? null : String(e.objectId),
      outcome: e.outcome ?? 'success',
      details: e.details ? JSON.stringify(e.details) : null,
      // The request (or CLI run) doing the work, unless the caller named one.
      requestId: e.requestId ?? currentRequestId() ?? null,
    });
  }

  /** A page of the log, each entry also in words: what happened and to what (a round by its name). */
  list(actor: Actor, filter: AuditFilter, page: number, pageSize = 50): { rows: LabelledAuditEntry[]; total: number; pages: number } {
    this.requireAdmin(actor);
    const { rows, total } = this.deps.repo.list(withLabelMatches(filter), pageSize, (Math.max(page, 1) - 1) * pageSize);
    const rounds = this.deps.repo.roundNames(rows.filter((r) => r.objectType === 'round' && r.objectId).map((r) => r.objectId!));
    return {
      rows: rows.map((r) => ({
        ...r,
        actionLabel: auditActionLabel(r.action),
        objectLabel: auditObjectLabel(r.objectType, r.objectId, r.objectType === 'round' && r.objectId ? (rounds.get(r.objectId) ?? null) : null),
      })),
      total,
      pages: Math.max(1, Math.ceil(total / pageSize)),
    };
  }

  /** CSV of the filtered log, times in Stockholm local time as on the page; the export itself is audited. */
  *exportCsv(actor: Actor, filter: AuditFilter): Generator<string> {
    this.requireAdmin(actor);
    this.record(actor, { action: 'audit.export', objectType: 'audit_log', details: { filter } });
    yield '\uFEFF' + csvLine(['id', 'tid', 'användare', 'händelse', 'objekttyp', 'objekt-id', 'utfall', 'detaljer', 'beskrivning']);
    for (const r of this.deps.repo.iterate(withLabelMatches(filter))) {
      yield csvLine([r.id, formatLocalDateTime(r.at), r.actor, r.action, r.objectType, r.objectId, r.outcome, r.details, auditActionLabel(r.action)]);
    }
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}
