import type { Actor } from '../shared';
import { currentRequestId } from '../logging';
import type { Clock } from '../shared';
import { csvLine } from '../shared';
import { formatLocalDateTime } from '../calendar';
import { ForbiddenError } from '../shared';
import { hasRole } from '../shared';
import type { AuditFilter, AuditOutcome, AuditRepository, AuditEntry } from './audit-repository';

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

  list(actor: Actor, filter: AuditFilter, page: number, pageSize = 50): { rows: AuditEntry[]; total: number; pages: number } {
    this.requireAdmin(actor);
    const { rows, total } = this.deps.repo.list(filter, pageSize, (Math.max(page, 1) - 1) * pageSize);
    return { rows, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
  }

  /** CSV of the filtered log, times in Stockholm local time as on the page; the export itself is audited. */
  *exportCsv(actor: Actor, filter: AuditFilter): Generator<string> {
    this.requireAdmin(actor);
    this.record(actor, { action: 'audit.export', objectType: 'audit_log', details: { filter } });
    yield '\uFEFF' + csvLine(['id', 'tid', 'användare', 'händelse', 'objekttyp', 'objekt-id', 'utfall', 'detaljer']);
    for (const r of this.deps.repo.iterate(filter)) {
      yield csvLine([r.id, formatLocalDateTime(r.at), r.actor, r.action, r.objectType, r.objectId, r.outcome, r.details]);
    }
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError();
  }
}
