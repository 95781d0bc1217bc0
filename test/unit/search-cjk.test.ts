/** CJK in search queries: which terms are CJK, where typed text is split, escaping, and the migration's character ranges. */
import { CJK_RANGES } from '../../models/migrations/025-cjk-search';
import { cjkQueryOf, containsCjk, fts5String, likeContaining, needsScan, splitAtCjk } from '../../server/services/search/cjk';
import { parseSearchQuery } from '../../server/services/search/query';
import { suggestCorrections, Vocabulary } from '../../server/services/search/spelling';

it('detects Han, Hiragana, Katakana and Hangul, and nothing else', () => {
  for (const text of ['漢字', 'ひらがな', 'カタカナ', 'ラーメン', '한국어', '验证', '々']) expect({ text, cjk: containsCjk(text) }).toEqual({ text, cjk: true });
  for (const text of ['hello', 'Ελληνικά', 'русский', 'العربية', '123', 'café']) expect({ text, cjk: containsCjk(text) }).toEqual({ text, cjk: false });
});

it('splits a word where CJK meets other letters, keeping digits with their letters', () => {
  expect(splitAtCjk('windows10の設定')).toEqual(['windows10', 'の設定']);
  expect(splitAtCjk('第3回')).toEqual(['第3回']);
  expect(splitAtCjk('東京tower東京')).toEqual(['東京', 'tower', '東京']);
  expect(splitAtCjk('ラーメン')).toEqual(['ラーメン']);
  expect(splitAtCjk('plain')).toEqual(['plain']);
});

it('parses CJK words apart from Latin ones outside quotes only', () => {
  expect(parseSearchQuery('Webcamの設定').terms).toEqual([{ kind: 'word', word: 'webcam' }, { kind: 'word', word: 'の設定' }]);
  expect(parseSearchQuery('"webcamの設定"').terms).toEqual([{ kind: 'word', word: 'webcamの設定' }]);
});

it('sorts terms into indexed (3+ characters), short and other', () => {
  const query = cjkQueryOf(parseSearchQuery('東京タワー 設定 badge "東京 タワー"').terms)!;
  expect(query.indexed).toEqual(['東京タワー', '東京 タワー']);
  expect(query.short).toEqual(['設定']);
  expect(query.others).toEqual([{ kind: 'word', word: 'badge' }]);
  expect(needsScan(query)).toBe(true);
  expect(needsScan(cjkQueryOf(parseSearchQuery('東京タワー').terms)!)).toBe(false);
  expect(cjkQueryOf(parseSearchQuery('badge webcam').terms)).toBeNull();
});

it('escapes LIKE wildcards and FTS5 quotes', () => {
  expect(likeContaining('a%b_c\\d')).toBe('%a\\%b\\_c\\\\d%');
  expect(fts5String('say "hi"')).toBe('"say ""hi"""');
});

it('never corrects a CJK word', async () => {
  const vocabulary: Vocabulary = {
    frequencies: async () => new Map(),
    candidates: async () => [{ word: '東京タワー', frequency: 100 }, { word: 'webcam', frequency: 100 }],
  };
  const corrections = await suggestCorrections(['東京タワア', 'webcamm'], vocabulary);
  expect([...corrections]).toEqual([['webcamm', 'webcam']]);
});

it('the migration’s ranges hold every CJK letter, mark and digit the service matches', () => {
  const wordCharacter = /[\p{L}\p{M}\p{N}]/u;
  const missing: string[] = [];
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += 1) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    if (!wordCharacter.test(character) || !containsCjk(character)) continue;
    if (!CJK_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last)) missing.push(codePoint.toString(16));
  }
  expect(missing).toEqual([]);
});
