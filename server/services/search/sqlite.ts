/**
 * Search on SQLite: the FTS5 table search_posts (title, body; Porter stemming), ranked by bm25
 * with title words weighing more. The query is built only from the parsed words, each in double
 * quotes, so FTS5 reads every one of them as a plain string.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db';
import { filterSql, HIGHLIGHT_END, HIGHLIGHT_START, HIT_COLUMNS, HIT_JOINS, SearchCriteria, SearchEngine, SearchHitRow, SearchSort } from './engine';
import { SearchTerm, wordFamilyPrefix } from './query';

// Words are letters and digits only (query.ts), so a pair of quotes around them is always a
// complete FTS5 string; a family prefix becomes a prefix query ("verif"*).
function matchTerm(term: SearchTerm): string {
  if (term.kind === 'phrase') return `"${term.words.join(' ')}"`;
  const prefix = wordFamilyPrefix(term.word);
  return prefix ? `"${prefix}"*` : `"${term.word}"`;
}

/** An FTS5 MATCH expression: every term must match (implicit AND). */
export function ftsMatchExpression(terms: readonly SearchTerm[]): string {
  return terms.map(matchTerm).join(' ');
}

const RANK = 'bm25(search_posts, 4.0, 1.0)';
// bm25 is lower for better matches; ties go to the newer post.
const ORDER: Record<SearchSort, { page: string; rows: string }> = {
  relevance: { page: 'score, created_at DESC, post_id DESC', rows: 'page.score, page.created_at DESC, page.post_id DESC' },
  newest: { page: 'created_at DESC, post_id DESC', rows: 'page.created_at DESC, page.post_id DESC' },
};
/**
 * Ranking reads at most this many matches, the newest by post id (FTS5 walks its index in rowid
 * order and stops there), so a word found in 50,000 posts costs what one found in 2,000 does.
 * Results pages stop well before it (see MAX_PAGES in the search service).
 */
const CANDIDATE_WINDOW = 2_000;
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
    async page(criteria: SearchCriteria, sort: SearchSort, limit: number, offset: number): Promise<SearchHitRow[]> {
      const matched = matchedPosts(criteria);
      // The page is chosen first; snippets are made for its rows only, each found again by rowid.
      return db.sequelize.query<SearchHitRow>(
        `WITH candidates AS (
           SELECT p.id AS post_id, p.created_at AS created_at, ${RANK} AS score
           ${matched.from} WHERE ${matched.where}
           ORDER BY search_posts.rowid DESC LIMIT :window
         ), page AS (
           SELECT post_id, created_at, score FROM candidates
           ORDER BY ${ORDER[sort].page} LIMIT :limit OFFSET :offset
         )
         SELECT ${HIT_COLUMNS},
           snippet(search_posts, 1, :start, :end, '…', ${SNIPPET_TOKENS}) AS snippet
         FROM page CROSS JOIN search_posts
         JOIN posts p ON p.id = page.post_id ${HIT_JOINS}
         WHERE search_posts.rowid = page.post_id AND search_posts MATCH :match
         ORDER BY ${ORDER[sort].rows}`,
        {
          type: QueryTypes.SELECT,
          replacements: {
            ...matched.replacements,
            limit,
            offset,
            window: Math.max(CANDIDATE_WINDOW, offset + limit),
            start: HIGHLIGHT_START,
            end: HIGHLIGHT_END,
          },
        },
      );
    },

    async count(criteria: SearchCriteria, cap: number): Promise<number> {
      const matched = matchedPosts(criteria);
      const [row] = await db.sequelize.query<{ total: number }>(
        `SELECT count(*) AS total FROM (SELECT 1 ${matched.from} WHERE ${matched.where} LIMIT :cap) AS capped`,
        { type: QueryTypes.SELECT, replacements: { ...matched.replacements, cap } },
      );
      return Number(row?.total ?? 0);
    },
  };
}
