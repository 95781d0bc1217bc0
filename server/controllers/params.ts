/** Turns route and query parameters into clean typed values, or a 404 when they cannot name anything. */
import { BadRequestError, NotFoundError } from '../errors';

const POSITIVE_INTEGER = /^[1-9][0-9]{0,9}$/;

/** A path id or number such as "12"; anything else names no page. */
export function parsePathNumber(value: unknown): number {
  if (typeof value !== 'string' || !POSITIVE_INTEGER.test(value)) throw new NotFoundError();
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new NotFoundError();
  return number;
}

/** A keyset cursor such as ?before=12: absent means the start; anything else that is not a number is a 400. */
export function parseCursorQuery(value: unknown): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !POSITIVE_INTEGER.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new BadRequestError('The "before" cursor must be a version number.');
  }
  return Number(value);
}

/** ?page=N; absent means the first page, anything that is not a page number is a 404. */
export function parsePageQuery(value: unknown): number {
  if (value === undefined || value === '') return 1;
  return parsePathNumber(value);
}

const THREAD_CURSOR = /^([0-9]{1,15})-([1-9][0-9]{0,9})$/;

/** A board's keyset cursor, "<activity time in ms>-<thread id>" (presenters/urls boardPlaceUrl); absent is null, malformed a 400. */
export function parseThreadCursor(value: unknown, name: string): { at: Date; id: number } | null {
  if (value === undefined) return null;
  const match = typeof value === 'string' ? THREAD_CURSOR.exec(value) : null;
  const at = match ? new Date(Number(match[1])) : null;
  if (!match || !at || Number.isNaN(at.getTime())) {
    throw new BadRequestError(`The "${name}" cursor must look like 1733150000000-42 (a time and a thread id).`);
  }
  return { at, id: Number(match[2]) };
}
