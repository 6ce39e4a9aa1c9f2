/** School calendar: which dates are school days, and the round's observation window. */
export { addDays, daysBetween, formatIsoDate, isValidDateParts, parseIsoDate, requireIsoDate, weekdayOf } from './iso-date';
export type { DateParts } from './iso-date';
export { holidayName, isHoliday, NON_SCHOOL_HOLIDAY_TYPES } from './holidays';
export { isSchoolDay, nonSchoolReason, observedDays, schoolDaysFrom } from './school-days';
export type { NonSchoolReason } from './school-days';
export {
  formatSwedishDate,
  formatSwedishDay,
  formatSwedishDayList,
  formatSwedishNumber,
  formatSwedishPeriod,
  nonSchoolDayWarning,
  swedishList,
  SWEDISH_MONTHS,
  SWEDISH_WEEKDAYS,
} from './swedish-format';
export { SCHOOL_TIME_ZONE, todayInStockholm } from './today';
export { formatLocalDateTime } from './local-time';
