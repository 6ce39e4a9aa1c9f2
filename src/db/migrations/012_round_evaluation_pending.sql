-- A round whose stored attendance changed and whose flags and cases have not yet been
-- recomputed from it. The mark is written in the same transaction as the upload it comes
-- from and removed in the transaction that stores the new flags and cases; a process
-- killed in between leaves the mark, and the next start (server or CLI) evaluates the
-- round before anything reads it. While it stands, a school's report cannot be confirmed.
CREATE TABLE round_evaluation_pending (
  round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
  since TEXT NOT NULL,
  -- The upload that set the mark last (for the operator reading the table).
  upload_id INTEGER REFERENCES uploads(id)
);
