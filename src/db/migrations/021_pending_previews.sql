-- Post/Redirect/Get for the web upload (issue 15): an uploaded file waits here, under a
-- random id, between the upload and its confirmation, and the preview is shown by GET
-- /omgangar/:id/skolor/:code/inlasning/:previewId. Only the user who uploaded sees it.
-- state: queued (waiting in the import queue), reading, ready (result holds the preview),
-- failed (message says why), committing, committed (upload_id). Rows and their files are
-- removed on discard, after a commit's page is shown, and at the latest after 24 hours.
CREATE TABLE pending_previews (
  id TEXT PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tmp_file TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sheet TEXT,
  mapping TEXT,
  status_words TEXT,
  state TEXT NOT NULL CHECK (state IN ('queued', 'reading', 'ready', 'failed', 'committing', 'committed')),
  result TEXT,
  message TEXT,
  upload_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX pending_previews_created ON pending_previews (created_at);
