-- Issue 19: indexes for the paged reads (review queue, flag list, re-check list, board).
-- tests/integration/query-plans.test.ts runs EXPLAIN QUERY PLAN on those reads and fails
-- if one of them reads a big table row by row, or stops using these.

-- The flag list and the re-check list in their order (worst severity first, then school and
-- pupil), so a page is read in order and stops after its rows. The CASE must stay the
-- expression severityRankSql writes (src/shared/severity.ts), as in the queue's below.
CREATE INDEX flags_active_order ON flags (
  round_id,
  (CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) DESC,
  school_id,
  pupil_id
) WHERE cleared_at IS NULL;

-- Counting a round's flagged pupils (in all, per school on the board, and a pupil's worst
-- flag) from the index alone.
CREATE INDEX flags_active_school ON flags (round_id, school_id, pupil_id) WHERE cleared_at IS NULL;

-- The review queue's order (watch-listed first, then severity, then oldest) for open cases,
-- all rounds and per round, so a page is read in order and stops after its rows instead of
-- sorting every open case. The CASE must stay the expression severityRankSql('c.severity')
-- writes (src/shared/severity.ts); the query-plan test fails if the two drift apart.
CREATE INDEX cases_queue_open ON cases (
  watch_listed DESC,
  (CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) DESC,
  created_at,
  id
) WHERE state <> 'closed';
CREATE INDEX cases_queue_round ON cases (
  round_id,
  watch_listed DESC,
  (CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) DESC,
  created_at,
  id
) WHERE state <> 'closed';
