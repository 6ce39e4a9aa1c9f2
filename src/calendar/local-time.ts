/**
 * Instants as a Swedish reader sees them: local time in Europe/Stockholm, "2026-08-18
 * 10:03:00". Stored times are UTC ISO strings; pages and exports (status CSV/xlsx, the
 * audit log CSV) both show them this way, so a download reads like the page it came from.
 * luxon rather than toLocaleString, so the text does not depend on the ICU data Node ships.
 */
import { DateTime } from 'luxon';
import { SCHOOL_TIME_ZONE } from './today';

const SEEN = new Map<string, string>();
const SEEN_MAX = 10_000;
const STORED_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/**
 * "YYYY-MM-DD HH:mm:ss" in Europe/Stockholm; '' for no time. In the hour the clocks go back
 * (02:00–03:00 on the last Sunday of October) two instants read alike, as on a wall clock.
 * Text that is not an instant comes back as it is: shown raw rather than lost or thrown
 * halfway through a streamed export.
 */
export function formatLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  // A stored instant (toISOString) is read by Date.parse: a quarter of the time of luxon's
  // ISO parser, which pages with a line per school or log entry paid dozens of times.
  if (STORED_INSTANT.test(iso)) {
    // Pages show the same instants again and again (each school's upload time on every
    // round page), and luxon works the zone's offset out anew each time: remembered.
    let text = SEEN.get(iso);
    if (text === undefined) {
      if (SEEN.size >= SEEN_MAX) SEEN.clear();
      text = DateTime.fromMillis(Date.parse(iso), { zone: SCHOOL_TIME_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss');
      SEEN.set(iso, text);
    }
    return text;
  }
  const t = DateTime.fromISO(iso, { zone: 'utc' });
  if (!t.isValid) return iso;
  return t.setZone(SCHOOL_TIME_ZONE).toFormat('yyyy-MM-dd HH:mm:ss');
}
