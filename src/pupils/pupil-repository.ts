/**
 * The one owner of `pupils`, `school_pupils` and `school_guardians`: every write of a
 * pupil's identity or of a school's name for them goes through here.
 *
 * Identity is the personal number (`pupils`); the protected flag is only ever set, never
 * cleared by a write here (clearing it is a deliberate, audited act). Names and guardians
 * are per school (`school_pupils`, `school_guardians`, migration 013): a school never
 * changes what another school reported.
 *
 * Two sources, two name rules:
 * - 'file': the school's newest attendance file is its roster. Its names replace the
 *   school's earlier ones (a file without names keeps them) and both rows' updated_at move.
 * - 'hand': a pupil the school named by hand (follow-up, watch list). It only fills gaps:
 *   a name the school already reported is kept, and updated_at is left alone.
 */
import type { Db } from '../db';

export type PupilSource = 'file' | 'hand';

export interface PupilIdentity {
  personalNumber: string;
  coordination: boolean;
  protectedIdentity: boolean;
}

/** Writes prepared once for many pupils (an import commits up to 100,000 in one transaction). */
export interface PupilWriter {
  /** Creates or updates the pupil by personal number; returns their id. */
  upsert(p: PupilIdentity): number;
  /** The school's name for the pupil, by the source's rule. */
  nameAtSchool(schoolId: number, pupilId: number, firstName: string | null, lastName: string | null): void;
  addGuardian(schoolId: number, pupilId: number, guardianPersonalNumber: string): void;
}

const UPSERT = `INSERT INTO pupils (personal_number, coordination_number, protected_identity, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT(personal_number) DO UPDATE SET
    protected_identity = max(protected_identity, excluded.protected_identity)`;

const NAME =
  'INSERT INTO school_pupils (school_id, pupil_id, first_name, last_name, updated_at) VALUES (?, ?, ?, ?, ?)\n  ON CONFLICT(school_id, pupil_id) DO UPDATE SET';

const SQL: Record<PupilSource, { upsert: string; name: string }> = {
  file: {
    upsert: `${UPSERT},\n    updated_at = excluded.updated_at\n  RETURNING id`,
    name: `${NAME}
    first_name = coalesce(excluded.first_name, first_name),
    last_name = coalesce(excluded.last_name, last_name),
    updated_at = excluded.updated_at`,
  },
  hand: {
    upsert: `${UPSERT}\n  RETURNING id`,
    name: `${NAME}
    first_name = coalesce(first_name, excluded.first_name), last_name = coalesce(last_name, excluded.last_name)`,
  },
};

export class PupilRepository {
  constructor(private readonly db: Db) {}

  /** Writes from `source` at time `at`; call inside the caller's transaction. */
  writer(source: PupilSource, at: string): PupilWriter {
    const upsert = this.db.prepare(SQL[source].upsert).pluck();
    const name = this.db.prepare(SQL[source].name);
    let guardian: ReturnType<Db['prepare']> | null = null;
    return {
      upsert: (p) => upsert.get(p.personalNumber, p.coordination ? 1 : 0, p.protectedIdentity ? 1 : 0, at, at) as number,
      nameAtSchool: (schoolId, pupilId, firstName, lastName) => void name.run(schoolId, pupilId, firstName, lastName, at),
      addGuardian: (schoolId, pupilId, pn) =>
        void (guardian ??= this.db.prepare('INSERT OR IGNORE INTO school_guardians (school_id, pupil_id, guardian_personal_number) VALUES (?, ?, ?)')).run(
          schoolId,
          pupilId,
          pn,
        ),
    };
  }

  /** A pupil a school named by hand: upserted with the school's name for them (gaps only); returns their id. */
  addByHand(schoolId: number, p: PupilIdentity & { firstName: string | null; lastName: string | null }, at: string): number {
    return this.db.transaction(() => {
      const w = this.writer('hand', at);
      const id = w.upsert(p);
      w.nameAtSchool(schoolId, id, p.firstName, p.lastName);
      return id;
    })();
  }
}
