-- The review queue's filters: re-check dates ("due today") and the assignee.
CREATE INDEX cases_recheck ON cases (recheck_date) WHERE recheck_date IS NOT NULL;
CREATE INDEX cases_assignee ON cases (assigned_to, state);
