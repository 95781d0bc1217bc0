/** Messages of one conversation sent at once are numbered 1..N without gaps or repeats, on both databases. */
import { createTestForum, TestForum } from '../helpers/forum';
import { sendMessage, startConversation } from '../../server/services/messages/conversations';
import type { Actor } from '../../server/policies';

jest.setTimeout(120_000);

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { messageLimits: { maxParticipants: 10, conversationsPerHour: 100, messagesPerMinute: 1000, newMemberConversationsPerHour: 100, newMemberMessagesPerMinute: 1000 } } });
});
afterAll(() => forum.destroy());

async function actorOf(username: string): Promise<Actor> {
  const member = (await forum.db.models.Member.findOne({ where: { username } }))!;
  return { memberId: member.id, role: member.role, displayName: member.displayName, username: member.username };
}

it('numbers 40 concurrent messages 1..41 and counts them unread for the other participant', async () => {
  const ms = await actorOf('MsS');
  const marija = await actorOf('MarijaJ');
  const limits = forum.config.messageLimits;
  const id = await startConversation(forum.db, { actor: ms, to: { team: false, usernames: ['MarijaJ'] }, subject: 'Numbering', source: 'first', limits });
  const conversation = { id, kind: 'members' as const, startedById: ms.memberId! };
  const numbers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => sendMessage(forum.db, { actor: i % 2 ? ms : marija, conversation, source: `message ${i}`, citeStarter: false, limits })),
  );
  expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
  const [rows] = await forum.db.sequelize.query(`SELECT number FROM messages WHERE conversation_id = ${id} ORDER BY number`);
  expect((rows as Array<{ number: number }>).map((row) => Number(row.number))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  const [participants] = await forum.db.sequelize.query(`SELECT last_message_number FROM conversation_participants WHERE conversation_id = ${id}`);
  expect((participants as Array<{ last_message_number: number }>).map((row) => Number(row.last_message_number))).toEqual([41, 41]);
});
