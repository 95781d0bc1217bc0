/**
 * The spelling vocabulary in the database: search_words (word, frequency), kept by triggers on
 * both databases (models/migrations/005-search.ts). Every lookup is a primary-key probe or range.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db';
import type { CandidateQuery, Vocabulary, VocabularyWord } from './spelling';

interface WordRow {
  word: string;
  frequency: number | string;
}

const toWord = (row: WordRow): VocabularyWord => ({ word: row.word, frequency: Number(row.frequency) });

/** The first string after every string that starts with `initial` (a byte-order range end). */
function afterInitial(initial: string): string {
  return String.fromCodePoint((initial.codePointAt(0) ?? 0) + 1);
}

export function databaseVocabulary(db: Database): Vocabulary {
  return {
    async frequencies(words) {
      if (words.length === 0) return new Map();
      const rows = await db.sequelize.query<WordRow>('SELECT word, frequency FROM search_words WHERE word IN (:words)', {
        type: QueryTypes.SELECT,
        replacements: { words: [...words] },
      });
      return new Map(rows.map((row) => [row.word, Number(row.frequency)]));
    },

    async candidates(query: CandidateQuery) {
      const replacements: Record<string, unknown> = {
        minLength: query.minLength,
        maxLength: query.maxLength,
        minFrequency: query.minFrequency,
      };
      const ranges = query.initials.map((initial, index) => {
        replacements[`from${index}`] = initial;
        replacements[`to${index}`] = afterInitial(initial);
        return `(word >= :from${index} AND word < :to${index})`;
      });
      if (ranges.length === 0) return [];
      const rows = await db.sequelize.query<WordRow>(
        `SELECT word, frequency FROM search_words
         WHERE (${ranges.join(' OR ')}) AND frequency >= :minFrequency AND length(word) BETWEEN :minLength AND :maxLength`,
        { type: QueryTypes.SELECT, replacements },
      );
      return rows.map(toWord);
    },
  };
}
