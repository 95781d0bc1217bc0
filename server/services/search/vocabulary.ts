/**
 * The spelling vocabulary in the database: search_words (word, frequency), kept by triggers on
 * both databases (models/migrations/005-search.ts). Every lookup is a primary-key probe or a few
 * seeks on the search_words_by_shape index (014-search-indexes.ts).
 */
import type { Database } from '../../db';
import type { CandidateQuery, Vocabulary, VocabularyWord } from './spelling';

interface WordRow {
  word: string;
  frequency: number | string;
}

const toWord = (row: WordRow): VocabularyWord => ({ word: row.word, frequency: Number(row.frequency) });

/**
 * The most candidates one word reads, the most common first: a hostile or unlucky vocabulary (a
 * forum full of near spellings) cannot make one word cost more edit distances than this.
 */
const MAX_CANDIDATES = 500;

export function databaseVocabulary(db: Database): Vocabulary {
  return {
    async frequencies(words) {
      if (words.length === 0) return new Map();
      const rows = await db.read<WordRow>('SELECT word, frequency FROM search_words WHERE word IN (:words)', { words: [...words] });
      return new Map(rows.map((row) => [row.word, Number(row.frequency)]));
    },

    async candidates(query: CandidateQuery) {
      if (query.initials.length === 0 || query.minLength > query.maxLength) return [];
      const lengths = Array.from({ length: query.maxLength - query.minLength + 1 }, (_, i) => query.minLength + i);
      // Exactly the expressions of the search_words_by_shape index (migration 014): one seek per
      // (initial, length) pair, starting at minFrequency.
      const rows = await db.read<WordRow>(
        `SELECT word, frequency FROM search_words
         WHERE substr(word, 1, 1) IN (:initials) AND length(word) IN (:lengths) AND frequency >= :minFrequency
         ORDER BY frequency DESC, word LIMIT :limit`,
        { initials: query.initials, lengths, minFrequency: query.minFrequency, limit: MAX_CANDIDATES },
      );
      return rows.map(toWord);
    },
  };
}
