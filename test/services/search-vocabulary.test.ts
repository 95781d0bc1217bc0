/** The spelling vocabulary counts, per word, the posts that use it, and follows every write; the migration builds it for existing posts. */
import { QueryTypes } from 'sequelize';
import * as searchMigration from '../../models/migrations/005-search';
import { replyToThread, startThread } from '../../server/services/posting';
import { editPost } from '../../server/services/revisions';
import { searchForum } from '../../server/services/search';
import { databaseVocabulary } from '../../server/services/search/vocabulary';
import { createTestForum, TestForum } from '../helpers/forum';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

async function counts(...words: string[]): Promise<Record<string, number>> {
  const found = await databaseVocabulary(forum.db).frequencies(words);
  return Object.fromEntries(words.map((word) => [word, found.get(word) ?? 0]));
}

async function wholeVocabulary(): Promise<Array<[string, number]>> {
  const rows = await forum.db.sequelize.query<{ word: string; frequency: number | string }>('SELECT word, frequency FROM search_words', { type: QueryTypes.SELECT });
  return rows.map((row): [string, number] => [row.word, Number(row.frequency)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

it('counts the posts using each seeded word, unstemmed, once per post', async () => {
  expect(await counts('verification', 'verfication', 'webcam', 'badge', 'verif', 'identity')).toEqual({
    verification: 4, verfication: 1, webcam: 1, badge: 8, verif: 0, identity: 5,
  });
  // Numbers and one- or two-letter words are not words to suggest.
  expect(await counts('2014', 'id', 'a')).toEqual({ 2014: 0, id: 0, a: 0 });
});

it('follows new posts, edits, new titles and deletions', async () => {
  const board = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
  const author = await forum.db.models.Member.findOne({ where: { usernameKey: 'wendyc' } });
  const { thread, post } = await startThread(forum.db, { boardId: board!.id, authorId: author!.id, title: 'Zeppelin badge', source: 'A badge, a badge, a zeppelin.' });
  expect(await counts('badge', 'zeppelin')).toEqual({ badge: 9, zeppelin: 1 });

  const reply = await replyToThread(forum.db, { threadId: thread.id, authorId: author!.id, source: 'Zeppelin again.' });
  expect(await counts('zeppelin', 'again')).toEqual({ zeppelin: 2, again: 3 });

  await editPost(forum.db, { postId: post.id, editorId: author!.id, source: 'Nothing here now.', reason: 'rewrite', reasonRequired: false, baseVersion: 1 });
  // The title still says badge and zeppelin.
  expect(await counts('badge', 'zeppelin', 'nothing')).toEqual({ badge: 9, zeppelin: 2, nothing: 1 });

  await thread.update({ title: 'Airship talk' });
  expect(await counts('badge', 'zeppelin', 'airship')).toEqual({ badge: 8, zeppelin: 1, airship: 1 });

  await reply.destroy();
  expect(await counts('zeppelin', 'again')).toEqual({ zeppelin: 0, again: 2 });
});

it('is rebuilt the same from existing posts when the migration runs again', async () => {
  const before = await wholeVocabulary();
  // The search migration alone, undone and run again (later migrations are independent of it).
  const context = forum.db.sequelize.getQueryInterface();
  await searchMigration.down({ context });
  await searchMigration.up({ context });
  expect(await wholeVocabulary()).toEqual(before);
  expect(before.length).toBeGreaterThan(200);
  // The full-text index is rebuilt too.
  const found = await searchForum(forum.db, {
    text: 'badge webcam', boardSlug: null, authorUsername: null, staffOnly: false, officialOnly: false,
    fromDay: null, toDay: null, sort: 'relevance', page: 1, exact: true, includeHidden: false,
    mayFilterByAuthor: () => true,
  });
  expect(found.hits.map((hit) => hit.postNumber)).toEqual([1]);
});
