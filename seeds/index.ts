/**
 * Seeds the forum with its boards, the members of the rollout thread and the thread itself
 * (seeds/data/rollout.json: ten posts, verbatim). Runs through the services, and is re-runnable:
 * what already exists is left alone, so a second run adds nothing.
 */
import type { Config } from '../server/config';
import type { Database } from '../server/db';
import { setPassword } from '../server/services/accounts';
import { createPasswordHasher } from '../server/services/passwords';
import type { Role } from '../models';
import { createBoard } from '../server/services/boards';
import { createMember, findMemberByUsername } from '../server/services/members';
import { replyToThread, startThread } from '../server/services/posting';
import { addEtaNote } from '../server/services/eta';
import { markOfficialAnswer } from '../server/services/officialAnswers';
import { applyFeedEvent, verificationEventSchema } from '../server/services/badges/feed';
import badges from './data/badges.json';
import rollout from './data/rollout.json';
import { setBoardQa } from '../server/services/qaBoards';
import { pinSeededRanks } from '../server/services/ranks';
import { seedQuestions } from './questions';

interface SeedMember {
  username: string;
  displayName: string;
  role: string;
  rankTitle: string;
  memberSince: string;
  isPrivate: boolean;
}

interface SeedPost {
  author: string;
  hoursBeforeSeed: number;
  source: string;
  etaNote?: { author: string; text: string; promisedWindow: string; hoursBeforeSeed: number };
}

export interface SeedReport {
  boardsCreated: number;
  membersCreated: number;
  threadsCreated: number;
  badgeRecordsCreated: number;
}

const HOUR_MS = 3_600_000;

function hoursBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * HOUR_MS);
}

async function seedBoards(db: Database): Promise<number> {
  let created = 0;
  for (const [position, board] of rollout.boards.entries()) {
    if (await db.models.Board.findOne({ where: { slug: board.slug } })) continue;
    await createBoard(db, { ...board, position });
    created += 1;
  }
  return created;
}

async function seedMembers(db: Database): Promise<number> {
  let created = 0;
  for (const member of rollout.members as SeedMember[]) {
    if (await findMemberByUsername(db, member.username)) continue;
    await createMember(db, { ...member, role: member.role as Role, isSeeded: true });
    created += 1;
  }
  return created;
}

/**
 * Outside production, seeded members who have no password get the development password, so a
 * newcomer can sign in as every role. In production they get none (and sign-in refuses them).
 */
async function giveSeededMembersDevPassword(db: Database, config: Pick<Config, 'passwordHashCost' | 'devPassword'>): Promise<void> {
  const passwords = createPasswordHasher(config.passwordHashCost);
  const withoutPassword = await db.models.Member.scope('withPassword').findAll({
    where: { isSeeded: true, passwordHash: null },
    attributes: ['id'],
  });
  for (const member of withoutPassword) {
    await setPassword({ db, passwords }, member.id, config.devPassword);
  }
}

async function memberId(db: Database, username: string): Promise<number> {
  const member = await findMemberByUsername(db, username);
  if (!member) throw new Error(`seed member ${username} is missing`);
  return member.id;
}

async function seedRolloutThread(db: Database, now: Date): Promise<number> {
  const spec = rollout.thread;
  const board = await db.models.Board.findOne({ where: { slug: spec.board } });
  if (!board) throw new Error(`seed board ${spec.board} is missing`);
  if (await db.models.Thread.findOne({ where: { boardId: board.id, title: spec.title } })) return 0;

  const posts = spec.posts as SeedPost[];
  // Resolve authors first: reads outside the transaction would not see its uncommitted rows.
  const authorIds = new Map<string, number>();
  for (const username of new Set(posts.flatMap((post) => [post.author, post.etaNote?.author ?? post.author]))) {
    authorIds.set(username, await memberId(db, username));
  }
  const authorOf = (username: string): number => authorIds.get(username) as number;

  // One transaction: a start interrupted half-way leaves no half-seeded thread behind.
  await db.writeTransaction(async (transaction) => {
    const [first, ...replies] = posts;
    const { thread } = await startThread(
      db,
      {
        boardId: board.id,
        authorId: authorOf(first.author),
        title: spec.title,
        source: first.source,
        at: hoursBefore(now, first.hoursBeforeSeed),
        notify: false,
      },
      { transaction },
    );
    // Marked when it was written, so the moderation log reads in order.
    await markOfficialAnswer(
      db,
      { threadId: thread.id, postNumber: spec.officialAnswerPostNumber, actorId: authorOf(first.author), at: hoursBefore(now, first.hoursBeforeSeed), notify: false },
      { transaction },
    );
    for (const reply of replies) {
      const post = await replyToThread(
        db,
        { threadId: thread.id, authorId: authorOf(reply.author), source: reply.source, at: hoursBefore(now, reply.hoursBeforeSeed), notify: false },
        { transaction },
      );
      if (reply.etaNote) {
        const notedAt = hoursBefore(now, reply.etaNote.hoursBeforeSeed);
        await addEtaNote(
          db,
          {
            postId: post.id,
            authorId: authorOf(reply.etaNote.author),
            source: reply.etaNote.text,
            promisedWindow: reply.etaNote.promisedWindow,
            dueAt: new Date(notedAt.getTime() + 48 * HOUR_MS),
            at: notedAt,
            notify: false,
          },
          { transaction },
        );
      }
    }
  });
  return 1;
}

/**
 * The verification records of ROLLOUT_RULES.md, as the events that made them, through the same
 * path as the feed. Each seed event has a fixed id, so a second run is a repeat and adds nothing.
 */
async function seedBadgeRecords(db: Database, now: Date): Promise<number> {
  const before = await db.models.VerificationRecord.count();
  for (const { hoursBeforeSeed, ...event } of badges.events) {
    const parsed = verificationEventSchema.parse({ ...event, occurredAt: hoursBefore(now, hoursBeforeSeed).toISOString() });
    if ((await applyFeedEvent(db, parsed, 'import')) === 'unknown_member') throw new Error(`seed member ${event.member} is missing`);
  }
  return (await db.models.VerificationRecord.count()) - before;
}

export interface SeedOptions {
  now?: Date;
  config: Pick<Config, 'env' | 'passwordHashCost' | 'devPassword'>;
}

/** Seeds what is missing; returns what it created. */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedReport> {
  const boardsCreated = await seedBoards(db);
  const membersCreated = await seedMembers(db);
  // Before the thread's posts recompute ranks: the seed's titles are pins, its question board is Q&A.
  if (membersCreated > 0) await pinSeededRanks(db);
  if (boardsCreated > 0) await setBoardQa(db, 'identity-verification', true);
  const now = options.now ?? new Date();
  const threadsCreated = await seedRolloutThread(db, now);
  const badgeRecordsCreated = await seedBadgeRecords(db, now);
  await seedQuestions(db);
  if (options.config.env !== 'production') await giveSeededMembersDevPassword(db, options.config);
  return { boardsCreated, membersCreated, threadsCreated, badgeRecordsCreated };
}
