/**
 * Search on PostgreSQL: posts.search_vector (English stemming, title words weighted A) with a GIN
 * index, ranked by ts_rank, snippets by ts_headline. Each parsed term becomes its own tsquery from
 * a bound parameter (plainto_tsquery, phraseto_tsquery, or a quoted prefix), joined with &&.
 */
import type { Database } from '../../db';
import {
  CANDIDATE_WINDOW, filterSql, HIGHLIGHT_END, HIGHLIGHT_START, HIT_COLUMNS, HIT_JOINS, SearchCriteria, SearchEngine, SearchHitRow, searchPageOf, SearchPage, SearchSort,
} from './engine';
import { SearchTerm, wordFamilyPrefix } from './query';

interface TsQuery {
  sql: string;
  replacements: Record<string, string>;
}

/** The terms as one tsquery expression; every value is a bound parameter. */
export function tsQueryOf(terms: readonly SearchTerm[], namePrefix = 'term'): TsQuery {
  const replacements: Record<string, string> = {};
  const parts = terms.map((term, index) => {
    const name = `${namePrefix}${index}`;
    if (term.kind === 'phrase') {
      replacements[name] = term.words.join(' ');
      return `phraseto_tsquery('english', :${name})`;
    }
    const prefix = wordFamilyPrefix(term.word);
    if (prefix) {
      // quote_literal makes the prefix a single quoted lexeme, whatever it contains.
      replacements[name] = prefix;
      return `to_tsquery('simple', quote_literal(:${name}) || ':*')`;
    }
    replacements[name] = term.word;
    return `plainto_tsquery('english', :${name})`;
  });
  return { sql: `(${parts.join(' && ')})`, replacements };
}

const HEADLINE_OPTIONS = [
  `StartSel=${HIGHLIGHT_START}`,
  `StopSel=${HIGHLIGHT_END}`,
  'MaxWords=35',
  'MinWords=15',
  'ShortWord=2',
  'MaxFragments=2',
  'FragmentDelimiter=" … "',
].join(', ');

const ORDER: Record<SearchSort, { page: string; rows: string }> = {
  relevance: { page: 'score DESC, c.created_at DESC, c.post_id DESC', rows: 'page.score DESC, page.created_at DESC, page.post_id DESC' },
  newest: { page: 'c.created_at DESC, c.post_id DESC', rows: 'page.created_at DESC, page.post_id DESC' },
  kudos: { page: 'score DESC, c.created_at DESC, c.post_id DESC', rows: 'page.score DESC, page.created_at DESC, page.post_id DESC' },
};

function matchedPosts(criteria: SearchCriteria) {
  const filters = filterSql(criteria);
  const query = tsQueryOf(criteria.terms);
  return {
    query: query.sql,
    from: `FROM posts p ${filters.joins}`,
    where: [`p.search_vector @@ ${query.sql}`, ...filters.conditions].join(' AND '),
    replacements: { ...filters.replacements, ...query.replacements },
  };
}

export function postgresSearchEngine(db: Database): SearchEngine {
  return {
    async page(criteria: SearchCriteria, sort: SearchSort, limit: number, offset: number): Promise<SearchPage> {
      const matched = matchedPosts(criteria);
      // The candidates are read once, for the page and for the count; for relevance they carry
      // their vectors (already read to match them) to ts_rank instead of being joined to posts
      // again, and sorting by newest ranks nothing. The page is chosen first; ts_headline (slow
      // on long posts) runs for its rows only.
      const relevance = sort === 'relevance';
      const rows = await db.read<SearchHitRow>(
        `WITH candidates AS MATERIALIZED (
           SELECT p.id AS post_id, p.created_at AS created_at${relevance ? ', p.search_vector' : ''}${sort === 'kudos' ? ', p.kudo_count' : ''}
           ${matched.from} WHERE ${matched.where}
           ORDER BY p.id DESC LIMIT :window
         ), page AS (
           SELECT c.post_id, c.created_at, ${relevance ? `ts_rank(c.search_vector, ${matched.query})` : sort === 'kudos' ? 'c.kudo_count' : '0'} AS score
           FROM candidates c
           ORDER BY ${ORDER[sort].page} LIMIT :limit OFFSET :offset
         )
         SELECT ${HIT_COLUMNS},
           ts_headline('english', p.source, ${matched.query}, :headline) AS snippet,
           (SELECT count(*) FROM candidates) AS matched
         FROM page JOIN posts p ON p.id = page.post_id ${HIT_JOINS}
         ORDER BY ${ORDER[sort].rows}`,
        { ...matched.replacements, limit, offset, window: Math.max(CANDIDATE_WINDOW, offset + limit), headline: HEADLINE_OPTIONS },
      );
      return searchPageOf(rows);
    },

    async count(criteria: SearchCriteria, cap: number): Promise<number> {
      const matched = matchedPosts(criteria);
      const [row] = await db.read<{ total: string | number }>(
        `SELECT count(*) AS total FROM (SELECT 1 ${matched.from} WHERE ${matched.where} LIMIT :cap) AS capped`,
        { ...matched.replacements, cap },
      );
      return Number(row?.total ?? 0);
    },
  };
}
