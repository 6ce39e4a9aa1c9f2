-- Cases (one per pupil and round), their timeline, social services units and referrals.

-- The municipal register of social services units that receive referrals.
CREATE TABLE social_units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,               -- the unit's functional inbox: told that a referral waits
  on_call_phone TEXT NOT NULL,       -- socialjouren, shown with the emergency steps
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- Which units a social services user works for: they see only referrals sent there.
CREATE TABLE user_units (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES social_units(id),
  PRIMARY KEY (user_id, unit_id)
) WITHOUT ROWID;

-- A case per pupil and round: raised by a flag, a watch-list entry or a pupil added by hand.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  school_id INTEGER NOT NULL REFERENCES schools(id),
  origin TEXT NOT NULL CHECK (origin IN ('flag', 'watch_list', 'manual')),
  watch_listed INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'investigating', 'referred', 'acknowledged', 'closed')),
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  rules TEXT NOT NULL DEFAULT '[]',  -- JSON: ids of the rules that fire now
  assigned_to INTEGER REFERENCES users(id),
  recheck_date TEXT,                 -- YYYY-MM-DD
  transferred_to_school_id INTEGER REFERENCES schools(id),
  located_at TEXT,                   -- when the pupil's whereabouts became known
  outcome TEXT CHECK (outcome IN ('returned', 'returning_known_date', 'new_school_sweden', 'settled_abroad',
    'abroad_without_leave', 'left_after_asylum_rejection', 'in_sweden_not_attending', 'whereabouts_unknown',
    'suspected_taken_abroad')),
  outcome_comment TEXT,
  no_referral_reason TEXT,
  pending_close TEXT,                -- JSON: a close waiting for a second coordinator
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  UNIQUE (round_id, pupil_id)
);
CREATE INDEX cases_state ON cases (state, round_id);
CREATE INDEX cases_school ON cases (round_id, school_id);

-- The timeline: every change is an event (who, when, what, from → to). Append-only.
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  actor_label TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  text TEXT,
  details TEXT                       -- JSON
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

-- A report of concern (orosanmälan). Content is every field of the form as JSON; once
-- sent it is frozen (the trigger refuses changes to it).
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES social_units(id),
  urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'acute')),
  content TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'sent', 'acknowledged')),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_by_label TEXT NOT NULL,
  sent_at TEXT,
  sent_by INTEGER REFERENCES users(id),
  sent_by_label TEXT,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES users(id),
  acknowledged_by_label TEXT,
  reference TEXT,                    -- social services' diarienummer
  reminded_at TEXT
);
CREATE INDEX referrals_unit ON referrals (unit_id, state);
CREATE INDEX referrals_case ON referrals (case_id);
CREATE UNIQUE INDEX referrals_one_draft ON referrals (case_id) WHERE state = 'draft';
CREATE TRIGGER referrals_frozen BEFORE UPDATE OF content, urgency, unit_id, case_id ON referrals
WHEN OLD.state <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a sent referral cannot be changed'); END;
