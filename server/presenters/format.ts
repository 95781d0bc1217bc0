/** Dates as members read them. Times are shown in UTC so every reader sees the same words. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date as 'YYYY-MM-DD', whether the driver returned a string or a Date. */
export function toDateOnly(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' (or a Date) -> 'Apr 7, 2015'. */
export function formatDay(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(`${toDateOnly(value)}T00:00:00Z`) : value;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** -> 'Nov 24, 2026, 10:02 UTC'. */
export function formatDateTime(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${formatDay(date)}, ${hh}:${mm} UTC`;
}
