/**
 * The search page's view model: results with safe highlighted snippets, the spelling lines,
 * removable filter chips, sort links and pages. Every link keeps the rest of the search.
 */
import { escapeHtml } from '../markdown';
import { HIGHLIGHT_END, HIGHLIGHT_START, MAX_QUERY_LENGTH } from '../services/search';
import type { SearchHit, SearchOutcome, SearchSort } from '../services/search';
import { MAX_TERMS, queryText } from '../services/search/query';
import type { SearchParams } from '../validation/search';
import { formatDateTime, formatDay } from './format';
import { paginate, Pagination } from './forum';
import { AuthorView, presentAuthor } from './members';
import { boardUrl, postAnchor, postUrl, searchUrl, SearchUrlParams } from './urls';

export interface SearchResultView {
  threadTitle: string;
  postNumber: number;
  url: string;
  author: AuthorView;
  at: { iso: string; text: string };
  board: { name: string; url: string };
  /** Escaped text with <mark> around the matched words: safe to print as HTML. */
  snippetHtml: string;
  isHidden: boolean;
  isOfficialAnswer: boolean;
  kudoCount: number;
  isSolution: boolean;
  threadSolved: boolean;
}

export interface SearchChipView {
  label: string;
  removeUrl: string;
}

export type CorrectionView =
  | { kind: 'showing-results-for'; correctedText: string; originalText: string; originalUrl: string }
  | { kind: 'did-you-mean'; suggestionText: string; suggestionUrl: string };

export interface SearchPageView {
  title: string;
  /** The query as typed (shortened), for the search boxes. */
  query: string;
  hasQuery: boolean;
  results: SearchResultView[];
  /** "3 results", "More than 1,000 results"; null before anything is searched. */
  summary: string | null;
  correction: CorrectionView | null;
  chips: SearchChipView[];
  notices: string[];
  sort: { current: SearchSort; relevanceUrl: string; newestUrl: string; kudosUrl: string };
  pagination: Pagination;
  filters: { board: string; author: string; staff: boolean; official: boolean; from: string; to: string; sort: SearchSort };
  boards: Array<{ slug: string; name: string }>;
}

/** Markdown punctuation that only gets in the way of reading a snippet. */
export function plainSnippetText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)\s]*\)/g, '$1')
    // Tables: the |---|:--:| rows go, the cells' pipes become spaces.
    .replace(/\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?/g, ' ')
    .replace(/\s*\|\s*/g, ' ')
    // Headings, list markers and fences at the start of a line.
    .replace(/(^|\n)\s*(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|```\S*)/g, '$1')
    .replace(/\*\*|__|~~|`+/g, '')
    .replace(/(^|\n)\s*(?:>\s*)+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Escapes the snippet, then turns the highlight markers into <mark> elements. Markers are
 * balanced here, since a post may itself contain the private-use characters they are made of.
 */
const MARKERS = new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_END}])`);

export function highlightSnippet(snippet: string): string {
  let html = '';
  let open = false;
  for (const part of plainSnippetText(snippet).split(MARKERS)) {
    if (part === HIGHLIGHT_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === HIGHLIGHT_END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}

function presentHit(hit: SearchHit): SearchResultView {
  return {
    threadTitle: hit.thread.title,
    postNumber: hit.postNumber,
    url: `${postUrl(hit.thread, hit.postNumber)}#${postAnchor(hit.postNumber)}`,
    author: presentAuthor(hit.author),
    at: { iso: hit.createdAt.toISOString(), text: formatDateTime(hit.createdAt) },
    board: { name: hit.board.name, url: boardUrl(hit.board.slug) },
    snippetHtml: highlightSnippet(hit.snippet),
    isHidden: hit.isHidden,
    isOfficialAnswer: hit.isOfficialAnswer,
    kudoCount: hit.kudoCount,
    isSolution: hit.isSolution,
    threadSolved: hit.threadSolved,
  };
}

function summaryOf(outcome: SearchOutcome): string {
  if (outcome.totalIsCapped) return `More than ${outcome.total.toLocaleString('en-US')} results`;
  return `${outcome.total.toLocaleString('en-US')} ${outcome.total === 1 ? 'result' : 'results'}`;
}

/** One chip per filter in effect; each links to the same search without it. */
function chipsOf(outcome: SearchOutcome, base: SearchUrlParams): SearchChipView[] {
  const chip = (label: string, without: Partial<SearchUrlParams>): SearchChipView => ({
    label,
    removeUrl: searchUrl({ ...base, ...without }),
  });
  const chips: SearchChipView[] = [];
  if (outcome.board && base.board) chips.push(chip(`Board: ${outcome.board.name}`, { board: null }));
  if (outcome.author && base.author) chips.push(chip(`By ${outcome.author.displayName}`, { author: null }));
  if (base.staff) chips.push(chip('Staff posts only', { staff: false }));
  if (base.official) chips.push(chip('Official answers only', { official: false }));
  if (base.from) chips.push(chip(`From ${formatDay(base.from)}`, { from: null }));
  if (base.to) chips.push(chip(`Until ${formatDay(base.to)}`, { to: null }));
  return chips;
}

export function presentSearch(outcome: SearchOutcome, params: SearchParams, notices: string[]): SearchPageView {
  const typed = outcome.query.input;
  // Filters that named nothing are dropped from every link, so they are not offered again.
  const base: SearchUrlParams = {
    q: typed,
    board: outcome.board ? params.board : null,
    author: outcome.author ? params.author : null,
    staff: params.staff,
    official: params.official,
    from: params.from,
    to: params.to,
    sort: params.sort,
    exact: params.exact,
  };
  const correction = outcome.correction;
  const hasQuery = outcome.query.terms.length > 0;
  const allNotices = [...notices, ...outcome.notices];
  if (outcome.query.shortened) {
    allNotices.push(`Only the first ${MAX_QUERY_LENGTH} characters and ${MAX_TERMS} words or phrases of a search are used.`);
  }
  return {
    title: hasQuery ? `Search: ${typed}` : 'Search',
    query: typed,
    hasQuery,
    results: outcome.hits.map(presentHit),
    summary: hasQuery ? summaryOf(outcome) : null,
    correction:
      correction?.kind === 'showing-results-for'
        ? {
            kind: correction.kind,
            correctedText: queryText(correction.corrected),
            originalText: typed,
            originalUrl: searchUrl({ ...base, exact: true }),
          }
        : correction?.kind === 'did-you-mean'
          ? {
              kind: correction.kind,
              suggestionText: queryText(correction.suggestion),
              suggestionUrl: searchUrl({ ...base, q: queryText(correction.suggestion) }),
            }
          : null,
    chips: chipsOf(outcome, base),
    notices: allNotices,
    sort: {
      current: params.sort,
      relevanceUrl: searchUrl({ ...base, sort: 'relevance' }),
      newestUrl: searchUrl({ ...base, sort: 'newest' }),
      kudosUrl: searchUrl({ ...base, sort: 'kudos' }),
    },
    pagination: paginate(outcome.page, outcome.pageCount, (page) => searchUrl({ ...base, page })),
    filters: {
      board: base.board ?? '',
      author: base.author ?? '',
      staff: params.staff,
      official: params.official,
      from: params.from ?? '',
      to: params.to ?? '',
      sort: params.sort,
    },
    boards: outcome.boards,
  };
}
