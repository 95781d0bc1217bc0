/** Spelling suggestions: edit distances, how much more common a correction must be, and the choice among candidates. */
import { editDistance, maxDistanceFor, requiredFrequency, suggestCorrections, Vocabulary } from '../../server/services/search/spelling';

/** The vocabulary interface over a plain map, with the same filters the database applies. */
function vocabularyOf(words: Record<string, number>): Vocabulary & { lookups: number } {
  const vocabulary = {
    lookups: 0,
    async frequencies(list: readonly string[]) {
      return new Map(list.filter((word) => word in words).map((word) => [word, words[word]]));
    },
    async candidates(query: { initials: string[]; minLength: number; maxLength: number; minFrequency: number }) {
      vocabulary.lookups += 1;
      return Object.entries(words)
        .filter(([word, frequency]) =>
          query.initials.some((initial) => word.startsWith(initial)) &&
          [...word].length >= query.minLength && [...word].length <= query.maxLength && frequency >= query.minFrequency)
        .map(([word, frequency]) => ({ word, frequency }));
    },
  };
  return vocabulary;
}

describe('editDistance (Damerau-Levenshtein, optimal string alignment)', () => {
  it.each([
    ['webcam', 'webcam', 0],
    ['webcamm', 'webcam', 1],
    ['verfication', 'verification', 1],
    ['badge', 'bagde', 1],
    ['recieved', 'received', 1],
    ['teh', 'the', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['café', 'cafe', 1],
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops counting past the limit', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});

describe('thresholds', () => {
  it('allows one edit in short words, two in longer ones, none in one- and two-letter words', () => {
    expect([maxDistanceFor('ab'), maxDistanceFor('abc'), maxDistanceFor('badge'), maxDistanceFor('webcam')]).toEqual([0, 1, 1, 2]);
  });

  it('asks more of a correction the more a spelling is used', () => {
    expect([0, 1, 2, 3, 10, 40].map(requiredFrequency)).toEqual([1, 3, 6, 9, 100, 1600]);
  });
});

describe('suggestCorrections', () => {
  const forum = { webcam: 1, verification: 4, verfication: 1, badge: 8, chat: 3, that: 6, posted: 40, poster: 200, verified: 3, received: 30, the: 10 };

  it('corrects an unknown word to any near spelling the forum uses', async () => {
    expect(await suggestCorrections(['webcamm'], vocabularyOf(forum))).toEqual(new Map([['webcamm', 'webcam']]));
  });

  it('doubts a rare spelling when a near one is much more common', async () => {
    expect(await suggestCorrections(['verfication'], vocabularyOf(forum))).toEqual(new Map([['verfication', 'verification']]));
  });

  it('leaves common and short real words alone', async () => {
    const vocabulary = vocabularyOf(forum);
    expect(await suggestCorrections(['badge', 'chat', 'posted', 'verified', 'the'], vocabulary)).toEqual(new Map());
    // Short known words are not even looked up.
    expect(vocabulary.lookups).toBe(3);
  });

  it('prefers the nearest candidate, then the most common', async () => {
    const vocabulary = vocabularyOf({ bridge: 50, badge: 5, budge: 9 });
    expect(await suggestCorrections(['badgee'], vocabulary)).toEqual(new Map([['badgee', 'badge']]));
    expect(await suggestCorrections(['bxdge'], vocabulary)).toEqual(new Map([['bxdge', 'budge']]));
  });

  it('finds typos in the second letter through the first, and swaps of the first two letters', async () => {
    expect(await suggestCorrections(['rceived', 'erceived'], vocabularyOf(forum))).toEqual(
      new Map([['rceived', 'received'], ['erceived', 'received']]),
    );
  });

  it('does not correct numbers, codes, or words with nothing near', async () => {
    expect(await suggestCorrections(['2014', 'abc123', 'zzzzzz', 'ab'], vocabularyOf(forum))).toEqual(new Map());
  });
});
