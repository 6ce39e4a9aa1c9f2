-- What a school knows and has done about a pupil of concern in a round.

CREATE TABLE followups (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  -- A pupil the principal added by hand (not in the file, e.g. protected identity on paper).
  manual INTEGER NOT NULL DEFAULT 0,
  manual_reason TEXT,
  -- "Guardians deliberately not contacted — honour-related risk".
  guardians_not_contacted INTEGER NOT NULL DEFAULT 0,
  last_day_present TEXT,
  known_reason TEXT,
  abroad_country TEXT,
  expected_return TEXT,
  information_source TEXT,
  -- none | municipal_school | other_municipality | abroad | unregistered
  transfer TEXT NOT NULL DEFAULT 'none' CHECK (transfer IN ('none', 'municipal_school', 'other_municipality', 'abroad', 'unregistered')),
  receiving_school TEXT,
  updated_at TEXT NOT NULL,
  updated_by_label TEXT NOT NULL,
  PRIMARY KEY (round_id, school_id, pupil_id)
) WITHOUT ROWID;

CREATE TABLE contact_attempts (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  method TEXT NOT NULL CHECK (method IN ('phone', 'sms', 'email', 'letter', 'home_visit', 'relatives', 'classmates', 'new_school', 'other')),
  date TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by_label TEXT NOT NULL
);
CREATE INDEX contact_attempts_pupil ON contact_attempts (round_id, school_id, pupil_id);
