/**
 * Times as the badge pages say them: "between 27 Nov 10:00 and 28 Nov 10:00 UTC, in 20 hours".
 * Always UTC, so every reader sees the same words; the year only when it is not the reference's.
 * Pure: the reference time is passed in, never read from the clock.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface ExpectedWindow {
  startsAt: Date;
  endsAt: Date;
}

/** -> "27 Nov" (or "27 Nov 2027" outside the reference's year). */
export function shortDay(date: Date, reference: Date): string {
  const year = date.getUTCFullYear() === reference.getUTCFullYear() ? '' : ` ${date.getUTCFullYear()}`;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}${year}`;
}

/** -> "27 Nov 10:00". */
export function shortDateTime(date: Date, reference: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${shortDay(date, reference)} ${hh}:${mm}`;
}

/** A duration in the largest unit that reads naturally: "45 minutes", "20 hours", "3 days". */
export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** "between 27 Nov 10:00 and 28 Nov 10:00 UTC": the absolute window, as a citation keeps it. */
export function windowRange(window: ExpectedWindow, reference: Date): string {
  return `between ${shortDateTime(window.startsAt, reference)} and ${shortDateTime(window.endsAt, reference)} UTC`;
}

/**
 * The window and where now stands in it: "…, in 20 hours" before it opens, "…, within 3 hours"
 * while it is open, "…, 5 hours ago" once it has closed.
 */
export function windowText(window: ExpectedWindow, now: Date): string {
  const range = windowRange(window, now);
  const t = now.getTime();
  if (t < window.startsAt.getTime()) return `${range}, in ${duration(window.startsAt.getTime() - t)}`;
  if (t < window.endsAt.getTime()) return `${range}, within ${duration(window.endsAt.getTime() - t)}`;
  return `${range}, ${duration(t - window.endsAt.getTime())} ago`;
}

/** The window that opens min hours and closes max hours after the given time. */
export function windowAfter(completedAt: Date, bounds: { minHours: number; maxHours: number }): ExpectedWindow {
  return {
    startsAt: new Date(completedAt.getTime() + bounds.minHours * HOUR_MS),
    endsAt: new Date(completedAt.getTime() + bounds.maxHours * HOUR_MS),
  };
}
