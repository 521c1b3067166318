export type { BankHoliday } from './england-bank-holidays.js';
export { englandAndWalesBankHolidays, englandAndWalesCoveredYears } from './england-bank-holidays.js';
export type { DayOfWeek, InvalidLocalDate, LocalDate } from './local-date.js';
export {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  beyondTheCalendar,
  compareLocalDate,
  dayOfWeek,
  daysBetween,
  firstLocalDate,
  fromPlainDate,
  isAfter,
  isBefore,
  isLocalDate,
  LocalDateC,
  lastLocalDate,
  localDateOf,
  maxDate,
  minDate,
  parseLocalDate,
  toPlainDate,
  tryAddDays,
  tryAddMonths,
  tryAddWeeks,
  tryAddYears,
  unsafeLocalDate,
} from './local-date.js';
export type {
  CalendarExtension,
  CalendarNotCovered,
  CoveredYears,
  WorkingDayCalendar,
  WorkingDayCalendarSpec,
} from './working-day-calendar.js';
export { englandWorkingDayCalendar, makeWorkingDayCalendar } from './working-day-calendar.js';
