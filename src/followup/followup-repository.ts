import type { Db } from '../db';
import { PupilRepository } from '../pupils';

export const CONTACT_METHODS = ['phone', 'sms', 'email', 'letter', 'home_visit', 'relatives', 'classmates', 'new_school', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const TRANSFERS = ['none', 'municipal_school', 'other_municipality', 'abroad', 'unregistered'] as const;
export type Transfer = (typeof TRANSFERS)[number];

export interface FollowUp {
  manual: boolean;
  manualReason: string | null;
  guardiansNotContacted: boolean;
  lastDayPresent: string | null;
  knownReason: string | null;
  abroadCountry: string | null;
  expectedReturn: string | null;
  informationSource: string | null;
  transfer: Transfer;
  receivingSchool: string | null;
  updatedAt: string;
  updatedByLabel: string;
}

export interface ContactAttempt {
  id: number;
  method: ContactMethod;
  date: string;
  result: string;
  createdAt: string;
  createdByLabel: string;
}

export interface PupilRef {
  id: number;
  personalNumber: string;
  firstName: string | null;
  lastName: string | null;
  protectedIdentity: boolean;
}

const FOLLOWUP_COLUMNS = `manual, manual_reason AS manualReason, guardians_not_contacted AS guardiansNotContacted, last_day_present AS lastDayPresent,
  known_reason AS knownReason, abroad_country AS abroadCountry, expected_return AS expectedReturn, information_source AS informationSource,
  transfer, receiving_school AS receivingSchool, updated_at AS updatedAt, updated_by_label AS updatedByLabel`;

type FollowUpRow = Omit<FollowUp, 'manual' | 'guardiansNotContacted'> & { manual: number; guardiansNotContacted: number };

export class FollowUpRepository {
  private readonly pupils: PupilRepository;

  constructor(private readonly db: Db) {
    this.pupils = new PupilRepository(db);
  }

  /** The pupil with the name the school gave (each school owns its rows, migration 013). */
  pupil(pupilId: number, schoolId: number): PupilRef | undefined {
    const r = this.db
      .prepare(
        `SELECT p.id, p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName, p.protected_identity AS protectedIdentity
           FROM pupils p LEFT JOIN school_pupils sp ON sp.pupil_id = p.id AND sp.school_id = ? WHERE p.id = ?`,
      )
      .get(schoolId, pupilId) as (Omit<PupilRef, 'protectedIdentity'> & { protectedIdentity: number }) | undefined;
    return r && { ...r, protectedIdentity: r.protectedIdentity === 1 };
  }

  /** The pupil belongs to the school in the round: on its roster, flagged there, or added by hand. */
  concerns(roundId: number, schoolId: number, pupilId: number): boolean {
    return !!this.db
      .prepare(
        `SELECT 1 FROM roster WHERE round_id = @roundId AND school_id = @schoolId AND pupil_id = @pupilId
         UNION SELECT 1 FROM flags WHERE round_id = @roundId AND school_id = @schoolId AND pupil_id = @pupilId
         UNION SELECT 1 FROM followups WHERE round_id = @roundId AND school_id = @schoolId AND pupil_id = @pupilId`,
      )
      .get({ roundId, schoolId, pupilId });
  }

  find(roundId: number, schoolId: number, pupilId: number): FollowUp | undefined {
    const r = this.db
      .prepare(`SELECT ${FOLLOWUP_COLUMNS} FROM followups WHERE round_id = ? AND school_id = ? AND pupil_id = ?`)
      .get(roundId, schoolId, pupilId) as FollowUpRow | undefined;
    return r && { ...r, manual: r.manual === 1, guardiansNotContacted: r.guardiansNotContacted === 1 };
  }

  save(roundId: number, schoolId: number, pupilId: number, f: FollowUp): void {
    this.db
      .prepare(
        `INSERT INTO followups (round_id, school_id, pupil_id, manual, manual_reason, guardians_not_contacted, last_day_present, known_reason,
           abroad_country, expected_return, information_source, transfer, receiving_school, updated_at, updated_by_label)
         VALUES (@roundId, @schoolId, @pupilId, @manual, @manualReason, @guardiansNotContacted, @lastDayPresent, @knownReason,
           @abroadCountry, @expectedReturn, @informationSource, @transfer, @receivingSchool, @updatedAt, @updatedByLabel)
         ON CONFLICT(round_id, school_id, pupil_id) DO UPDATE SET
           guardians_not_contacted = excluded.guardians_not_contacted, last_day_present = excluded.last_day_present,
           known_reason = excluded.known_reason, abroad_country = excluded.abroad_country, expected_return = excluded.expected_return,
           information_source = excluded.information_source, transfer = excluded.transfer, receiving_school = excluded.receiving_school,
           manual = max(manual, excluded.manual), manual_reason = coalesce(excluded.manual_reason, manual_reason),
           updated_at = excluded.updated_at, updated_by_label = excluded.updated_by_label`,
      )
      .run({ ...f, roundId, schoolId, pupilId, manual: f.manual ? 1 : 0, guardiansNotContacted: f.guardiansNotContacted ? 1 : 0 });
  }

  addAttempt(roundId: number, schoolId: number, pupilId: number, a: Omit<ContactAttempt, 'id'>): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO contact_attempts (round_id, school_id, pupil_id, method, date, result, created_at, created_by_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(roundId, schoolId, pupilId, a.method, a.date, a.result, a.createdAt, a.createdByLabel).lastInsertRowid,
    );
  }

  attempts(roundId: number, schoolId: number, pupilId: number): ContactAttempt[] {
    return this.db
      .prepare(
        'SELECT id, method, date, result, created_at AS createdAt, created_by_label AS createdByLabel FROM contact_attempts WHERE round_id = ? AND school_id = ? AND pupil_id = ? ORDER BY date, id',
      )
      .all(roundId, schoolId, pupilId) as ContactAttempt[];
  }

  /** Upserts a pupil the school named by hand (its file does not have them) and returns their id. */
  upsertPupil(
    schoolId: number,
    p: { personalNumber: string; coordination: boolean; firstName: string | null; lastName: string | null; protectedIdentity: boolean; at: string },
  ): number {
    return this.pupils.addByHand(schoolId, p, p.at);
  }

  /** Pupils added by hand at the school in the round. */
  manualPupils(roundId: number, schoolId: number): (PupilRef & { manualReason: string | null })[] {
    return (
      this.db
        .prepare(
          `SELECT p.id, p.personal_number AS personalNumber, sp.first_name AS firstName, sp.last_name AS lastName, p.protected_identity AS protectedIdentity,
                  f.manual_reason AS manualReason
             FROM followups f JOIN pupils p ON p.id = f.pupil_id
             LEFT JOIN school_pupils sp ON sp.school_id = f.school_id AND sp.pupil_id = f.pupil_id WHERE f.round_id = ? AND f.school_id = ? AND f.manual = 1`,
        )
        .all(roundId, schoolId) as (Omit<PupilRef, 'protectedIdentity'> & { protectedIdentity: number; manualReason: string | null })[]
    ).map((r) => ({ ...r, protectedIdentity: r.protectedIdentity === 1 }));
  }

  /** For the rules, keyed "pupilId:schoolId": transfers the school recorded in the round. */
  transfers(roundId: number): Map<string, { transfer: Transfer; receivingSchool: string | null }> {
    const rows = this.db
      .prepare("SELECT pupil_id, school_id, transfer, receiving_school FROM followups WHERE round_id = ? AND transfer <> 'none'")
      .raw()
      .all(roundId) as [number, number, Transfer, string | null][];
    return new Map(rows.map(([p, s, transfer, receivingSchool]) => [`${p}:${s}`, { transfer, receivingSchool }]));
  }
}
