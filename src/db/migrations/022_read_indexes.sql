-- Issue 19: indexes for the paged reads (review queue, flag list, re-check list, board).
-- tests/integration/query-plans.test.ts runs EXPLAIN QUERY PLAN on those reads and fails
-- if one of them reads a big table row by row, or stops using these.

-- The flag list and the re-check list group a round's active flags per pupil and school
-- and take the worst severity: covering, so the grouping never reads the flag rows.
CREATE INDEX flags_active_pupils ON flags (round_id, pupil_id, school_id, severity) WHERE cleared_at IS NULL;

-- The board counts flagged pupils per school, and the lists filter by school.
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
