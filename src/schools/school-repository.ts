import type { Db } from '../db';

export const SCHOOL_TYPES = ['grundskola', 'gymnasieskola', 'anpassad'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export interface School {
  id: number;
  code: string;
  name: string;
  type: SchoolType;
  active: boolean;
}

const COLUMNS = 'id, code, name, type, active';
type Row = Omit<School, 'active'> & { active: number };
const toSchool = (r: Row | undefined): School | undefined => (r ? { ...r, active: r.active === 1 } : undefined);

export class SchoolRepository {
  constructor(private readonly db: Db) {}

  list(): School[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM schools ORDER BY name`).all() as Row[]).map((r) => toSchool(r)!);
  }

  listByIds(ids: number[]): School[] {
    if (ids.length === 0) return [];
    return (this.db.prepare(`SELECT ${COLUMNS} FROM schools WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`).all(JSON.stringify(ids)) as Row[]).map(
      (r) => toSchool(r)!,
    );
  }

  findById(id: number): School | undefined {
    return toSchool(this.db.prepare(`SELECT ${COLUMNS} FROM schools WHERE id = ?`).get(id) as Row | undefined);
  }

  findByCode(code: string): School | undefined {
    return toSchool(this.db.prepare(`SELECT ${COLUMNS} FROM schools WHERE code = ?`).get(code) as Row | undefined);
  }

  insert(s: Omit<School, 'id' | 'active'>, createdAt: string): number {
    return Number(
      this.db.prepare('INSERT INTO schools (code, name, type, created_at) VALUES (@code, @name, @type, @createdAt)').run({ ...s, createdAt }).lastInsertRowid,
    );
  }

  update(id: number, s: { name: string; type: SchoolType; active: boolean }): void {
    this.db
      .prepare('UPDATE schools SET name = @name, type = @type, active = @active WHERE id = @id')
      .run({ id, name: s.name, type: s.type, active: s.active ? 1 : 0 });
  }
}
