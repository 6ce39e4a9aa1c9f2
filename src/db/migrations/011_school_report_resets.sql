-- A school's confirmation means "we have read what is stored now". It is undone when the
-- school's upload or its set of active flags changes (see RulesService.evaluateRound and
-- SchoolReportService.resetStale): the school_reports row is removed and the reset is
-- kept here, with when and why, for the board's hint and the school's round page.
--
-- upload_id: the upload the school confirmed; a later upload undoes the confirmation.
ALTER TABLE school_reports ADD COLUMN upload_id INTEGER REFERENCES uploads(id);
UPDATE school_reports SET upload_id = (
  SELECT u.id FROM uploads u
   WHERE u.round_id = school_reports.round_id AND u.school_id = school_reports.school_id AND u.superseded_by IS NULL);

-- The latest reset of a school's confirmation in a round, until it confirms again.
-- reason: 'upload' (a new file was read), 'flags' (the school's flags changed),
-- 'nil_with_flags' (a nil report while pupils were flagged: found by this migration).
CREATE TABLE school_report_resets (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  reset_at TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('upload', 'flags', 'nil_with_flags')),
  confirmed_at TEXT NOT NULL,
  nil_report INTEGER NOT NULL,
  PRIMARY KEY (round_id, school_id)
) WITHOUT ROWID;

-- Confirmations already false when this ships: a nil report while the school has active
-- flags, or a confirmation older than the school's current upload.
INSERT INTO school_report_resets (round_id, school_id, reset_at, reason, confirmed_at, nil_report)
SELECT r.round_id, r.school_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       CASE WHEN r.nil_report = 1 AND EXISTS (SELECT 1 FROM flags f WHERE f.round_id = r.round_id AND f.school_id = r.school_id AND f.cleared_at IS NULL)
            THEN 'nil_with_flags' ELSE 'upload' END,
       r.confirmed_at, r.nil_report
  FROM school_reports r
 WHERE (r.nil_report = 1 AND EXISTS (SELECT 1 FROM flags f WHERE f.round_id = r.round_id AND f.school_id = r.school_id AND f.cleared_at IS NULL))
    OR EXISTS (SELECT 1 FROM uploads u WHERE u.id = r.upload_id AND u.uploaded_at > r.confirmed_at);
DELETE FROM school_reports
 WHERE EXISTS (SELECT 1 FROM school_report_resets x WHERE x.round_id = school_reports.round_id AND x.school_id = school_reports.school_id);
