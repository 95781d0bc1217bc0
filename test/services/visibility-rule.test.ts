/**
 * The visibility rule exists twice, as a predicate on loaded rows (canReadPost) and as SQL for
 * queries (readablePostsSql). Over every combination of hidden thread/post, starter and author,
 * and viewer, both must give the same answer, on both databases.
 */
import { QueryTypes } from 'sequelize';
import { Actor, canReadPost, readablePostsSql, viewerOf } from '../../server/policies';
import { startThread, replyToThread } from '../../server/services/posting';
import { createTestForum, makeBoard, makeMember, TestForum } from '../helpers/forum';

let forum: TestForum;
afterAll(() => forum.destroy());

it('agrees with its SQL form for every combination', async () => {
  forum = await createTestForum({ seed: false });
  const board = await makeBoard(forum.db);
  const alice = await makeMember(forum.db);
  const bob = await makeMember(forum.db);
  const staff = await makeMember(forum.db, { role: 'moderator' });
  const at = new Date('2026-11-01T10:00:00Z');

  // Threads started by Alice or Bob, hidden or not; in each, a post by Alice and one by Bob, hidden or not.
  for (const starter of [alice, bob]) {
    for (const threadHidden of [false, true]) {
      const { thread } = await startThread(forum.db, { boardId: board.id, authorId: starter.id, title: `Thread by ${starter.username}`, source: 'first', at });
      for (const author of [alice, bob]) {
        for (const postHidden of [false, true]) {
          const post = await replyToThread(forum.db, { threadId: thread.id, authorId: author.id, source: 'reply', at });
          if (postHidden) await post.update({ hiddenAt: at });
        }
      }
      if (threadHidden) await thread.update({ hiddenAt: at });
    }
  }

  const actor = (member: typeof alice | null, role: Actor['role'] = 'contributor'): Actor =>
    member ? { memberId: member.id, role, displayName: member.displayName, username: member.username } : { memberId: null, role: 'anonymous', displayName: 'Guest', username: null };
  const viewers = [actor(null), actor(alice), actor(bob), actor(staff, 'moderator')];

  const rows = await forum.db.sequelize.query<{ id: number; author_id: number; hidden_at: string | null; t_author: number; t_hidden: string | null }>(
    'SELECT p.id, p.author_id, p.hidden_at, t.author_id AS t_author, t.hidden_at AS t_hidden FROM posts p JOIN threads t ON t.id = p.thread_id ORDER BY p.id',
    { type: QueryTypes.SELECT },
  );
  expect(rows).toHaveLength(4 * 5);
  for (const viewer of viewers) {
    const expected = rows
      .filter((row) => canReadPost(viewer,
        { authorId: Number(row.author_id), hiddenAt: row.hidden_at ? new Date(row.hidden_at) : null },
        { authorId: Number(row.t_author), hiddenAt: row.t_hidden ? new Date(row.t_hidden) : null }).allowed)
      .map((row) => Number(row.id));
    const readable = readablePostsSql(viewerOf(viewer));
    const found = await forum.db.sequelize.query<{ id: number }>(
      `SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE ${readable.sql} ORDER BY p.id`,
      { replacements: readable.replacements, type: QueryTypes.SELECT },
    );
    expect({ viewer: viewer.username, ids: found.map((row) => Number(row.id)) }).toEqual({ viewer: viewer.username, ids: expected });
  }
  // And the rule is what it says: anonymous readers see the 2 visible threads' 3 unhidden posts each.
  expect(rows.filter((row) => canReadPost(viewers[0], { authorId: row.author_id, hiddenAt: row.hidden_at ? new Date() : null }, { authorId: row.t_author, hiddenAt: row.t_hidden ? new Date() : null }).allowed)).toHaveLength(6);
  // Staff read all 20.
  expect(rows.filter((row) => canReadPost(viewers[3], { authorId: row.author_id, hiddenAt: new Date() }, { authorId: row.t_author, hiddenAt: new Date() }).allowed)).toHaveLength(20);
});
