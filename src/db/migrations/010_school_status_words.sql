-- A school's own status words, chosen on the import preview (or with the CLI's --status)
-- for words no rule understood: a JSON object word → status (present, valid, unexplained,
-- unknown, not_reported), used in every later import of the school and shown in its preview.
-- Kept beside the school's column mapping; '{}' in mapping means no saved columns.
ALTER TABLE import_profiles ADD COLUMN status_words TEXT NOT NULL DEFAULT '{}';
