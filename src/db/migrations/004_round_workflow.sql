-- Round workflow: opening and closing, every e-mail sent, and schools' confirmed reports.

ALTER TABLE rounds ADD COLUMN opened_at TEXT;

-- Every e-mail Saknad sends about a round: to whom, when, which step. A reminder step is
-- sent at most once per school and recipient (unique index).
CREATE TABLE mail_log (
  id INTEGER PRIMARY KEY,
  sent_at TEXT NOT NULL,
  to_address TEXT NOT NULL,
  template TEXT NOT NULL,
  step TEXT NOT NULL,
  round_id INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER REFERENCES schools(id)
);
CREATE UNIQUE INDEX mail_log_once ON mail_log (round_id, ifnull(school_id, 0), to_address, step);

-- A school's confirmed report for a round; nil_report when nothing was flagged.
CREATE TABLE school_reports (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  confirmed_at TEXT NOT NULL,
  confirmed_by INTEGER REFERENCES users(id),
  confirmed_by_label TEXT NOT NULL,
  statement TEXT NOT NULL,
  nil_report INTEGER NOT NULL DEFAULT 0,
  flagged_pupils INTEGER NOT NULL,
  PRIMARY KEY (round_id, school_id)
) WITHOUT ROWID;
