/**
 * What a staff member promised: a window from now ("24-48 hours", "72 hours", "2-3 days", "1-2 weeks") or a
 * date. Stored as the words shown to members and a due time (the window's upper bound).
 */
import { ValidationError } from '../errors';
import { formatDateTime, formatDay } from '../presenters/format';

export interface PromisedTime {
  promisedWindow: string | null;
  dueAt: Date | null;
}

const HOUR_MS = 3_600_000;
const WINDOW = /^(?:within\s+)?(\d{1,3})(?:\s*(?:-|–|to)\s*(\d{1,3}))?\s*(hours?|hrs?|h|days?|d|weeks?|wks?|w)$/i;
const UNIT_HOURS: Record<string, number> = { h: 1, d: 24, w: 24 * 7 };
const UNIT_WORDS: Record<number, string> = { 1: 'hours', 24: 'days', 168: 'weeks' };
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MAX_HOURS = 24 * 90;

function parseWindow(text: string, now: Date): PromisedTime {
  const match = WINDOW.exec(text.trim());
  if (!match) {
    throw new ValidationError({ window: 'Write the window like "24-48 hours", "72 hours", "2-3 days" or "1-2 weeks".' });
  }
  const low = Number(match[1]);
  const high = match[2] ? Number(match[2]) : low;
  const unitHours = UNIT_HOURS[match[3].toLowerCase()[0]];
  if (high < low || high === 0 || high * unitHours > MAX_HOURS) {
    throw new ValidationError({ window: 'That window does not make sense: use a range such as 24-48 hours, within 90 days.' });
  }
  const unit = UNIT_WORDS[unitHours];
  const words = match[2] ? `${low}-${high} ${unit}` : `${high} ${unit}`;
  return { promisedWindow: words, dueAt: new Date(now.getTime() + high * unitHours * HOUR_MS) };
}

function parseDue(text: string, now: Date): PromisedTime {
  const dateTime = DATE_TIME.exec(text) ?? null;
  const dateOnly = DATE_ONLY.exec(text) ?? null;
  let dueAt: Date | null = null;
  if (dateTime) {
    const [, y, m, d, hh, mm] = dateTime.map(Number);
    dueAt = new Date(Date.UTC(y, m - 1, d, hh, mm));
  } else if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number);
    // A date means "by the end of that day" (UTC).
    dueAt = new Date(Date.UTC(y, m - 1, d, 23, 59));
  }
  if (!dueAt || Number.isNaN(dueAt.getTime())) throw new ValidationError({ due: 'Give the date as YYYY-MM-DD.' });
  if (dueAt.getTime() <= now.getTime()) throw new ValidationError({ due: 'That date has already passed.' });
  return { promisedWindow: dateTime ? `by ${formatDateTime(dueAt)}` : `by ${formatDay(dueAt)}`, dueAt };
}

/** Parses the promise fields of the ETA form; both empty means a note without a promised time. */
export function parsePromise(input: { window?: string | null; due?: string | null }, now: Date): PromisedTime {
  const window = input.window?.trim() ?? '';
  const due = input.due?.trim() ?? '';
  if (window && due) throw new ValidationError({ window: 'Give a window or a date, not both.' });
  if (window) return parseWindow(window, now);
  if (due) return parseDue(due, now);
  return { promisedWindow: null, dueAt: null };
}
