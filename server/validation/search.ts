/**
 * What the search page accepts in its query string. Nothing here is an error: a repeated
 * parameter counts once (its first value), a value that means nothing is left out, and a date
 * that is not a date is left out with a notice saying so.
 */
import { MAX_PAGE } from '../services/search';
import type { SearchSort } from '../services/search';

export interface SearchParams {
  q: string;
  board: string | null;
  author: string | null;
  staff: boolean;
  official: boolean;
  /** 'YYYY-MM-DD'; from is never after to. */
  from: string | null;
  to: string | null;
  sort: SearchSort;
  page: number;
  exact: boolean;
}

const BOARD_SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PAGE = /^[1-9][0-9]{0,5}$/;
// The query text is read as typed, but a page never needs more than this of it.
const MAX_TEXT_LENGTH = 2_000;

/** The first value of a parameter given once or many times; '' when absent or not text. */
function firstValue(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** A real calendar day such as 2026-11-24 (not 2026-02-30), or null. */
export function parseDay(text: string): string | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = year >= 1970 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? text : null;
}

/** A rejected value as a notice quotes it: printable and short. */
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return printable.length > 24 ? `${printable.slice(0, 24)}…` : printable;
}

function dayParam(raw: string, label: string, notices: string[]): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const day = parseDay(text);
  if (!day) notices.push(`“${shown(text)}” is not a date like 2026-11-24, so the ${label} date was left out.`);
  return day;
}

/** A value that must look like a slug or username; anything else is left out with a notice. */
function nameParam(raw: string, pattern: RegExp, notice: (value: string) => string, notices: string[]): string | null {
  const text = raw.trim();
  if (text === '') return null;
  if (pattern.test(text)) return text;
  notices.push(notice(shown(text)));
  return null;
}

export function parseSearchParams(query: Record<string, unknown>): { params: SearchParams; notices: string[] } {
  const notices: string[] = [];
  const board = nameParam(firstValue(query.board), BOARD_SLUG, (value) => `There is no board “${value}”, so every board was searched.`, notices);
  const author = nameParam(firstValue(query.author).replace(/^\s*@/, ''), USERNAME, (value) => `No member is called “${value}”, so posts by everyone were searched.`, notices);
  let from = dayParam(firstValue(query.from), '“from”', notices);
  let to = dayParam(firstValue(query.to), '“to”', notices);
  if (from && to && from > to) [from, to] = [to, from];
  const page = firstValue(query.page);
  return {
    params: {
      q: firstValue(query.q).slice(0, MAX_TEXT_LENGTH),
      board,
      author,
      staff: firstValue(query.staff) === '1',
      official: firstValue(query.official) === '1',
      from,
      to,
      sort: firstValue(query.sort) === 'newest' ? 'newest' : firstValue(query.sort) === 'kudos' ? 'kudos' : 'relevance',
      page: PAGE.test(page) ? Math.min(Number(page), MAX_PAGE) : 1,
      exact: firstValue(query.exact) === '1',
    },
    notices,
  };
}
