/**
 * Checks a forum database the way an operator would after a crash or a restore: SQLite's own
 * integrity check, each expected post present with its exact text and author, and every thread,
 * board and member counter equal to the posts counted.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../server/db';

export interface ExpectedPost {
  threadId: number;
  number: number;
  body: string;
  author: string;
}

export interface Consistency {
  /** "ok", SQLite's list of problems, or "not applicable" on PostgreSQL. */
  integrity: string;
  /** Expected posts not found, or found with other text or another author. */
  lost: string[];
  counterDrift: string[];
}

export async function checkConsistency(db: Database, expected: ExpectedPost[]): Promise<Consistency> {
  const select = <T extends object>(sql: string) => db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  // Not typed SELECT: those go to read-only connections, and FTS5's part of the check writes.
  const pragma = async <T extends object>(sql: string) => (await db.sequelize.query(sql))[0] as T[];

  let integrity = 'not applicable';
  if (db.dialect === 'sqlite') {
    const rows = await pragma<{ integrity_check: string }>('PRAGMA integrity_check');
    integrity = rows.map((row) => row.integrity_check).join('; ');
    const foreignKeys = await pragma<object>('PRAGMA foreign_key_check');
    if (foreignKeys.length) integrity += `; ${foreignKeys.length} foreign key violations`;
  }

  const posts = await select<{ thread_id: number; number: number; source: string; username: string }>(
    'SELECT p.thread_id, p.number, p.source, m.username FROM posts p JOIN members m ON m.id = p.author_id',
  );
  const stored = new Map(posts.map((post) => [`${post.thread_id}/${post.number}`, post]));
  const lost: string[] = [];
  const claimed = new Set<string>();
  for (const post of expected) {
    const key = `${post.threadId}/${post.number}`;
    const found = stored.get(key);
    if (claimed.has(key)) lost.push(`post ${key} was acknowledged twice`);
    claimed.add(key);
    if (!found) lost.push(`post ${key} by ${post.author} is missing`);
    else if (!Buffer.from(found.source, 'utf8').equals(Buffer.from(post.body, 'utf8'))) lost.push(`post ${key} has other text: ${JSON.stringify(found.source).slice(0, 80)}`);
    else if (found.username !== post.author) lost.push(`post ${key} has another author: ${found.username}`);
  }

  const threads = await select<{ id: number; post_count: number; last_post_number: number; posts: number; highest: number | null }>(
    `SELECT t.id, t.post_count, t.last_post_number, COUNT(p.id) AS posts, MAX(p.number) AS highest
       FROM threads t LEFT JOIN posts p ON p.thread_id = t.id GROUP BY t.id, t.post_count, t.last_post_number`,
  );
  const boards = await select<{ id: number; thread_count: number; post_count: number; threads: number; posts: number }>(
    `SELECT b.id, b.thread_count, b.post_count,
            (SELECT COUNT(*) FROM threads t WHERE t.board_id = b.id) AS threads,
            (SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.board_id = b.id) AS posts
       FROM boards b`,
  );
  const members = await select<{ username: string; post_count: number; posts: number }>(
    'SELECT m.username, m.post_count, (SELECT COUNT(*) FROM posts p WHERE p.author_id = m.id) AS posts FROM members m',
  );
  // PostgreSQL returns COUNT(*) as a string; Number() reads both.
  const counterDrift = [
    ...threads
      // Numbers are gap-free: the highest is the count.
      .filter((row) => [row.post_count, row.last_post_number, row.highest ?? 0].some((value) => Number(value) !== Number(row.posts)))
      .map((row) => `thread ${row.id}: post_count ${row.post_count}, last_post_number ${row.last_post_number}, ${row.posts} posts numbered up to ${row.highest}`),
    ...boards
      .filter((row) => Number(row.thread_count) !== Number(row.threads) || Number(row.post_count) !== Number(row.posts))
      .map((row) => `board ${row.id}: thread_count ${row.thread_count} for ${row.threads} threads, post_count ${row.post_count} for ${row.posts} posts`),
    ...members
      .filter((row) => Number(row.post_count) !== Number(row.posts))
      .map((row) => `member ${row.username}: post_count ${row.post_count} for ${row.posts} posts`),
  ];
  return { integrity, lost, counterDrift };
}
