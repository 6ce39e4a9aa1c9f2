-- Retention (gallring, issue 17). Before a round's pupil-level data is deleted, the facts its
-- statistics are computed from are frozen here: ids are renumbered within the round, and
-- there is never a name or personal number. The statistics read this snapshot for the round
-- from then on.
CREATE TABLE round_stats_snapshots (
  round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
  taken_at TEXT NOT NULL,
  facts TEXT NOT NULL,        -- JSON: RoundFacts with pseudonymous pupil and case numbers
  flag_fates TEXT NOT NULL    -- JSON: FlagFate[] of the round, for the rule feedback
);

-- One row per retention run (not dry runs): what was removed, in counts only.
CREATE TABLE retention_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  actor_label TEXT NOT NULL,
  report TEXT NOT NULL        -- JSON: RetentionReport
);

-- One row per backup written by this installation (server or CLI), for /readyz and the admin.
CREATE TABLE backup_log (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  file_name TEXT NOT NULL,
  size_bytes INTEGER NOT NULL
);
