/**
 * What the two full-text engines (SQLite FTS5 and PostgreSQL tsvector) share: the search they are
 * asked for, the filters as SQL, and the row each returns per result. Each engine answers a page
 * of results in one query, snippets included, and never interpolates member input into SQL.
 */
import { ROLES } from '../../../models';
import { isStaffRole } from '../../policies';
import type { SearchTerm } from './query';

/** Snippets mark matched words with these private-use characters; the presenter makes them <mark>. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

export type SearchSort = 'relevance' | 'newest' | 'kudos';

export interface SearchCriteria {
  terms: SearchTerm[];
  boardId: number | null;
  authorId: number | null;
  staffOnly: boolean;
  officialOnly: boolean;
  /** Posts written at or after this instant. */
  from: Date | null;
  /** Posts written before this instant. */
  until: Date | null;
  includeHidden: boolean;
}

export interface SearchHitRow {
  post_id: number;
  post_number: number;
  created_at: string | Date;
  is_hidden: number | boolean;
  is_official_answer: number | boolean;
  kudo_count: number | string;
  is_solution: number | boolean;
  thread_solved: number | boolean;
  thread_id: number;
  thread_title: string;
  thread_slug: string;
  board_slug: string;
  board_name: string;
  author_id: number;
  username: string;
  display_name: string;
  role: string;
  rank_title: string | null;
  member_since: string | Date;
  snippet: string | null;
  /** The number of candidates (at most the window), the same on every row. */
  matched: number | string;
}

/**
 * Ranking and sorting read at most this many matches, the newest by post id, so a word found in
 * 50,000 posts costs what one found in 500 does: the cost of a search is bounded by this window,
 * not by how common its words are. Counting stops there too (the search service's COUNT_CAP is
 * one below it): past that a page says "More than 500 results", as large forums do, and the pages
 * offered (MAX_PAGE) end where the window does.
 */
export const CANDIDATE_WINDOW = 501;

export interface SearchPage {
  rows: SearchHitRow[];
  /** How many posts match, counting no further than the window; null when the page is empty. */
  matched: number | null;
}

export interface SearchEngine {
  /** One page of results, best first (or newest first), with snippets, and the matches counted on the way. */
  page(criteria: SearchCriteria, sort: SearchSort, limit: number, offset: number): Promise<SearchPage>;
  /** How many posts match, counting no further than cap. */
  count(criteria: SearchCriteria, cap: number): Promise<number>;
}

export interface FilterSql {
  /** JOINs the filters need beyond posts p (threads t, members m). */
  joins: string;
  /** Conditions to AND together. */
  conditions: string[];
  replacements: Record<string, unknown>;
}

const STAFF_ROLES = ROLES.filter((role) => isStaffRole(role));

/** The filters as SQL on posts p; the same text works on both databases. */
export function filterSql(criteria: SearchCriteria): FilterSql {
  const conditions: string[] = [];
  const replacements: Record<string, unknown> = {};
  const needsThread = criteria.boardId !== null || criteria.officialOnly;
  if (!criteria.includeHidden) {
    // The visibility rule (server/policies/visibility.ts) for searchers who are not staff: no hidden
    // post, nothing of a hidden thread. Hidden threads are few: the subquery is a small index read.
    conditions.push('p.hidden_at IS NULL');
    conditions.push('p.thread_id NOT IN (SELECT h.id FROM threads h WHERE h.hidden_at IS NOT NULL)');
  }
  if (criteria.boardId !== null) {
    conditions.push('t.board_id = :boardId');
    replacements.boardId = criteria.boardId;
  }
  if (criteria.officialOnly) conditions.push('t.official_post_id = p.id');
  if (criteria.authorId !== null) {
    conditions.push('p.author_id = :authorId');
    replacements.authorId = criteria.authorId;
  }
  if (criteria.staffOnly) {
    conditions.push('m.role IN (:staffRoles)');
    replacements.staffRoles = STAFF_ROLES;
  }
  if (criteria.from) {
    conditions.push('p.created_at >= :from');
    replacements.from = criteria.from;
  }
  if (criteria.until) {
    conditions.push('p.created_at < :until');
    replacements.until = criteria.until;
  }
  const joins = [
    needsThread ? 'JOIN threads t ON t.id = p.thread_id' : '',
    criteria.staffOnly ? 'JOIN members m ON m.id = p.author_id' : '',
  ].join(' ');
  return { joins, conditions, replacements };
}

/** The columns of a result, read from posts p, threads t, boards b and members m. */
export const HIT_COLUMNS = `
  p.id AS post_id, p.number AS post_number, p.created_at,
  CASE WHEN p.hidden_at IS NULL THEN 0 ELSE 1 END AS is_hidden,
  CASE WHEN t.official_post_id = p.id THEN 1 ELSE 0 END AS is_official_answer,
  p.kudo_count, CASE WHEN t.solution_post_id = p.id THEN 1 ELSE 0 END AS is_solution,
  CASE WHEN t.solution_post_id IS NULL THEN 0 ELSE 1 END AS thread_solved,
  t.id AS thread_id, t.title AS thread_title, t.slug AS thread_slug, b.slug AS board_slug, b.name AS board_name,
  m.id AS author_id, m.username, m.display_name, m.role, m.rank_title, m.member_since`;

/** The page's rows and the count of candidates they carry. */
export function searchPageOf(rows: SearchHitRow[]): SearchPage {
  return { rows, matched: rows.length > 0 ? Number(rows[0].matched) : null };
}

export const HIT_JOINS = `
  JOIN threads t ON t.id = p.thread_id
  JOIN boards b ON b.id = t.board_id
  JOIN members m ON m.id = p.author_id`;
