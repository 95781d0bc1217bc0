/**
 * Turns whatever was typed into the search box into a bounded list of words and "quoted phrases".
 * Only letters and digits survive, so nothing a member types is ever read as query syntax by the
 * database: AND, NEAR, *, quotes inside words and parentheses are just words or nothing.
 * Outside quotes, a word is cut where CJK characters meet other letters (cjk.ts).
 */
import { splitAtCjk } from './cjk';

/** Longer input is cut here (and the page says so). */
export const MAX_QUERY_LENGTH = 200;
/** Words and phrases beyond this many are dropped. */
export const MAX_TERMS = 10;
export const MAX_PHRASE_WORDS = 10;

export type SearchTerm =
  | { kind: 'word'; word: string }
  /** Two or more words that must appear together, in this order. */
  | { kind: 'phrase'; words: string[] };

export interface ParsedQuery {
  /** What was typed, without control characters, cut at MAX_QUERY_LENGTH. */
  input: string;
  terms: SearchTerm[];
  /** True when the input was cut or terms were dropped. */
  shortened: boolean;
}

// Letters, combining marks and digits: the same characters the full-text tokenizers keep.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]+/g;

function wordsOf(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []);
}

/** The first `length` characters, without a word cut in half at the end. */
function cutAtWord(text: string, length: number): string {
  const characters = [...text];
  if (characters.length <= length) return text;
  const cut = characters.slice(0, length).join('');
  const inWord = /[\p{L}\p{M}\p{N}]$/u.test(cut) && /^[\p{L}\p{M}\p{N}]/u.test(characters[length]);
  const whole = inWord ? cut.replace(/[\p{L}\p{M}\p{N}]+$/u, '') : cut;
  return (whole.trim() === '' ? cut : whole).trim();
}

export function parseSearchQuery(typed: string): ParsedQuery {
  const cleaned = typed.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  const input = cutAtWord(cleaned, MAX_QUERY_LENGTH);
  let shortened = input.length < cleaned.length;

  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (term: SearchTerm): void => {
    const key = term.kind === 'word' ? term.word : term.words.join(' ');
    if (seen.has(key)) return;
    if (terms.length === MAX_TERMS) {
      shortened = true;
      return;
    }
    seen.add(key);
    terms.push(term);
  };

  // Text between a pair of double quotes is a phrase; an unpaired quote is ignored.
  const parts = input.split('"');
  parts.forEach((part, index) => {
    const quoted = index % 2 === 1 && index < parts.length - 1;
    const words = wordsOf(part);
    if (!quoted) {
      words.flatMap(splitAtCjk).forEach((word) => add({ kind: 'word', word }));
    } else if (words.length === 1) {
      add({ kind: 'word', word: words[0] });
    } else if (words.length > 1) {
      if (words.length > MAX_PHRASE_WORDS) shortened = true;
      add({ kind: 'phrase', words: words.slice(0, MAX_PHRASE_WORDS) });
    }
  });
  return { input, terms, shortened };
}

/** Every word of the query, phrases included, each once. */
export function queryWords(terms: readonly SearchTerm[]): string[] {
  return [...new Set(terms.flatMap((term) => (term.kind === 'word' ? [term.word] : term.words)))];
}

/** The query written back as text: words, and phrases in quotes. */
export function queryText(terms: readonly SearchTerm[]): string {
  return terms.map((term) => (term.kind === 'word' ? term.word : `"${term.words.join(' ')}"`)).join(' ');
}

/** The same query with some words replaced (spelling corrections). */
export function replaceWords(terms: readonly SearchTerm[], replacements: ReadonlyMap<string, string>): SearchTerm[] {
  const swap = (word: string) => replacements.get(word) ?? word;
  return terms.map((term) =>
    term.kind === 'word' ? { kind: 'word', word: swap(term.word) } : { kind: 'phrase', words: term.words.map(swap) },
  );
}

/**
 * English stemmers (Porter on SQLite, Snowball on PostgreSQL) keep a verb in -ify apart from its
 * noun in -ification: "verified" becomes "verifi", "verification" becomes "verif". A word of that
 * family is searched as the prefix they share, so either finds the other.
 */
const IFY_FAMILY = /^(\p{L}{3,}if)(?:y|ied|ies|ying|ier|iers|iable|ication|ications)$/u;

export function wordFamilyPrefix(word: string): string | null {
  return IFY_FAMILY.exec(word)?.[1] ?? null;
}
