/**
 * Search for queries with CJK terms, on both databases: CJK terms are substrings of a post's text
 * (its thread's title included), found by the trigram index of migration 025; the query's other
 * terms must match too, by the full-text index or as substrings of that text (CJK text runs Latin
 * words into its own, "Windowsの設定", where the word index cannot see them). Same filters, window,
 * count and pages as the full-text engines; matches are not ranked: "relevance" is newest first.
 * A query that must read posts' text (a CJK term under three characters, or a non-CJK term)
 * reads at most CJK_SCAN_LIMIT of them, so its work is bounded whatever the forum holds.
 */
import type { Database } from '../../db';
import { CJK_SCAN_LIMIT, CjkQuery, cjkQueryOf, fts5String, likeContaining, needsScan, termText } from './cjk';
import { cjkSnippet } from './cjkSnippet';
import {
  CANDIDATE_WINDOW, filterSql, HIT_COLUMNS, HIT_JOINS, SearchCriteria, SearchEngine, SearchHitRow, searchPageOf, SearchPage, SearchSort,
} from './engine';
import { tsQueryOf } from './postgres';
import { queryWords } from './query';
import { ftsMatchExpression } from './sqlite';

interface Source {
  /** FROM … giving posts p and the indexed text as `text`. */
  from: string;
  conditions: string[];
  replacements: Record<string, unknown>;
  /** The post id as the source yields it: ordering by it lets FTS5 stop at the window. */
  order: string;
}

const LIKE = (column: string, name: string, postgres: boolean) => `${column} ${postgres ? 'ILIKE' : 'LIKE'} :${name} ESCAPE '\\'`;

function sqliteSource(query: CjkQuery): Source {
  const match = query.indexed.map(fts5String).join(' AND ');
  const matchSql = query.indexed.length > 0 ? 'WHERE search_cjk_posts MATCH :cjkMatch' : '';
  const replacements: Record<string, unknown> = query.indexed.length > 0 ? { cjkMatch: match } : {};
  if (!needsScan(query)) {
    return { from: 'search_cjk_posts c JOIN posts p ON p.id = c.rowid', conditions: ['search_cjk_posts MATCH :cjkMatch'], replacements, order: 'c.rowid' };
  }
  return {
    from: `(SELECT rowid AS post_id, text FROM search_cjk_posts ${matchSql} ORDER BY rowid DESC LIMIT :scan) c JOIN posts p ON p.id = c.post_id`,
    conditions: [],
    replacements: { ...replacements, scan: CJK_SCAN_LIMIT },
    order: 'c.post_id',
  };
}

function postgresSource(query: CjkQuery): Source {
  const replacements: Record<string, unknown> = {};
  const indexed = query.indexed.map((text, index) => {
    replacements[`cjk${index}`] = likeContaining(text);
    return LIKE('search_cjk', `cjk${index}`, true);
  });
  if (!needsScan(query)) {
    return { from: 'posts p', conditions: ['p.search_cjk IS NOT NULL', ...indexed.map((sql) => `p.${sql}`)], replacements, order: 'p.id' };
  }
  return {
    from: `(SELECT id AS post_id, search_cjk AS text FROM posts WHERE ${['search_cjk IS NOT NULL', ...indexed].join(' AND ')}
            ORDER BY id DESC LIMIT :scan) c JOIN posts p ON p.id = c.post_id`,
    conditions: [],
    replacements: { ...replacements, scan: CJK_SCAN_LIMIT },
    order: 'c.post_id',
  };
}

/** Short CJK terms and the other terms, checked on each scanned post. */
function scannedConditions(query: CjkQuery, postgres: boolean) {
  const replacements: Record<string, unknown> = {};
  const conditions = query.short.map((text, index) => {
    replacements[`short${index}`] = likeContaining(text);
    return LIKE('c.text', `short${index}`, postgres);
  });
  query.others.forEach((term, index) => {
    replacements[`otherLike${index}`] = likeContaining(termText(term));
    const substring = LIKE('c.text', `otherLike${index}`, postgres);
    if (postgres) {
      const ts = tsQueryOf([term], `other${index}_`);
      Object.assign(replacements, ts.replacements);
      conditions.push(`(p.search_vector @@ ${ts.sql} OR ${substring})`);
    } else {
      replacements[`otherMatch${index}`] = ftsMatchExpression([term]);
      conditions.push(`(p.id IN (SELECT rowid FROM search_posts WHERE search_posts MATCH :otherMatch${index}) OR ${substring})`);
    }
  });
  return { conditions, replacements };
}

function matchedPosts(db: Database, criteria: SearchCriteria, query: CjkQuery) {
  const postgres = db.dialect === 'postgres';
  const source = postgres ? postgresSource(query) : sqliteSource(query);
  const scanned = scannedConditions(query, postgres);
  const filters = filterSql(criteria);
  return {
    from: `FROM ${source.from} ${filters.joins}`,
    order: source.order,
    where: ['1 = 1', ...source.conditions, ...scanned.conditions, ...filters.conditions].join(' AND '),
    replacements: { ...source.replacements, ...scanned.replacements, ...filters.replacements },
  };
}

const SCORE: Record<SearchSort, string> = { relevance: '0', newest: '0', kudos: 'p.kudo_count' };
const ORDER = {
  page: 'score DESC, created_at DESC, post_id DESC',
  rows: 'page.score DESC, page.created_at DESC, page.post_id DESC',
};

export function cjkSearchEngine(db: Database): SearchEngine {
  return {
    async page(criteria: SearchCriteria, sort: SearchSort, limit: number, offset: number): Promise<SearchPage> {
      const query = cjkQueryOf(criteria.terms);
      if (!query) return { rows: [], matched: null };
      const matched = matchedPosts(db, criteria, query);
      const rows = await db.read<SearchHitRow>(
        `WITH candidates AS MATERIALIZED (
           SELECT p.id AS post_id, p.created_at AS created_at, ${SCORE[sort]} AS score
           ${matched.from} WHERE ${matched.where}
           ORDER BY ${matched.order} DESC LIMIT :window
         ), page AS MATERIALIZED (
           SELECT post_id, created_at, score FROM candidates ORDER BY ${ORDER.page} LIMIT :limit OFFSET :offset
         )
         SELECT ${HIT_COLUMNS}, p.source AS snippet, (SELECT count(*) FROM candidates) AS matched
         FROM page JOIN posts p ON p.id = page.post_id ${HIT_JOINS}
         ORDER BY ${ORDER.rows}`,
        { ...matched.replacements, limit, offset, window: Math.max(CANDIDATE_WINDOW, offset + limit) },
      );
      const needles = [...query.indexed, ...query.short, ...queryWords(query.others)];
      return searchPageOf(rows.map((row) => ({ ...row, snippet: cjkSnippet(row.snippet ?? '', needles) })));
    },

    async count(criteria: SearchCriteria, cap: number): Promise<number> {
      const query = cjkQueryOf(criteria.terms);
      if (!query) return 0;
      const matched = matchedPosts(db, criteria, query);
      const [row] = await db.read<{ total: number | string }>(
        `SELECT count(*) AS total FROM (SELECT 1 ${matched.from} WHERE ${matched.where} LIMIT :cap) AS capped`,
        { ...matched.replacements, cap },
      );
      return Number(row?.total ?? 0);
    },
  };
}
