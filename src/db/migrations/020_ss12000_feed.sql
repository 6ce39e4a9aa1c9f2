-- The SS 12000 feed (issue 20): the municipality's school system delivers attendance by itself.
-- One feed per installation (one municipality): id is always 1.
-- The client secret is stored here, in the database file (which the encrypted backup
-- holds); no page, CLI output, API answer or audit entry ever shows it back.
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  base_url TEXT NOT NULL,
  auth_kind TEXT NOT NULL CHECK (auth_kind IN ('client_credentials', 'certificate')),
  token_url TEXT,
  client_id TEXT,
  client_secret TEXT,
  scope TEXT,
  cert_file TEXT,
  key_file TEXT,
  requests_per_second REAL NOT NULL DEFAULT 5 CHECK (requests_per_second > 0),
  enabled INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by_label TEXT NOT NULL,
  CHECK (auth_kind <> 'client_credentials' OR (token_url IS NOT NULL AND client_id IS NOT NULL AND client_secret IS NOT NULL)),
  CHECK (auth_kind <> 'certificate' OR (cert_file IS NOT NULL AND key_file IS NOT NULL))
);

-- SS 12000 school unit id → Saknad school, matched by school unit code (schools.code is
-- the eight-digit skolenhetskod), refreshed by every test of the feed.
CREATE TABLE feed_school_units (
  school_unit_id TEXT PRIMARY KEY,
  school_id INTEGER NOT NULL UNIQUE REFERENCES schools(id),
  display_name TEXT NOT NULL,
  matched_at TEXT NOT NULL
);

-- Rounds the feed fills.
CREATE TABLE feed_rounds (
  round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
  enabled_at TEXT NOT NULL,
  enabled_by_label TEXT NOT NULL
);

-- One row per round × school × run. The message never holds a personal number: it names
-- persons by their SS 12000 id.
CREATE TABLE feed_runs (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  message TEXT,
  persons INTEGER NOT NULL DEFAULT 0,
  pupils INTEGER NOT NULL DEFAULT 0,
  protected_persons INTEGER NOT NULL DEFAULT 0,
  emigrated INTEGER NOT NULL DEFAULT 0,
  upload_id INTEGER
);
CREATE INDEX feed_runs_round_school ON feed_runs (round_id, school_id, id);

-- Pupils SS 12000 marks as emigrated (personStatus Utvandrad) in a school's last good
-- run: the rules read them as left the roll without a known destination, unless the
-- school's own follow-up says otherwise. Replaced by each good run of the school.
CREATE TABLE feed_emigrations (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  PRIMARY KEY (round_id, school_id, pupil_id)
);
