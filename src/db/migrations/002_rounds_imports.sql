-- Mapping rounds, pupils, rosters, attendance and uploads (the import).

CREATE TABLE rounds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  break_type TEXT NOT NULL CHECK (break_type IN ('summer', 'christmas', 'autumn', 'winter', 'easter', 'other')),
  term_start TEXT NOT NULL,          -- YYYY-MM-DD, the first school day after the break
  window_days INTEGER NOT NULL CHECK (window_days BETWEEN 1 AND 60),
  deadline TEXT,                     -- YYYY-MM-DD
  recheck_date TEXT,                 -- YYYY-MM-DD
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  closed_at TEXT
);

CREATE TABLE round_schools (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  PRIMARY KEY (round_id, school_id)
) WITHOUT ROWID;

-- Days the municipality marks as non-school days (study days, local breaks).
CREATE TABLE non_school_days (
  date TEXT PRIMARY KEY,
  reason TEXT NOT NULL
) WITHOUT ROWID;

-- One row per child, across schools and rounds; personal_number is canonical YYYYMMDD-NNNN.
CREATE TABLE pupils (
  id INTEGER PRIMARY KEY,
  personal_number TEXT NOT NULL UNIQUE,
  coordination_number INTEGER NOT NULL DEFAULT 0,
  first_name TEXT,
  last_name TEXT,
  protected_identity INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Guardians' personal numbers link siblings across schools.
CREATE TABLE pupil_guardians (
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  guardian_personal_number TEXT NOT NULL,
  PRIMARY KEY (pupil_id, guardian_personal_number)
) WITHOUT ROWID;
CREATE INDEX pupil_guardians_guardian ON pupil_guardians (guardian_personal_number);

-- Every committed upload; a newer one for the same round and school supersedes it.
-- Rejected files are never stored (only an audit entry with counts).
CREATE TABLE uploads (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_by_label TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  file_name TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  shape TEXT NOT NULL CHECK (shape IN ('daily', 'matrix', 'summary')),
  per_lesson INTEGER NOT NULL DEFAULT 0,
  header_row INTEGER NOT NULL,
  column_mapping TEXT NOT NULL,      -- JSON: field → header text
  report TEXT NOT NULL,              -- JSON: the import report (counts, warnings)
  pupils INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  days INTEGER NOT NULL,
  excluded_protected INTEGER NOT NULL DEFAULT 0,
  raw_file TEXT,                     -- path under the data folder, removed by retention
  superseded_by INTEGER REFERENCES uploads(id)
);
CREATE INDEX uploads_round_school ON uploads (round_id, school_id);

-- The school's roster in the round (from its current upload). Summary-shape files give
-- counts instead of days; those columns are null for daily and matrix files.
CREATE TABLE roster (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  upload_id INTEGER NOT NULL REFERENCES uploads(id),
  class_name TEXT,
  grade TEXT,
  source_row INTEGER NOT NULL,
  days_present INTEGER,
  valid_absence_days INTEGER,
  unexplained_absence_days INTEGER,
  unknown_absence_days INTEGER,
  first_day_present TEXT,
  PRIMARY KEY (round_id, school_id, pupil_id)
) WITHOUT ROWID;
CREATE INDEX roster_pupil ON roster (pupil_id, round_id);

-- One row per pupil and school day as reported. A day with no row is "not reported",
-- which is never read as present.
CREATE TABLE attendance (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('present', 'valid', 'unexplained', 'unknown', 'not_reported')),
  source_row INTEGER NOT NULL,
  PRIMARY KEY (round_id, school_id, pupil_id, date)
) WITHOUT ROWID;

-- The column mapping a school's users chose, used for its next upload.
CREATE TABLE import_profiles (
  school_id INTEGER PRIMARY KEY REFERENCES schools(id),
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);
