import { writeIfFree, type Db } from '../db';

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const COLUMNS = 'id, user_id AS userId, name, prefix, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt';

export class TokenRepository {
  constructor(private readonly db: Db) {}

  insert(t: { userId: number; name: string; hash: string; prefix: string; createdAt: string }): number {
    return Number(
      this.db.prepare('INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES (@userId, @name, @hash, @prefix, @createdAt)').run(t)
        .lastInsertRowid,
    );
  }

  listForUser(userId: number): ApiToken[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id DESC`).all(userId) as ApiToken[];
  }

  findActiveByHash(hash: string): ApiToken | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`).get(hash) as ApiToken | undefined;
  }

  touch(id: number, at: string): void {
    // Not while an import worker holds the write lock: a later request records it.
    writeIfFree(this.db, () => this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id));
  }

  revoke(id: number, userId: number, at: string): boolean {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL').run(at, id, userId).changes === 1;
  }
}
