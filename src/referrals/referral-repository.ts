import type { Db } from '../db';
import type { Urgency } from '../cases';
import type { ReferralFields } from './referral-schema';

/** A leave the school recorded on the watch list (ISO dates). */
export interface WatchLeave {
  from: string | null;
  to: string | null;
  destination: string | null;
  decision: string | null;
}

/** What is frozen into a referral: the form, plus the pupil and routine as they were when saved. */
export interface ReferralContent extends ReferralFields {
  pupilName: string;
  pupilPersonalNumber: string;
  pupilProtected: boolean;
  pupilClass: string;
  pupilSchool: string;
  routineText: string;
  unitName: string;
  unitPhone: string;
  /** Who wrote the siblings text (it may name pupils at other schools); absent in referrals saved before this was kept. */
  siblingsWrittenBy?: number | null;
  /** The siblings field as a principal may see it: how many, how many flagged, never who or where. */
  siblingsForSchool?: string;
}

export interface ReferralRow {
  id: number;
  caseId: number;
  unitId: number;
  unitName: string;
  /** The unit's on-call number now (the register may have changed since the referral was sent). */
  unitPhone: string;
  urgency: Urgency;
  content: ReferralContent;
  state: 'draft' | 'sent' | 'acknowledged';
  createdAt: string;
  createdBy: number | null;
  createdByLabel: string;
  sentAt: string | null;
  sentBy: number | null;
  sentByLabel: string | null;
  acknowledgedAt: string | null;
  acknowledgedByLabel: string | null;
  reference: string | null;
  remindedAt: string | null;
  schoolId: number;
  roundName: string;
}

export interface SocialUnit {
  id: number;
  name: string;
  email: string;
  onCallPhone: string;
  active: boolean;
}

const SELECT = `
  SELECT f.id, f.case_id AS caseId, f.unit_id AS unitId, su.name AS unitName, su.on_call_phone AS unitPhone, f.urgency, f.content, f.state,
         f.created_at AS createdAt, f.created_by AS createdBy, f.created_by_label AS createdByLabel,
         f.sent_at AS sentAt, f.sent_by AS sentBy, f.sent_by_label AS sentByLabel,
         f.acknowledged_at AS acknowledgedAt, f.acknowledged_by_label AS acknowledgedByLabel, f.reference, f.reminded_at AS remindedAt,
         c.school_id AS schoolId, r.name AS roundName
    FROM referrals f
    JOIN social_units su ON su.id = f.unit_id
    JOIN cases c ON c.id = f.case_id
    JOIN rounds r ON r.id = c.round_id`;

type Raw = Omit<ReferralRow, 'content'> & { content: string };

const UNIT_SELECT = 'SELECT id, name, email, on_call_phone AS onCallPhone, active FROM social_units';
type UnitRaw = Omit<SocialUnit, 'active'> & { active: number };
const toUnit = (u: UnitRaw): SocialUnit => ({ ...u, active: u.active === 1 });
const toRow = (r: Raw): ReferralRow => ({ ...r, content: JSON.parse(r.content) as ReferralContent });

export class ReferralRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  find(id: number): ReferralRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Raw | undefined;
    return r && toRow(r);
  }

  forCase(caseId: number): ReferralRow[] {
    return (this.db.prepare(`${SELECT} WHERE f.case_id = ? ORDER BY f.id`).all(caseId) as Raw[]).map(toRow);
  }

  /** Sent (and confirmed) referrals to these units, newest first. Drafts never leave the sender. */
  forUnits(unitIds: number[]): ReferralRow[] {
    if (!unitIds.length) return [];
    return (
      this.db.prepare(`${SELECT} WHERE f.unit_id IN (${unitIds.map(Number).join(', ')}) AND f.state <> 'draft' ORDER BY f.sent_at DESC`).all() as Raw[]
    ).map(toRow);
  }

  /** Sent, not confirmed and not yet reminded: candidates for the one reminder. */
  /** Every sent referral social services have not confirmed yet, oldest first. */
  awaitingAcknowledgement(): ReferralRow[] {
    return (this.db.prepare(`${SELECT} WHERE f.state = 'sent' ORDER BY f.sent_at, f.id`).all() as Raw[]).map(toRow);
  }

  unconfirmed(): ReferralRow[] {
    return (this.db.prepare(`${SELECT} WHERE f.state = 'sent' AND f.reminded_at IS NULL`).all() as Raw[]).map(toRow);
  }

  saveDraft(r: {
    id: number | null;
    caseId: number;
    unitId: number;
    urgency: Urgency;
    content: ReferralContent;
    at: string;
    by: number | null;
    byLabel: string;
  }): number {
    if (r.id) {
      this.db
        .prepare("UPDATE referrals SET unit_id = ?, urgency = ?, content = ? WHERE id = ? AND state = 'draft'")
        .run(r.unitId, r.urgency, JSON.stringify(r.content), r.id);
      return r.id;
    }
    return Number(
      this.db
        .prepare(
          "INSERT INTO referrals (case_id, unit_id, urgency, content, state, created_at, created_by, created_by_label) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)",
        )
        .run(r.caseId, r.unitId, r.urgency, JSON.stringify(r.content), r.at, r.by, r.byLabel).lastInsertRowid,
    );
  }

  markSent(id: number, at: string, by: number | null, byLabel: string): void {
    this.db
      .prepare("UPDATE referrals SET state = 'sent', sent_at = ?, sent_by = ?, sent_by_label = ? WHERE id = ? AND state = 'draft'")
      .run(at, by, byLabel, id);
  }

  acknowledge(id: number, at: string, by: number | null, byLabel: string, reference: string): void {
    this.db
      .prepare(
        "UPDATE referrals SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, acknowledged_by_label = ?, reference = ? WHERE id = ? AND state = 'sent'",
      )
      .run(at, by, byLabel, reference, id);
  }

  markReminded(id: number, at: string): void {
    this.db.prepare('UPDATE referrals SET reminded_at = ? WHERE id = ?').run(at, id);
  }

  /**
   * Who hears that social services confirmed: the sender and the case's coordinator; when
   * neither is an active coordinator (a principal sent it, nobody is assigned), every coordinator.
   */
  acknowledgementRecipients(caseId: number, sentBy: number | null): string[] {
    const coordinators = this.db
      .prepare("SELECT DISTINCT u.id, u.email FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'coordinator' AND u.active = 1")
      .all() as { id: number; email: string }[];
    const assignee = (this.db.prepare('SELECT assigned_to AS id FROM cases WHERE id = ?').get(caseId) as { id: number | null } | undefined)?.id ?? null;
    const sender =
      sentBy === null
        ? undefined
        : (this.db.prepare('SELECT email FROM users WHERE id = ? AND active = 1').get(sentBy) as { email: string } | undefined)?.email;
    const out = new Set<string>(sender ? [sender] : []);
    const named = coordinators.filter((c) => c.id === assignee || c.id === sentBy);
    for (const c of named.length ? named : coordinators) out.add(c.email);
    return [...out];
  }

  /** The watch list's leave facts for the pupil at the school (null when none). */
  leave(roundId: number, schoolId: number, pupilId: number): WatchLeave | null {
    const w = this.db
      .prepare(
        'SELECT leave_from AS "from", leave_to AS "to", leave_destination AS destination, leave_decision AS decision FROM watch_list WHERE round_id = ? AND school_id = ? AND pupil_id = ?',
      )
      .get(roundId, schoolId, pupilId) as WatchLeave | undefined;
    return w && (w.from || w.to || w.destination) ? w : null;
  }

  // Social services units -------------------------------------------------------------

  units(activeOnly = false): SocialUnit[] {
    return (this.db.prepare(`${UNIT_SELECT} ${activeOnly ? 'WHERE active = 1' : ''} ORDER BY name`).all() as UnitRaw[]).map(toUnit);
  }

  unit(id: number): SocialUnit | undefined {
    const u = this.db.prepare(`${UNIT_SELECT} WHERE id = ?`).get(id) as UnitRaw | undefined;
    return u && toUnit(u);
  }

  unitByName(name: string): SocialUnit | undefined {
    return this.units().find((u) => u.name.toLowerCase() === name.toLowerCase());
  }

  saveUnit(u: Omit<SocialUnit, 'id'> & { id: number | null }, at: string): number {
    if (u.id) {
      this.db
        .prepare('UPDATE social_units SET name = ?, email = ?, on_call_phone = ?, active = ? WHERE id = ?')
        .run(u.name, u.email, u.onCallPhone, u.active ? 1 : 0, u.id);
      return u.id;
    }
    return Number(
      this.db
        .prepare('INSERT INTO social_units (name, email, on_call_phone, active, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(u.name, u.email, u.onCallPhone, u.active ? 1 : 0, at).lastInsertRowid,
    );
  }

  /** Units a social services user works for. */
  unitsOf(userId: number): number[] {
    return (this.db.prepare('SELECT unit_id FROM user_units WHERE user_id = ?').raw().all(userId) as [number][]).map(([id]) => id);
  }

  members(unitId: number): number[] {
    return (this.db.prepare('SELECT user_id FROM user_units WHERE unit_id = ?').raw().all(unitId) as [number][]).map(([id]) => id);
  }

  setMembers(unitId: number, userIds: number[]): void {
    this.db.prepare('DELETE FROM user_units WHERE unit_id = ?').run(unitId);
    const insert = this.db.prepare('INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)');
    for (const u of userIds) insert.run(u, unitId);
  }

  /** Active users with the social services role, for the unit page's member list. */
  socialServicesUsers(): { id: number; name: string; email: string }[] {
    return this.db
      .prepare(
        "SELECT DISTINCT u.id, u.name, u.email FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'social_services' AND u.active = 1 ORDER BY u.name",
      )
      .all() as { id: number; name: string; email: string }[];
  }
}
