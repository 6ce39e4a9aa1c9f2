-- Attendance stored as one row per pupil, school and round instead of one row per pupil
-- and day: an import of 100,000 pupils writes 100,000 rows, not a million, and the rules
-- read those rows as they are (see docs/benchmarks.md, Import).
--
-- codes holds one letter per calendar day from first_date: p present, v valid absence,
-- x unexplained, u unknown, n not reported (the file says so), '-' no row for that day
-- (a weekend, or a day the file does not have: not reported either, never present).
-- source_rows is a JSON array holding, for each letter, the spreadsheet row it came from
-- (0 where the letter is '-').
CREATE TABLE pupil_attendance (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  pupil_id INTEGER NOT NULL REFERENCES pupils(id),
  first_date TEXT NOT NULL,
  codes TEXT NOT NULL CHECK (codes NOT GLOB '*[^pvxun-]*'),
  source_rows TEXT NOT NULL,
  PRIMARY KEY (round_id, school_id, pupil_id)
) WITHOUT ROWID;

-- Existing days move over: each pupil's letters from their first stored date.
CREATE TEMP TABLE day_offsets (n INTEGER PRIMARY KEY);
WITH RECURSIVE o(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM o WHERE n < 999)
INSERT INTO temp.day_offsets SELECT n FROM o;

INSERT INTO pupil_attendance (round_id, school_id, pupil_id, first_date, codes, source_rows)
SELECT g.round_id, g.school_id, g.pupil_id, g.first_date,
       group_concat(CASE x.status WHEN 'present' THEN 'p' WHEN 'valid' THEN 'v' WHEN 'unexplained' THEN 'x'
                                  WHEN 'unknown' THEN 'u' WHEN 'not_reported' THEN 'n' ELSE '-' END, '' ORDER BY o.n),
       json_group_array(coalesce(x.source_row, 0) ORDER BY o.n)
  FROM (SELECT round_id, school_id, pupil_id, min(date) AS first_date,
               CAST(round(julianday(max(date)) - julianday(min(date))) AS INTEGER) AS span
          FROM attendance GROUP BY round_id, school_id, pupil_id) g
  JOIN temp.day_offsets o ON o.n <= g.span
  LEFT JOIN attendance x ON x.round_id = g.round_id AND x.school_id = g.school_id AND x.pupil_id = g.pupil_id
   AND x.date = date(g.first_date, '+' || o.n || ' days')
 GROUP BY g.round_id, g.school_id, g.pupil_id;

DROP TABLE temp.day_offsets;
DROP TABLE attendance;

-- The days one row each, as before, for reading (reports, checks, tests). The import and
-- the rules use pupil_attendance directly.
CREATE VIEW attendance (round_id, school_id, pupil_id, date, status, source_row) AS
SELECT a.round_id, a.school_id, a.pupil_id, date(a.first_date, '+' || j.key || ' days'),
       CASE substr(a.codes, j.key + 1, 1) WHEN 'p' THEN 'present' WHEN 'v' THEN 'valid' WHEN 'x' THEN 'unexplained'
                                          WHEN 'u' THEN 'unknown' ELSE 'not_reported' END,
       j.value
  FROM pupil_attendance a, json_each(a.source_rows) j
 WHERE substr(a.codes, j.key + 1, 1) <> '-';

-- Writing one day through the view still works (seeding scripts, tests): it lands in the
-- pupil's row, which grows at either end as needed. Same checks as the old table had.
CREATE TRIGGER attendance_insert INSTEAD OF INSERT ON attendance
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: attendance.status')
   WHERE NEW.status IS NULL OR NEW.status NOT IN ('present', 'valid', 'unexplained', 'unknown', 'not_reported');
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: attendance.date or attendance.source_row')
   WHERE NEW.date IS NULL OR date(NEW.date) IS NOT NEW.date OR NEW.source_row IS NULL;
  INSERT INTO pupil_attendance (round_id, school_id, pupil_id, first_date, codes, source_rows)
  VALUES (NEW.round_id, NEW.school_id, NEW.pupil_id, NEW.date, '', '[]')
  ON CONFLICT DO NOTHING;
  -- An earlier day than the row starts with: prepend empty days.
  UPDATE pupil_attendance AS a
     SET first_date = NEW.date,
         codes = replace(hex(zeroblob(s.k)), '00', '-') || a.codes,
         source_rows = '[' || substr(replace(hex(zeroblob(s.k)), '00', '0,'), 1, 2 * s.k - 1)
                       || CASE WHEN a.source_rows = '[]' THEN ']' ELSE ',' || substr(a.source_rows, 2) END
    FROM (SELECT CAST(round(julianday(first_date) - julianday(NEW.date)) AS INTEGER) AS k FROM pupil_attendance
           WHERE round_id = NEW.round_id AND school_id = NEW.school_id AND pupil_id = NEW.pupil_id) s
   WHERE a.round_id = NEW.round_id AND a.school_id = NEW.school_id AND a.pupil_id = NEW.pupil_id AND s.k > 0;
  -- A later day than the row reaches: append empty days up to it.
  UPDATE pupil_attendance AS a
     SET codes = a.codes || replace(hex(zeroblob(s.n)), '00', '-'),
         source_rows = CASE WHEN a.source_rows = '[]' THEN '[' ELSE substr(a.source_rows, 1, length(a.source_rows) - 1) || ',' END
                       || substr(replace(hex(zeroblob(s.n)), '00', '0,'), 1, 2 * s.n - 1) || ']'
    FROM (SELECT CAST(round(julianday(NEW.date) - julianday(first_date)) AS INTEGER) + 1 - length(codes) AS n FROM pupil_attendance
           WHERE round_id = NEW.round_id AND school_id = NEW.school_id AND pupil_id = NEW.pupil_id) s
   WHERE a.round_id = NEW.round_id AND a.school_id = NEW.school_id AND a.pupil_id = NEW.pupil_id AND s.n > 0;
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: attendance.round_id, attendance.school_id, attendance.pupil_id, attendance.date')
    FROM pupil_attendance
   WHERE round_id = NEW.round_id AND school_id = NEW.school_id AND pupil_id = NEW.pupil_id
     AND substr(codes, CAST(round(julianday(NEW.date) - julianday(first_date)) AS INTEGER) + 1, 1) <> '-';
  UPDATE pupil_attendance AS a
     SET codes = substr(a.codes, 1, s.k)
                 || CASE NEW.status WHEN 'present' THEN 'p' WHEN 'valid' THEN 'v' WHEN 'unexplained' THEN 'x' WHEN 'unknown' THEN 'u' ELSE 'n' END
                 || substr(a.codes, s.k + 2),
         source_rows = json_set(a.source_rows, '$[' || s.k || ']', NEW.source_row)
    FROM (SELECT CAST(round(julianday(NEW.date) - julianday(first_date)) AS INTEGER) AS k FROM pupil_attendance
           WHERE round_id = NEW.round_id AND school_id = NEW.school_id AND pupil_id = NEW.pupil_id) s
   WHERE a.round_id = NEW.round_id AND a.school_id = NEW.school_id AND a.pupil_id = NEW.pupil_id;
END;

-- Deleting days through the view empties them; a row left with no day goes.
CREATE TRIGGER attendance_delete INSTEAD OF DELETE ON attendance
BEGIN
  UPDATE pupil_attendance AS a
     SET codes = substr(a.codes, 1, s.k) || '-' || substr(a.codes, s.k + 2),
         source_rows = json_set(a.source_rows, '$[' || s.k || ']', 0)
    FROM (SELECT CAST(round(julianday(OLD.date) - julianday(first_date)) AS INTEGER) AS k FROM pupil_attendance
           WHERE round_id = OLD.round_id AND school_id = OLD.school_id AND pupil_id = OLD.pupil_id) s
   WHERE a.round_id = OLD.round_id AND a.school_id = OLD.school_id AND a.pupil_id = OLD.pupil_id;
  DELETE FROM pupil_attendance
   WHERE round_id = OLD.round_id AND school_id = OLD.school_id AND pupil_id = OLD.pupil_id AND codes NOT GLOB '*[^-]*';
END;
