/**
 * Chinese, Japanese and Korean in search queries. The full-text tokenizers (FTS5 unicode61,
 * PostgreSQL's default parser) take a run of CJK characters for one long "word", so a word inside
 * it is never found. Terms with CJK characters are matched as substrings instead (a trigram index
 * on each database, models/migrations/025-cjk-search.ts); this file says which terms those are,
 * splits typed text where CJK meets Latin letters, and escapes terms for LIKE and FTS5 strings.
 */
import type { SearchTerm } from './query';

/**
 * Han, Hiragana, Katakana, Hangul, with the characters they share (々, ー): Script_Extensions.
 * Not combining marks: the few listed for these scripts (U+0305, U+0323) go on Latin letters too.
 */
const CJK_CHARACTER = /(?!\p{M})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const LETTER = /\p{L}/u;

export function containsCjk(text: string): boolean {
  return CJK_CHARACTER.test(text);
}

/**
 * A typed word cut where CJK characters meet other letters ("windows10の設定" is "windows10" and
 * "の設定"): CJK text runs words together, and each part goes to the index that can find it.
 * Digits and combining marks stay with the letters beside them.
 */
export function splitAtCjk(word: string): string[] {
  const parts: string[] = [];
  let current = '';
  let currentIsCjk: boolean | null = null;
  for (const character of word) {
    const kind = CJK_CHARACTER.test(character) ? true : LETTER.test(character) ? false : null;
    if (kind !== null && currentIsCjk !== null && kind !== currentIsCjk) {
      parts.push(current);
      current = '';
    }
    if (kind !== null) currentIsCjk = kind;
    current += character;
  }
  if (current) parts.push(current);
  return parts;
}

/** The text a term stands for: a word, or a phrase's words with single spaces. */
export function termText(term: SearchTerm): string {
  return term.kind === 'word' ? term.word : term.words.join(' ');
}

/**
 * Trigrams need three characters: a CJK term shorter than this cannot use the index and is
 * matched by reading the text of a bounded number of posts (CJK_SCAN_LIMIT).
 */
export const TRIGRAM_LENGTH = 3;

/**
 * A query whose posts must be read to be matched (a CJK term under three characters, or a Latin
 * term beside CJK ones) reads the text of at most this many posts with CJK text: the newest,
 * among those matching the query's longer CJK terms if it has any. The trade-off: such a match
 * in an older post is not found.
 */
export const CJK_SCAN_LIMIT = 1_000;

export interface CjkQuery {
  /** CJK terms of three or more characters: the trigram index finds them. */
  indexed: string[];
  /** Shorter CJK terms: matched in the text of the scanned posts. */
  short: string[];
  /** The other terms, matched by the full-text index (or in the text of the scanned posts). */
  others: SearchTerm[];
}

/** The query's terms sorted for the CJK search; null when no term has CJK characters. */
export function cjkQueryOf(terms: readonly SearchTerm[]): CjkQuery | null {
  const query: CjkQuery = { indexed: [], short: [], others: [] };
  for (const term of terms) {
    const text = termText(term);
    if (!containsCjk(text)) query.others.push(term);
    else if ([...text].length >= TRIGRAM_LENGTH) query.indexed.push(text);
    else query.short.push(text);
  }
  return query.indexed.length + query.short.length > 0 ? query : null;
}

/** Whether the posts' text must be read (bounded by CJK_SCAN_LIMIT) to match this query. */
export function needsScan(query: CjkQuery): boolean {
  return query.short.length > 0 || query.others.length > 0;
}

/** A LIKE pattern (with ESCAPE '\') matching text that contains `text` anywhere: % _ \ are escaped. */
export function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** An FTS5 string: in double quotes, a double quote doubled; FTS5 reads nothing in it as syntax. */
export function fts5String(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
