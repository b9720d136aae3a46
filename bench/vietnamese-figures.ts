/** Writes a whole number the Vietnamese way, with dots between thousands: 2883 → "2.883". */
export function formatInteger(value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return value < 0 ? `-${grouped}` : grouped;
}

/** Writes a decimal the Vietnamese way, with a comma before the decimals and no trailing zeros: 21.31 → "21,31". */
export function formatDecimal(value: number, digits: number): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const text = trimmed ? `${formatInteger(Number(whole))},${trimmed}` : formatInteger(Number(whole));
  return value < 0 ? `-${text}` : text;
}

/** A calendar day without time zone trouble. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** "15/8" as Vietnamese news writes a day of the current year. */
export function formatDayMonth(date: CalendarDay): string {
  return `${date.day}/${date.month}`;
}

/** "15/8/2025". */
export function formatFullDate(date: CalendarDay): string {
  return `${date.day}/${date.month}/${date.year}`;
}

/** "2025-08-15", the front matter's `published` form. */
export function isoDate(date: CalendarDay): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The day `days` after `date` (negative goes back). */
export function addDays(date: CalendarDay, days: number): CalendarDay {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}
