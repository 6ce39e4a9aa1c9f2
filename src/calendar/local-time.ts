/**
 * Instants as a Swedish reader sees them: local time in Europe/Stockholm, "2026-08-18
 * 10:03:00". Stored times are UTC ISO strings; pages and exports (status CSV/xlsx, the
 * audit log CSV) both show them this way, so a download reads like the page it came from.
 * luxon rather than toLocaleString, so the text does not depend on the ICU data Node ships.
 */
import { DateTime } from 'luxon';
import { SCHOOL_TIME_ZONE } from './today';

/**
 * "YYYY-MM-DD HH:mm:ss" in Europe/Stockholm; '' for no time. In the hour the clocks go back
 * (02:00–03:00 on the last Sunday of October) two instants read alike, as on a wall clock.
 * Text that is not an instant comes back as it is: shown raw rather than lost or thrown
 * halfway through a streamed export.
 */
export function formatLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = DateTime.fromISO(iso, { zone: 'utc' });
  if (!t.isValid) return iso;
  return t.setZone(SCHOOL_TIME_ZONE).toFormat('yyyy-MM-dd HH:mm:ss');
}
