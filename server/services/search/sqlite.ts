/**
 * Search on SQLite: the FTS5 table search_posts (title, body; Porter stemming), ranked by bm25
 * with title words weighing more. The query is built only from the parsed words, each in double
 * quotes, so FTS5 reads every one of them as a plain string.
 */
import type { Database } from '../../db';
import {
  CANDIDATE_WINDOW, filterSql, HIGHLIGHT_END, HIGHLIGHT_START, HIT_COLUMNS, HIT_JOINS, SearchCriteria, SearchEngine, SearchHitRow, searchPageOf, SearchPage, SearchSort,
} from './engine';
import { SearchTerm, wordFamilyPrefix } from './query';

// Words are letters and digits only (query.ts), so a pair of quotes around them is always a
// complete FTS5 string. A word family is its two stems, reached through the verb and the noun
// ("verify" is stemmed to "verifi", "verification" to "verif"; every form listed in query.ts
// stems to one of them): two exact terms, not a prefix query, because the snippet step matches
// again for each result row, and FTS5 expands a prefix over its whole term index each time.
function matchTerm(term: SearchTerm): string {
  if (term.kind === 'phrase') return `"${term.words.join(' ')}"`;
  const prefix = wordFamilyPrefix(term.word);
  return prefix ? `("${prefix}y" OR "${prefix}ication")` : `"${term.word}"`;
}

/** An FTS5 MATCH expression: every term must match (an explicit AND: FTS5 has no implicit AND before a group). */
export function ftsMatchExpression(terms: readonly SearchTerm[]): string {
  return terms.map(matchTerm).join(' AND ');
}

// bm25 is lower for better matches; ties go to the newer post. Sorting by newest ranks nothing.
// Most kudos first is the lowest score too.
const RANK: Record<SearchSort, string> = { relevance: 'bm25(search_posts, 4.0, 1.0)', newest: '0', kudos: '-p.kudo_count' };
const ORDER: Record<SearchSort, { page: string; rows: string }> = {
  relevance: { page: 'score, created_at DESC, post_id DESC', rows: 'page.score, page.created_at DESC, page.post_id DESC' },
  newest: { page: 'created_at DESC, post_id DESC', rows: 'page.created_at DESC, page.post_id DESC' },
  kudos: { page: 'score, created_at DESC, post_id DESC', rows: 'page.score, page.created_at DESC, page.post_id DESC' },
};
const SNIPPET_TOKENS = 32;

function matchedPosts(criteria: SearchCriteria) {
  const filters = filterSql(criteria);
  return {
    from: `FROM search_posts JOIN posts p ON p.id = search_posts.rowid ${filters.joins}`,
    where: ['search_posts MATCH :match', ...filters.conditions].join(' AND '),
    replacements: { ...filters.replacements, match: ftsMatchExpression(criteria.terms) },
  };
}

export function sqliteSearchEngine(db: Database): SearchEngine {
  return {
    async page(criteria: SearchCriteria, sort: SearchSort, limit: number, offset: number): Promise<SearchPage> {
      const matched = matchedPosts(criteria);
      // FTS5 walks its index in rowid order and stops at the window; the candidates are read once
      // (MATERIALIZED), for the page and for the count. The page is chosen first; snippets are
      // made for its rows only. snippet() needs a full-text cursor on each row: one cursor over
      // the page's range of rowids (CROSS JOIN keeps it the outer loop) costs what the window
      // scan did, where a MATCH per row would load each term's whole doclist again, 20 times.
      const rows = await db.read<SearchHitRow>(
        `WITH candidates AS MATERIALIZED (
           SELECT p.id AS post_id, p.created_at AS created_at, ${RANK[sort]} AS score
           ${matched.from} WHERE ${matched.where}
           ORDER BY search_posts.rowid DESC LIMIT :window
         ), page AS MATERIALIZED (
           SELECT post_id, created_at, score FROM candidates
           ORDER BY ${ORDER[sort].page} LIMIT :limit OFFSET :offset
         )
         SELECT ${HIT_COLUMNS},
           snippet(search_posts, 1, :start, :end, '…', ${SNIPPET_TOKENS}) AS snippet,
           (SELECT count(*) FROM candidates) AS matched
         FROM search_posts CROSS JOIN page
         JOIN posts p ON p.id = page.post_id ${HIT_JOINS}
         WHERE search_posts MATCH :match AND search_posts.rowid = page.post_id
           AND search_posts.rowid >= (SELECT min(post_id) FROM page) AND search_posts.rowid <= (SELECT max(post_id) FROM page)
         ORDER BY ${ORDER[sort].rows}`,
        {
          ...matched.replacements,
          limit,
          offset,
          window: Math.max(CANDIDATE_WINDOW, offset + limit),
          start: HIGHLIGHT_START,
          end: HIGHLIGHT_END,
        },
      );
      return searchPageOf(rows);
    },

    async count(criteria: SearchCriteria, cap: number): Promise<number> {
      const matched = matchedPosts(criteria);
      const [row] = await db.read<{ total: number }>(
        `SELECT count(*) AS total FROM (SELECT 1 ${matched.from} WHERE ${matched.where} LIMIT :cap) AS capped`,
        { ...matched.replacements, cap },
      );
      return Number(row?.total ?? 0);
    },
  };
}
