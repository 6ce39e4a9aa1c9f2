-- Summary files in minutes (issue 12): per pupil the window's scheduled, attended, valid
-- and unexplained absence minutes. Null for daily and matrix files and for summaries in
-- days; valid and unexplained are also null when the file has no such column. The rules
-- derive day counts from them (docs/rules.md); percent columns are only a cross-check
-- at import and are not stored.
ALTER TABLE roster ADD COLUMN scheduled_minutes INTEGER;
ALTER TABLE roster ADD COLUMN attended_minutes INTEGER;
ALTER TABLE roster ADD COLUMN valid_absence_minutes INTEGER;
ALTER TABLE roster ADD COLUMN unexplained_absence_minutes INTEGER;
