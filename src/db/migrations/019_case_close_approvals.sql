-- Issue 15: a close that waited for a second coordinator, and that coordinator's decision,
-- kept as a row of its own (the proposal in cases.pending_close is cleared when decided).
-- reason: 'concern_outcome' — the outcome says the child may be abroad against their will
-- or nobody knows where they are, and no referral was sent (always, whatever the settings);
-- 'high_severity' — the setting "second approval" on a high-severity case.
-- The one who proposed can never decide (the service refuses; the CHECK is the backstop).
CREATE TABLE case_close_approvals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (reason IN ('high_severity', 'concern_outcome')),
  outcome TEXT NOT NULL,
  requested_by INTEGER REFERENCES users(id),
  requested_by_label TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
  decided_by INTEGER REFERENCES users(id),
  decided_by_label TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  CHECK (requested_by IS NULL OR decided_by IS NULL OR requested_by <> decided_by)
);
CREATE INDEX case_close_approvals_case ON case_close_approvals (case_id);
