-- What a round's last evaluation was computed under (issue 19), so that the evaluation
-- after an upload can read only what may have changed: the rosters of schools with an
-- upload newer than `upload_id`, and every pupil flagged now (a pupil the engine did not
-- flag then, whose data and records did not change since, is not flagged now either).
-- `basis` holds the rule set version, the day ("today") and the window the evaluation
-- used; when any of them differs, or the row is missing, the whole round is read. The row
-- is removed whenever the round is marked for evaluation after a follow-up, watch-list or
-- feed change (RulesRepository.markEvaluationPending), so such a change is always
-- followed by a whole-round evaluation.
CREATE TABLE round_evaluation_basis (
  round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
  basis TEXT NOT NULL,
  -- The round's newest upload when the evaluation ran (0: none).
  upload_id INTEGER NOT NULL
);
