-- Versioned rule sets and the flags they raise.

-- Each save on the rules page makes a new version; flags keep the version they were made with.
CREATE TABLE rule_sets (
  version INTEGER PRIMARY KEY,
  rules TEXT NOT NULL,               -- JSON: RuleDefinition[]
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  note TEXT
);

-- One row per rule that fired for a pupil at a school in a round. A flag that no longer
-- fires is never deleted: it is kept with cleared_at and the reason.
CREATE TABLE flags (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  school_id INTEGER NOT NULL REFERENCES schools(id),
  rule_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL REFERENCES rule_sets(version),
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  evidence TEXT NOT NULL,            -- JSON: { conditions, evidence }
  explanation TEXT NOT NULL,
  first_flagged_at TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  cleared_at TEXT,
  cleared_reason TEXT
);
CREATE UNIQUE INDEX flags_active ON flags (round_id, pupil_id, school_id, rule_id) WHERE cleared_at IS NULL;
CREATE INDEX flags_round_school ON flags (round_id, school_id);
CREATE INDEX flags_pupil ON flags (pupil_id);
