-- Schools own their rows: a pupil's name and guardians are kept per school, as that
-- school reported them (its file, its watch list, a pupil it added by hand). One school's
-- upload never renames a pupil at another school. `pupils` keeps only the identity: the
-- personal number and the protected flag. The class stays on the roster row (per round
-- and school), where it already was.

CREATE TABLE school_pupils (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  first_name TEXT,
  last_name TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (school_id, pupil_id)
) WITHOUT ROWID;
CREATE INDEX school_pupils_pupil ON school_pupils (pupil_id);

-- Existing names are kept: every school that has the pupil in any round gets the name
-- stored today (the newest file's).
INSERT INTO school_pupils (school_id, pupil_id, first_name, last_name, updated_at)
SELECT k.school_id, p.id, p.first_name, p.last_name, p.updated_at
  FROM (SELECT school_id, pupil_id FROM roster
        UNION SELECT school_id, pupil_id FROM watch_list
        UNION SELECT school_id, pupil_id FROM followups
        UNION SELECT school_id, pupil_id FROM cases) k
  JOIN pupils p ON p.id = k.pupil_id;

-- Guardians as each school's file gave them. Siblings still link across schools: the
-- rules and the referral look a guardian up in every school's rows.
CREATE TABLE school_guardians (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  guardian_personal_number TEXT NOT NULL,
  PRIMARY KEY (school_id, pupil_id, guardian_personal_number)
) WITHOUT ROWID;
CREATE INDEX school_guardians_guardian ON school_guardians (guardian_personal_number);
CREATE INDEX school_guardians_pupil ON school_guardians (pupil_id);

-- Guardians only ever came from files, so every school whose roster had the pupil gets them.
INSERT INTO school_guardians (school_id, pupil_id, guardian_personal_number)
SELECT DISTINCT r.school_id, g.pupil_id, g.guardian_personal_number
  FROM pupil_guardians g JOIN roster r ON r.pupil_id = g.pupil_id;
-- A guardian of a pupil on no roster (none is expected) is kept under each school that knows the pupil.
INSERT OR IGNORE INTO school_guardians (school_id, pupil_id, guardian_personal_number)
SELECT sp.school_id, g.pupil_id, g.guardian_personal_number
  FROM pupil_guardians g JOIN school_pupils sp ON sp.pupil_id = g.pupil_id
 WHERE NOT EXISTS (SELECT 1 FROM roster r WHERE r.pupil_id = g.pupil_id);

DROP TABLE pupil_guardians;
-- The shared name goes: it was whichever school uploaded last. The columns stay (always
-- null, never written or read) because dropping them makes SQLite re-check migration 009's
-- attendance trigger, whose UPDATE … FROM it cannot re-parse.
UPDATE pupils SET first_name = NULL, last_name = NULL;

-- "Finns i [skola]s fil": an open case's pupil turned up on another school's roster in
-- the same round. Recorded once per case and school, so the timeline event and the
-- notice to the case's school and the coordinators go once; nothing is decided by it.
CREATE TABLE case_sightings (
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  upload_id INTEGER NOT NULL REFERENCES uploads(id),
  seen_at TEXT NOT NULL,
  PRIMARY KEY (case_id, school_id)
) WITHOUT ROWID;
