/** The search query parser: whatever is typed becomes plain words and phrases, never query syntax. */
import { MAX_QUERY_LENGTH, MAX_TERMS, parseSearchQuery, queryText, queryWords, replaceWords, wordFamilyPrefix } from '../../server/services/search/query';
import { ftsMatchExpression } from '../../server/services/search/sqlite';
import { tsQueryOf } from '../../server/services/search/postgres';

const termsOf = (typed: string) => parseSearchQuery(typed).terms;

describe('parseSearchQuery', () => {
  it('reads words, lower-cased, each once', () => {
    expect(termsOf('Badge  WEBCAM badge')).toEqual([
      { kind: 'word', word: 'badge' },
      { kind: 'word', word: 'webcam' },
    ]);
  });

  it('reads "quoted phrases"; a one-word phrase is a word and an unpaired quote is ignored', () => {
    expect(termsOf('"video chat" badge "verified" "identity verification')).toEqual([
      { kind: 'phrase', words: ['video', 'chat'] },
      { kind: 'word', word: 'badge' },
      { kind: 'word', word: 'verified' },
      { kind: 'word', word: 'identity' },
      { kind: 'word', word: 'verification' },
    ]);
  });

  it.each([
    ['', []],
    ['   ', []],
    ['"', []],
    ['""""', []],
    ['*', []],
    ['-', []],
    ['^', []],
    [':', []],
    ['(((', []],
    ['\u0000', []],
    ['😀🔥', []],
    ['NEAR(a b)', ['near', 'a', 'b']],
    ['a AND OR NOT', ['a', 'and', 'or', 'not']],
    ["'; DROP TABLE posts; --", ['drop', 'table', 'posts']],
    ['badge* -webcam title:x ^y', ['badge', 'webcam', 'title', 'x', 'y']],
    ['Café naïve 2014', ['café', 'naïve', '2014']],
  ])('keeps only the words of %j', (typed, words) => {
    expect(queryWords(termsOf(typed))).toEqual(words);
  });

  it('cuts long input and too many terms, and says so', () => {
    const long = parseSearchQuery('badge '.repeat(400));
    expect(long.input.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(long.shortened).toBe(true);
    expect(long.terms).toEqual([{ kind: 'word', word: 'badge' }]);

    const many = parseSearchQuery(Array.from({ length: 15 }, (_, i) => `word${i}`).join(' '));
    expect(many.terms).toHaveLength(MAX_TERMS);
    expect(many.shortened).toBe(true);
    expect(parseSearchQuery('badge webcam').shortened).toBe(false);
  });

  it('removes control characters from what is shown again', () => {
    expect(parseSearchQuery('bad\u0000ge\n webcam').input).toBe('bad ge webcam');
  });
});

describe('writing a query back', () => {
  it('quotes phrases and replaces corrected words everywhere', () => {
    const terms = termsOf('webcamm "verfication badge"');
    expect(queryText(terms)).toBe('webcamm "verfication badge"');
    const corrected = replaceWords(terms, new Map([['webcamm', 'webcam'], ['verfication', 'verification']]));
    expect(queryText(corrected)).toBe('webcam "verification badge"');
  });
});

describe('word families the stemmers keep apart', () => {
  it.each([
    ['verified', 'verif'],
    ['verify', 'verif'],
    ['verification', 'verif'],
    ['verifications', 'verif'],
    ['identifies', 'identif'],
    ['badge', null],
    ['specific', null],
    ['if', null],
  ])('%s -> %s', (word, prefix) => {
    expect(wordFamilyPrefix(word)).toBe(prefix);
  });
});

describe('the database queries made from the terms', () => {
  const hostile = termsOf('NEAR(a b) "x OR y" AND * \' "; DROP verified');

  it('gives FTS5 only double-quoted letters and digits', () => {
    const match = ftsMatchExpression(hostile);
    expect(match).toBe('"near" AND "a" AND "b" AND "x or y" AND "and" AND "drop" AND ("verify" OR "verification")');
    // Every quote opens or closes a string: no operator, parenthesis or column filter but the
    // ANDs between terms and the word family's own group.
    const terms = match.split(' AND ');
    expect(terms.filter((term) => !/^"[\p{L}\p{N} ]*"$/u.test(term) && !/^\("[\p{L}\p{N}]+" OR "[\p{L}\p{N}]+"\)$/u.test(term))).toEqual([]);
  });

  it('gives PostgreSQL each term as a bound parameter', () => {
    const query = tsQueryOf(hostile);
    expect(query.sql).not.toMatch(/near|drop|verif/i);
    expect(query.sql).toContain("phraseto_tsquery('english', :term3)");
    expect(query.sql).toContain("to_tsquery('simple', quote_literal(:term6) || ':*')");
    expect(query.replacements).toMatchObject({ term0: 'near', term3: 'x or y', term5: 'drop', term6: 'verif' });
  });
});
