/**
 * Spelling suggestions from the forum's own vocabulary (every word of every post, with the number
 * of posts using it). A word is corrected to a near spelling (Damerau-Levenshtein distance) that
 * the forum uses much more often. The vocabulary is behind an interface, so this stays pure.
 */
import { containsCjk } from './cjk';

export interface VocabularyWord {
  word: string;
  /** How many posts use the word. */
  frequency: number;
}

export interface CandidateQuery {
  /** Candidates start with one of these characters. */
  initials: string[];
  minLength: number;
  maxLength: number;
  minFrequency: number;
}

export interface Vocabulary {
  /** The number of posts using each word; words no post uses are absent. */
  frequencies(words: readonly string[]): Promise<Map<string, number>>;
  candidates(query: CandidateQuery): Promise<VocabularyWord[]>;
}

/** Known words shorter than this are never doubted: short real words sit one letter apart. */
export const MIN_DOUBTED_LENGTH = 5;
/** Unknown words shorter than this get no suggestion: too many words are that close. */
export const MIN_CORRECTED_LENGTH = 3;

/** How far a suggestion may be from what was typed: one edit for short words, two for longer. */
export function maxDistanceFor(word: string): number {
  const length = [...word].length;
  if (length < MIN_CORRECTED_LENGTH) return 0;
  return length <= 5 ? 1 : 2;
}

/**
 * How many posts must use a near spelling before a word used in `frequency` posts is doubted.
 * An unknown word takes any near spelling; a known one only a much more common one, and the
 * more posts use a spelling, the more it takes to doubt it (verfication in 1 post against
 * verification in 4 is doubted; posted in 40 against poster in 200 is not).
 */
export function requiredFrequency(frequency: number): number {
  if (frequency === 0) return 1;
  return Math.max(3, 3 * frequency, frequency * frequency);
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), giving up with max + 1 as soon as the distance must exceed max.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  const distance = previous[t.length];
  return distance > max ? max + 1 : distance;
}

/**
 * Words that are only letters can be corrected; numbers and codes are taken as typed, and so are
 * CJK words: an edit or two turns one into another real word, and the vocabulary's "words" are
 * whole runs of CJK text (the tokenizers do not split them), not words.
 */
function isCorrectable(word: string): boolean {
  return /^\p{L}+$/u.test(word) && !containsCjk(word) && maxDistanceFor(word) > 0;
}

/**
 * Candidates share the first or the second letter of the word: that catches every typo except a
 * wrong or missing first letter, and keeps the lookup to two small ranges of the vocabulary.
 */
function initialsOf(word: string): string[] {
  const [first, second] = [...word];
  return second && second !== first ? [first, second] : [first];
}

async function bestCorrection(word: string, frequency: number, vocabulary: Vocabulary): Promise<string | null> {
  const maxDistance = maxDistanceFor(word);
  const length = [...word].length;
  const candidates = await vocabulary.candidates({
    initials: initialsOf(word),
    minLength: Math.max(1, length - maxDistance),
    maxLength: length + maxDistance,
    minFrequency: requiredFrequency(frequency),
  });
  let best: { word: string; distance: number; frequency: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.word === word) continue;
    const distance = editDistance(word, candidate.word, maxDistance);
    if (distance > maxDistance) continue;
    const better =
      !best ||
      distance < best.distance ||
      (distance === best.distance && candidate.frequency > best.frequency) ||
      (distance === best.distance && candidate.frequency === best.frequency && candidate.word < best.word);
    if (better) best = { word: candidate.word, distance, frequency: candidate.frequency };
  }
  return best ? best.word : null;
}

/** For each word that looks misspelled, the word the forum probably means. */
export async function suggestCorrections(words: readonly string[], vocabulary: Vocabulary): Promise<Map<string, string>> {
  const correctable = words.filter(isCorrectable);
  const corrections = new Map<string, string>();
  if (correctable.length === 0) return corrections;
  const frequencies = await vocabulary.frequencies(correctable);
  for (const word of correctable) {
    const frequency = frequencies.get(word) ?? 0;
    if (frequency > 0 && [...word].length < MIN_DOUBTED_LENGTH) continue;
    const correction = await bestCorrection(word, frequency, vocabulary);
    if (correction) corrections.set(word, correction);
  }
  return corrections;
}
