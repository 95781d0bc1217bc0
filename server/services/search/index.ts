/**
 * Searching the forum: filters resolved to ids, one query for a page of results (and a capped
 * count), and spelling: a query with no results is retried with its correction ("Showing results
 * for"), a query with results may get a suggestion ("Did you mean").
 */
import type { Database } from '../../db';
import type { Member } from '../../../models';
import type { ProfileSubject } from '../../policies';
import { listBoardChoices } from '../boards';
import { AUTHOR_ATTRIBUTES, usernameKey } from '../members';
import { cjkQueryOf } from './cjk';
import { cjkSearchEngine } from './cjkEngine';
import { CANDIDATE_WINDOW, SearchCriteria, SearchEngine, SearchHitRow, SearchSort } from './engine';
import { ParsedQuery, parseSearchQuery, queryWords, replaceWords, SearchTerm } from './query';
import { postgresSearchEngine } from './postgres';
import { suggestCorrections } from './spelling';
import { sqliteSearchEngine } from './sqlite';
import { databaseVocabulary } from './vocabulary';

export { HIGHLIGHT_END, HIGHLIGHT_START } from './engine';
export type { SearchSort } from './engine';
export { MAX_QUERY_LENGTH } from './query';

export const RESULTS_PER_PAGE = 20;
/**
 * Counting stops here: "More than 500 results". It is just below the engines' candidate window,
 * so the page query's own count of candidates says how many there are up to it.
 */
export const COUNT_CAP = CANDIDATE_WINDOW - 1;
/** The pages that the counted results fill (25); past the window there is nothing ranked to show. */
export const MAX_PAGE = Math.ceil(COUNT_CAP / RESULTS_PER_PAGE);

export interface SearchRequest {
  /** What was typed in the search box. */
  text: string;
  boardSlug: string | null;
  authorUsername: string | null;
  staffOnly: boolean;
  officialOnly: boolean;
  /** Calendar days, 'YYYY-MM-DD', in UTC; both included. */
  fromDay: string | null;
  toDay: string | null;
  sort: SearchSort;
  page: number;
  /** Search exactly what was typed: no spelling correction. */
  exact: boolean;
  includeHidden: boolean;
  /**
   * Whether the viewer may list this member's posts (the profile's privacy, decided by the
   * caller's policy). An author filter the viewer may not use is left out, exactly as an unknown
   * name is, so the results say nothing about the member's posts.
   */
  mayFilterByAuthor: (member: ProfileSubject) => boolean;
}

export interface SearchHit {
  postId: number;
  postNumber: number;
  createdAt: Date;
  isHidden: boolean;
  isOfficialAnswer: boolean;
  kudoCount: number;
  isSolution: boolean;
  threadSolved: boolean;
  thread: { id: number; title: string; slug: string };
  board: { slug: string; name: string };
  author: Pick<Member, 'id' | 'username' | 'displayName' | 'role' | 'rankTitle' | 'memberSince'>;
  /** Plain text with matched words between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: string;
}

export type Correction =
  /** The query found nothing; these are the results of its correction. */
  | { kind: 'showing-results-for'; corrected: SearchTerm[] }
  /** The query found something, but the forum mostly spells it this way. */
  | { kind: 'did-you-mean'; suggestion: SearchTerm[] };

export interface SearchOutcome {
  query: ParsedQuery;
  board: { slug: string; name: string } | null;
  author: { username: string; displayName: string } | null;
  /** Every board, for the board filter. */
  boards: Array<{ slug: string; name: string }>;
  /** Filters that named nothing and were left out. */
  notices: string[];
  hits: SearchHit[];
  /** At most COUNT_CAP. */
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageCount: number;
  correction: Correction | null;
}

/** The full-text engine of the database, or the CJK engine for a query with CJK terms. */
function engineFor(db: Database): SearchEngine {
  const fullText = db.dialect === 'postgres' ? postgresSearchEngine(db) : sqliteSearchEngine(db);
  const cjk = cjkSearchEngine(db);
  const pick = (criteria: SearchCriteria) => (cjkQueryOf(criteria.terms) ? cjk : fullText);
  return {
    page: (criteria, sort, limit, offset) => pick(criteria).page(criteria, sort, limit, offset),
    count: (criteria, cap) => pick(criteria).count(criteria, cap),
  };
}

function toHit(row: SearchHitRow): SearchHit {
  return {
    postId: Number(row.post_id),
    postNumber: Number(row.post_number),
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    isHidden: Boolean(Number(row.is_hidden)),
    isOfficialAnswer: Boolean(Number(row.is_official_answer)),
    kudoCount: Number(row.kudo_count ?? 0),
    isSolution: Boolean(Number(row.is_solution)),
    threadSolved: Boolean(Number(row.thread_solved)),
    thread: { id: Number(row.thread_id), title: row.thread_title, slug: row.thread_slug },
    board: { slug: row.board_slug, name: row.board_name },
    author: {
      id: Number(row.author_id),
      username: row.username,
      displayName: row.display_name,
      role: row.role as Member['role'],
      rankTitle: row.rank_title,
      memberSince: row.member_since instanceof Date ? row.member_since.toISOString().slice(0, 10) : row.member_since,
    },
    snippet: row.snippet ?? '',
  };
}

const DAY_MS = 86_400_000;
const startOfDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

interface ResultPage {
  hits: SearchHit[];
  total: number;
}

async function resultPage(engine: SearchEngine, criteria: SearchCriteria, sort: SearchSort, page: number): Promise<ResultPage> {
  const { rows, matched } = await engine.page(criteria, sort, RESULTS_PER_PAGE, (page - 1) * RESULTS_PER_PAGE);
  // The page counted the candidates; only a page past the last one needs a count of its own.
  const total = matched ?? (page === 1 ? 0 : await engine.count(criteria, COUNT_CAP + 1));
  return { hits: rows.map(toHit), total };
}

/** The board and author filters as ids, with a notice for a name that matches nothing. */
async function resolveFilters(db: Database, request: SearchRequest, notices: string[]) {
  const { Member } = db.models;
  const boards = await listBoardChoices(db);
  const board = request.boardSlug ? boards.find((candidate) => candidate.slug === request.boardSlug) ?? null : null;
  if (request.boardSlug && !board) notices.push(`There is no board “${request.boardSlug}”, so every board was searched.`);
  const named = request.authorUsername
    ? await Member.findOne({ where: { usernameKey: usernameKey(request.authorUsername) }, attributes: [...AUTHOR_ATTRIBUTES, 'isPrivate'] })
    : null;
  const author = named && request.mayFilterByAuthor(named) ? named : null;
  if (request.authorUsername && !named) notices.push(`No member is called “${request.authorUsername}”, so posts by everyone were searched.`);
  // The profile page says as much: the member exists and keeps their posts private.
  if (named && !author) notices.push(`${named.displayName}’s profile is private, so posts by everyone were searched.`);
  return { boards, board, author };
}

export async function searchForum(db: Database, request: SearchRequest): Promise<SearchOutcome> {
  const notices: string[] = [];
  const query = parseSearchQuery(request.text);
  const { boards, board, author } = await resolveFilters(db, request, notices);
  const outcome: SearchOutcome = {
    query,
    board: board ? { slug: board.slug, name: board.name } : null,
    author: author ? { username: author.username, displayName: author.displayName } : null,
    boards: boards.map(({ slug, name }) => ({ slug, name })),
    notices,
    hits: [],
    total: 0,
    totalIsCapped: false,
    page: request.page,
    pageCount: 0,
    correction: null,
  };
  if (query.terms.length === 0) return outcome;

  const engine = engineFor(db);
  const criteriaFor = (terms: SearchTerm[]): SearchCriteria => ({
    terms,
    boardId: board?.id ?? null,
    authorId: author?.id ?? null,
    staffOnly: request.staffOnly,
    officialOnly: request.officialOnly,
    from: request.fromDay ? startOfDay(request.fromDay) : null,
    until: request.toDay ? new Date(startOfDay(request.toDay).getTime() + DAY_MS) : null,
    includeHidden: request.includeHidden,
  });

  let result = await resultPage(engine, criteriaFor(query.terms), request.sort, request.page);
  if (!request.exact) {
    const corrections = await suggestCorrections(queryWords(query.terms), databaseVocabulary(db));
    if (corrections.size > 0) {
      const corrected = replaceWords(query.terms, corrections);
      if (result.total === 0) {
        const retried = await resultPage(engine, criteriaFor(corrected), request.sort, request.page);
        if (retried.total > 0) {
          result = retried;
          outcome.correction = { kind: 'showing-results-for', corrected };
        }
      } else if ((await engine.count(criteriaFor(corrected), 1)) > 0) {
        outcome.correction = { kind: 'did-you-mean', suggestion: corrected };
      }
    }
  }

  outcome.hits = result.hits;
  outcome.totalIsCapped = result.total > COUNT_CAP;
  outcome.total = Math.min(result.total, COUNT_CAP);
  outcome.pageCount = Math.min(MAX_PAGE, Math.ceil(outcome.total / RESULTS_PER_PAGE));
  return outcome;
}
