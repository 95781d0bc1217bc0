/**
 * Migration 011 gives every revision saved before it its stored word diff (with the same bound as
 * new edits), and today's official answers their mark time from the moderation log. Checked by
 * undoing the migration on a forum with revisions and running it again.
 */
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../models/migrations';
import { markOfficialAnswer } from '../../server/services/officialAnswers';
import { replyToThread } from '../../server/services/posting';
import { editPost, EDIT_GRACE_PERIOD_MS } from '../../server/services/revisions';
import { storedDiff } from '../../server/services/revisionDiff';
import { createTestForum, makeMember, rolloutThread, TestForum } from '../helpers/forum';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

const longText = (seed: number) => Array.from({ length: 2500 }, (_, i) => `w${(i * seed) % 7919}`).join(' ');

it('backfills the diff of every older revision and the mark time of official answers', async () => {
  const { threadId } = await rolloutThread(forum);
  const author = await makeMember(forum.db);
  const post = await replyToThread(forum.db, { threadId, authorId: author.id, source: 'Before the fix' });
  const later = new Date(Date.now() + EDIT_GRACE_PERIOD_MS + 1000);
  const texts = ['Before the fix', 'After the fix', longText(3), longText(7)];
  for (let n = 1; n < texts.length; n++) {
    await editPost(forum.db, { postId: post.id, editorId: author.id, source: texts[n], reason: null, reasonRequired: false, baseVersion: n, now: later });
  }
  const markedAt = new Date('2026-11-20T10:00:00Z');
  const lena = await forum.db.models.Member.findOne({ where: { username: 'LenaE' } });
  await markOfficialAnswer(forum.db, { threadId, postNumber: post.number, actorId: lena!.id, at: markedAt, notify: false });

  const migrator = createMigrator(forum.db.sequelize);
  await migrator.down({ to: '011-revision-diffs' });
  await migrator.up();

  const rows = await forum.db.sequelize.query<{ version: number; diff: string | null }>(
    'SELECT version, diff FROM post_revisions WHERE post_id = :postId ORDER BY version',
    { replacements: { postId: post.id }, type: QueryTypes.SELECT },
  );
  expect(rows.map((row) => row.version)).toEqual([2, 3, 4]);
  rows.forEach((row, index) => expect(row.diff).toEqual(storedDiff(texts[index], texts[index + 1])));
  expect(JSON.parse(rows[0].diff!)).toEqual(expect.arrayContaining([
    { kind: 'removed', text: 'Before' },
    { kind: 'added', text: 'After' },
  ]));
  // Two long unrelated texts: too different to diff within the bound, both shown instead.
  expect(rows[2].diff).toBeNull();

  const thread = await forum.db.models.Thread.findByPk(threadId);
  expect(thread!.officialMarkedAt!.toISOString()).toBe(markedAt.toISOString());
});
