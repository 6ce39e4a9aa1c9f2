-- The round's pre-break watch list (förhandsoro): pupils a school worries about.
CREATE TABLE watch_list (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  reasons TEXT NOT NULL,             -- JSON array of reason codes
  leave_from TEXT,
  leave_to TEXT,
  leave_destination TEXT,
  leave_decision TEXT CHECK (leave_decision IN ('granted', 'refused')),
  other_text TEXT,
  referral_made INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_by_label TEXT NOT NULL
);
CREATE UNIQUE INDEX watch_list_once ON watch_list (round_id, school_id, pupil_id);
