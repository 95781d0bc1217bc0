/**
 * What the member and staff pages of the bench read, written after the forum (generate.ts) with
 * the rows the services would have left: a private conversation of 120 messages between the bench
 * reader and another member, a draft reply, 400 notifications from followed threads (and the other
 * members' notifications, one per post, so the table is not the reader's alone), a newcomer's
 * post held for approval, 15 saved replies, 30 open ETA notes, 25 open reports and 300 moderation
 * log entries. Batch inserts (insertRows.ts), in one transaction. Rows are chosen so the pages
 * measured before keep their content: nothing is left hidden, locked or pinned, ETA notes and
 * reports stay out of the megathread and the typical thread, and no post gets the three reports
 * that would hide it automatically (AUTO_HIDE_REPORTS).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../../server/db';
import { renderMarkdown } from '../../server/markdown';
import { dateOf } from '../../server/read/rows';
import { insertReturningId } from '../../server/services/messages/sql';
import { createPasswordHasher } from '../../server/services/passwords';
import { GeneratedForum, MEMBER_COLUMNS, random, sentence } from './generate';
import { insertRows } from './insertRows';

export interface SignedInForum {
  /** A Community Manager: the saved replies are a manager's list, refused to moderators. */
  managerUser: { username: string; password: string };
  /** The bench reader's conversation with another member (120 messages). */
  conversationId: number;
  /** The draft's place, as /drafts/<place> names it: a reply to the typical thread. */
  draftPlace: string;
  /** A newcomer's reply to the typical thread, waiting for a moderator. */
  pendingPostId: number;
}

/** A generated forum with its member and staff rows: what the bench measures. */
export type BenchForum = GeneratedForum & { signedIn: SignedInForum };

const HOUR = 3_600_000;
const MESSAGES = 120;
const NOTIFICATIONS = 400;
const UNREAD_NOTIFICATIONS = 40;
const SAVED_REPLIES = 15;
const ETA_NOTES = 30;
/** Reports per post: two at most, one below the automatic hide (3 distinct reporters). */
const REPORTS_PER_POST = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1];
const LOG_ENTRIES = 300;

type Rows = Array<Record<string, unknown>>;

async function rows(db: Database, transaction: Transaction, sql: string, replacements: Record<string, unknown>): Promise<Rows> {
  return db.sequelize.query<Record<string, unknown>>(sql, { replacements, type: QueryTypes.SELECT, transaction });
}

async function memberId(db: Database, transaction: Transaction, username: string): Promise<number> {
  const [row] = await rows(db, transaction, 'SELECT id FROM members WHERE username_key = :key', { key: username.toLowerCase() });
  if (!row) throw new Error(`generateSignedIn: no member ${username}`);
  return Number(row.id);
}

function text(next: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(next)).join(' ');
}

/** Writes the rows, and answers the ids the bench's pages need. */
export async function generateSignedIn(db: Database, forum: GeneratedForum, now = new Date()): Promise<SignedInForum> {
  process.stderr.write('Generating member and staff rows…\n');
  const next = random(2026);
  const passwords = createPasswordHasher(4);
  const managerUser = { username: 'benchmanager', password: 'bench manager password' };
  const managerHash = await passwords.hash(managerUser.password);
  const newcomerHash = await passwords.hash('bench newcomer password');
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const excluded = { mega: forum.megathread.id, typical: forum.typicalThread.id };

  const result = await db.writeTransaction(async (transaction) => {
    // A manager, and a member who joined today (a new member's first post with a link is held).
    const today = now.toISOString().slice(0, 10);
    await insertRows(db, transaction, 'members', MEMBER_COLUMNS, [
      [managerUser.username, managerUser.username, 'Bench Manager', 'manager', null, '2019-06-01', false, 0, managerHash, false, now, now],
      ['benchnewcomer', 'benchnewcomer', 'Bench Newcomer', 'contributor', null, today, false, 0, newcomerHash, false, at(3), at(3)],
    ]);
    const reader = await memberId(db, transaction, forum.benchUser.username);
    const moderator = await memberId(db, transaction, forum.staffUser.username);
    const manager = await memberId(db, transaction, managerUser.username);
    const newcomer = await memberId(db, transaction, 'benchnewcomer');
    const other = await memberId(db, transaction, 'bench1');

    const conversationId = await conversation(db, transaction, { reader, other, next, at });
    const draftPlace = `reply-${forum.typicalThread.id}`;
    await insertRows(db, transaction, 'drafts', ['member_id', 'scope', 'thread_id', 'board_id', 'title', 'source', 'updated_at'], [
      [reader, `t:${forum.typicalThread.id}`, forum.typicalThread.id, null, null, text(next, 4), at(0.3)],
    ]);
    await notifications(db, transaction, reader, now);
    const pendingPostId = await insertReturningId(
      db,
      `INSERT INTO pending_posts (author_id, thread_id, board_id, title, source, reply_to_number, status, reason, decided_by_id, decided_at, published_post_id, created_at)
       VALUES (:newcomer, :threadId, NULL, NULL, :source, NULL, 'pending', NULL, NULL, NULL, NULL, :at)`,
      { newcomer, threadId: forum.typicalThread.id, source: `${text(next, 2)}\n\nMy ticket is at https://support.example.com/tickets/4711 if that helps.`, at: at(2) },
      transaction,
    );
    await savedReplies(db, transaction, manager, next, at);
    const etaLog = await etaNotes(db, transaction, moderator, excluded, now);
    await reports(db, transaction, excluded, at);
    await moderationLog(db, transaction, { moderator, manager, excluded, etaLog, next, now });
    return { managerUser, conversationId, draftPlace, pendingPostId };
  });
  // Fresh statistics for the tables written (ANALYZE <table> is the same on both databases).
  for (const table of ['members', 'conversations', 'conversation_participants', 'messages', 'drafts', 'thread_follows', 'notifications', 'pending_posts', 'saved_replies', 'eta_notes', 'reports', 'moderation_log']) {
    await db.sequelize.query(`ANALYZE ${table}`);
  }
  return result;
}

/**
 * As startConversation and sendMessage leave it: the reader wrote the odd messages, the other
 * member the even ones, two hours apart; the reader has not read the last one yet.
 */
async function conversation(
  db: Database,
  transaction: Transaction,
  input: { reader: number; other: number; next: () => number; at: (hoursAgo: number) => Date },
): Promise<number> {
  const { reader, other, at } = input;
  const started = at(MESSAGES * 2 + 1);
  const last = at(1);
  const conversationId = await insertReturningId(
    db,
    `INSERT INTO conversations (subject, kind, started_by_id, status, assigned_to_id, resolved_at, resolved_by_id, last_message_number, last_message_at, created_at)
     VALUES (:subject, 'members', :reader, 'open', NULL, NULL, NULL, :count, :last, :started)`,
    { subject: 'Our verification calls, compared', reader, count: MESSAGES, last, started },
    transaction,
  );
  const messages: unknown[][] = [];
  for (let n = 1; n <= MESSAGES; n += 1) {
    const source = `${text(input.next, 2)}\n\n${text(input.next, 1)}`;
    messages.push([conversationId, n, n % 2 === 1 ? reader : other, source, renderMarkdown(source).html, at((MESSAGES - n) * 2 + 1)]);
  }
  await insertRows(db, transaction, 'messages', ['conversation_id', 'number', 'author_id', 'source', 'html', 'created_at'], messages);
  const participant = ['conversation_id', 'member_id', 'role', 'last_read_message_number', 'last_message_number', 'last_message_at', 'left_at', 'created_at'];
  await insertRows(db, transaction, 'conversation_participants', participant, [
    [conversationId, reader, 'member', MESSAGES - 1, MESSAGES, last, null, started],
    [conversationId, other, 'member', MESSAGES, MESSAGES, last, null, started],
  ]);
  return conversationId;
}

/**
 * The reader follows the most active threads (the megathread among them) and was told of their
 * latest posts, as postNews.ts tells followers: a reply each, or a mention or quote instead; the
 * newest 40 unread, the rest read half an hour after they came.
 */
async function notifications(db: Database, transaction: Transaction, reader: number, now: Date): Promise<void> {
  const threads = await rows(db, transaction, 'SELECT id, post_count FROM threads ORDER BY last_post_at DESC, id DESC LIMIT 40', {});
  const posts = (await rows(
    db,
    transaction,
    `SELECT p.id, p.thread_id, p.author_id, p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id
     WHERE p.thread_id IN (:threadIds) AND p.number > t.post_count - 20 AND p.author_id <> :reader`,
    { threadIds: threads.map((thread) => Number(thread.id)), reader },
  ))
    .map((post) => ({ id: Number(post.id), threadId: Number(post.thread_id), authorId: Number(post.author_id), at: dateOf(post.created_at) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
    .slice(0, NOTIFICATIONS);
  const followed = [...new Set(posts.map((post) => post.threadId))];
  const since = new Date(Math.min(...posts.map((post) => post.at.getTime())) - 24 * HOUR);
  await insertRows(db, transaction, 'thread_follows', ['member_id', 'thread_id', 'created_at'], followed.map((threadId) => [reader, threadId, since]));
  // Written oldest first, as they came: ids grow with time, and the page lists by id.
  const notificationRows = posts.map((post, i) => {
    const kind = i % 20 === 7 ? 'mention' : i % 30 === 11 ? 'quote' : 'reply';
    const readAt = i < UNREAD_NOTIFICATIONS ? null : new Date(Math.min(now.getTime(), post.at.getTime() + HOUR / 2));
    return [reader, kind, post.threadId, post.id, post.authorId, '{}', readAt, post.at];
  }).reverse();
  await insertRows(db, transaction, 'notifications', ['member_id', 'kind', 'thread_id', 'post_id', 'actor_id', 'details', 'read_at', 'created_at'], notificationRows);
  // The other members' news, one notification of every post for some member (a tenth unread), so
  // the table and its statistics are a forum's rather than one member's: with only the reader's
  // rows, the planner rightly walks the whole table for their page (SQLite: SCAN notifications),
  // a plan a real forum would never get. Bench members 0..N-1 have consecutive ids (generate.ts).
  const [members] = await rows(db, transaction, `SELECT MIN(id) AS first, COUNT(*) AS count FROM members WHERE display_name LIKE 'Bench Member %'`, {});
  const someone = `(:first + (p.id * 613) % :count)`;
  await db.sequelize.query(
    `INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, read_at, created_at)
     SELECT ${someone}, 'reply', p.thread_id, p.id, p.author_id, '{}', CASE WHEN p.id % 10 = 0 THEN NULL ELSE p.created_at END, p.created_at
     FROM posts p WHERE p.author_id <> ${someone}`,
    { replacements: { first: Number(members.first), count: Number(members.count) }, transaction },
  );
}

const SAVED_REPLY_TITLES = [
  'Badge status: waiting', 'Badge status: awarded', 'Video call: camera checks', 'Video call: rescheduling', 'Documents: accepted IDs',
  'Documents: blurry photo', 'Eligibility: region', 'Eligibility: legacy accounts', 'Appeal: how to', 'Appeal: outcome',
  'Window: policy explained', 'Duplicate thread', 'Please use the megathread', 'Account security first', 'Escalated to support',
];

/** As createSavedReply writes them (a manager's), some used many times since. */
async function savedReplies(db: Database, transaction: Transaction, manager: number, next: () => number, at: (hoursAgo: number) => Date): Promise<void> {
  const replyRows = SAVED_REPLY_TITLES.slice(0, SAVED_REPLIES).map((title, i) => {
    const source = `Hi {member}, ${text(next, 2)}\n\nYour badge status is {badge_status} ({badge_window}); the policy says {policy_window}.`;
    return [title, source, (i * 7) % 40, manager, manager, at(24 * (60 - i)), at(24 * (30 - i))];
  });
  await insertRows(db, transaction, 'saved_replies', ['title', 'source', 'use_count', 'created_by_id', 'updated_by_id', 'created_at', 'updated_at'], replyRows);
}

interface LogRow {
  actorId: number;
  action: string;
  subjectMemberId: number | null;
  threadId: number | null;
  postId: number | null;
  details: Record<string, unknown>;
  reason: string | null;
  at: Date;
}

const WINDOWS: Array<[string | null, number | null]> = [['24-48 hours', 48], ['72 hours', 72], ['1 week', 168], [null, null], ['5 days', 120]];

/**
 * Open promises as addEtaNote writes them: on staff members' posts (the only posts that take
 * one), outside the megathread and the typical thread, made over the last six days, so some are
 * past due; answers their eta.add log entries.
 */
async function etaNotes(db: Database, transaction: Transaction, moderator: number, excluded: { mega: number; typical: number }, now: Date): Promise<LogRow[]> {
  const posts = await rows(
    db,
    transaction,
    `SELECT p.id, p.thread_id FROM posts p JOIN members m ON m.id = p.author_id
     WHERE m.role IN ('moderator', 'manager') AND p.thread_id NOT IN (:mega, :typical) ORDER BY p.id DESC LIMIT ${ETA_NOTES}`,
    excluded,
  );
  if (posts.length < ETA_NOTES) process.stderr.write(`  only ${posts.length} staff posts for ETA notes\n`);
  const log: LogRow[] = [];
  const noteRows = posts.map((post, i) => {
    const [window, hours] = WINDOWS[i % WINDOWS.length];
    const at = new Date(now.getTime() - (i * 144 * HOUR) / ETA_NOTES - HOUR);
    const dueAt = hours === null ? null : new Date(at.getTime() + hours * HOUR);
    const source = window ? `We expect the next step within ${window}; I will post here when it happens.` : 'We are looking into this and will follow up here.';
    log.push({ actorId: moderator, action: 'eta.add', subjectMemberId: null, threadId: Number(post.thread_id), postId: Number(post.id), details: { to: window, dueAt }, reason: null, at });
    return [Number(post.id), moderator, source, renderMarkdown(source).html, window, dueAt, 'open', null, null, null, null, at, at];
  });
  const columns = ['post_id', 'author_id', 'source', 'html', 'promised_window', 'due_at', 'status', 'closed_at', 'closed_by_id', 'close_reason', 'follow_up_post_id', 'created_at', 'updated_at'];
  await insertRows(db, transaction, 'eta_notes', columns, noteRows);
  return log;
}

const REASONS = ['spam', 'abusive', 'personal', 'offtopic', 'other'];

/** Open reports as reportPost files them: recent posts, a reporter never the author, in the last three days. */
async function reports(db: Database, transaction: Transaction, excluded: { mega: number; typical: number }, at: (hoursAgo: number) => Date): Promise<void> {
  const posts = await rows(
    db,
    transaction,
    `SELECT p.id, p.author_id FROM posts p JOIN members m ON m.id = p.author_id
     WHERE p.thread_id NOT IN (:mega, :typical) AND p.number > 1 AND m.role = 'contributor' ORDER BY p.id DESC LIMIT ${REPORTS_PER_POST.length}`,
    excluded,
  );
  const reporters = (await rows(db, transaction, `SELECT id FROM members WHERE username_key LIKE 'bench%' AND role = 'contributor' ORDER BY id LIMIT 60`, {})).map((row) => Number(row.id));
  const reportRows: unknown[][] = [];
  let k = 0;
  posts.forEach((post, j) => {
    for (let r = 0; r < REPORTS_PER_POST[j]; r += 1) {
      let reporter = reporters[k++ % reporters.length];
      if (reporter === Number(post.author_id)) reporter = reporters[k++ % reporters.length];
      const when = at(70 - j * 5 - r);
      reportRows.push([Number(post.id), reporter, REASONS[(j + r) % REASONS.length], r === 0 ? 'This does not belong here.' : null, 'open', null, null, when, when]);
    }
  });
  await insertRows(db, transaction, 'reports', ['post_id', 'reporter_id', 'reason', 'note', 'status', 'closed_at', 'closed_by_id', 'created_at', 'updated_at'], reportRows);
}

/**
 * Sixty days of staff work, as recordAction writes it: the ETA notes' entries, and actions that
 * were undone (lock and unlock, hide and restore, pin and unpin) so no page shows their state,
 * reports left up, and role changes to the gurus of today.
 */
async function moderationLog(
  db: Database,
  transaction: Transaction,
  input: { moderator: number; manager: number; excluded: { mega: number; typical: number }; etaLog: LogRow[]; next: () => number; now: Date },
): Promise<void> {
  const { manager, next } = input;
  const posts = await rows(
    db,
    transaction,
    'SELECT id, thread_id, author_id FROM posts WHERE thread_id NOT IN (:mega, :typical) AND id % 7 = 3 ORDER BY id LIMIT 200',
    input.excluded,
  );
  const moderators = [input.moderator, ...(await rows(db, transaction, `SELECT id FROM members WHERE role = 'moderator' ORDER BY id LIMIT 9`, {})).map((row) => Number(row.id))];
  const gurus = (await rows(db, transaction, `SELECT id FROM members WHERE role = 'guru' ORDER BY id LIMIT 40`, {})).map((row) => Number(row.id));
  const log: LogRow[] = [...input.etaLog];
  const groups = Math.ceil((LOG_ENTRIES - log.length) / 3);
  for (let g = 0; g < groups; g += 1) {
    const post = posts[g % posts.length];
    const other = posts[(g * 13 + 5) % posts.length];
    const threadId = Number(post.thread_id);
    const actorId = moderators[Math.floor(next() * moderators.length)];
    // Groups start over 60 days ending 5 days ago: the latest undo (an unpin, 3 days on) is in the past.
    const start = input.now.getTime() - 65 * 24 * HOUR + (g * 60 * 24 * HOUR) / groups;
    const t = (minutes: number) => new Date(start + minutes * 60_000);
    const base = { subjectMemberId: null, postId: null, details: {}, reason: null };
    if (g % 3 === 0) {
      log.push({ ...base, actorId, action: 'thread.lock', threadId, reason: 'Cooling down for a day.', at: t(0) });
      log.push({ ...base, actorId, action: 'thread.unlock', threadId, at: t(24 * 60) });
    } else if (g % 3 === 1) {
      const reason = 'Personal details in the post.';
      const hidden = { ...base, actorId, subjectMemberId: Number(post.author_id), threadId, postId: Number(post.id) };
      log.push({ ...hidden, action: 'post.hide', reason, at: t(0) });
      log.push({ ...hidden, action: 'post.restore', details: { hiddenFor: reason }, reason: 'Edited by the author.', at: t(90) });
    } else {
      log.push({ ...base, actorId: manager, action: 'thread.pin', threadId, details: { until: null }, at: t(0) });
      log.push({ ...base, actorId: manager, action: 'thread.unpin', threadId, at: t(3 * 24 * 60) });
    }
    const third: LogRow = g % 2 === 0 || gurus.length === 0
      ? { ...base, actorId, action: 'report.dismiss', subjectMemberId: Number(other.author_id), threadId: Number(other.thread_id), postId: Number(other.id), details: { reports: 1 + (g % 2), hideReason: null, restored: false }, at: t(30) }
      : { ...base, actorId: manager, action: 'role.change', subjectMemberId: gurus[g % gurus.length], threadId: null, details: { fromRole: 'contributor', toRole: 'guru', fromRankTitle: null, toRankTitle: null }, at: t(45) };
    log.push(third);
  }
  // Written in time order, as they happened: the log lists by id.
  const entries = log.slice(0, LOG_ENTRIES).sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertRows(
    db,
    transaction,
    'moderation_log',
    ['actor_id', 'action', 'subject_member_id', 'thread_id', 'post_id', 'details', 'reason', 'created_at'],
    entries.map((entry) => [entry.actorId, entry.action, entry.subjectMemberId, entry.threadId, entry.postId, JSON.stringify(entry.details), entry.reason, entry.at]),
  );
}
