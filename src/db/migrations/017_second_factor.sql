-- Second factor (issue 18): a TOTP secret per password account, the last time step used
-- (a code works once), and ten one-time recovery codes stored as SHA-256 of long random codes.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  used_at TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
