/**
 * The member directory's read (/u): members ordered by username (its unique lower-cased key,
 * members.username_key, already indexed), a page at a time with a keyset cursor (the last key
 * shown), optionally only usernames starting with a prefix. One query per page, whatever the
 * page's depth; no OFFSET. The prefix is a range on the same index ([prefix, prefix + U+FFFF)),
 * with LIKE kept as the exact test, so it is an index range scan on SQLite and PostgreSQL alike.
 */
import type { Database } from '../db';
import { authorColumns, authorOf, AuthorRow, select } from './rows';

export const DIRECTORY_PAGE_SIZE = 50;
/** Longer prefixes name nobody (usernames are at most 40 characters). */
export const MAX_PREFIX_LENGTH = 40;

export interface DirectoryMemberRow {
  member: AuthorRow & { isPrivate: boolean; postCount: number; hiddenPostCount: number; kudosReceived: number };
  usernameKey: string;
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function readMemberDirectory(db: Database, options: { prefix: string; after: string | null }): Promise<{ members: DirectoryMemberRow[]; nextAfter: string | null }> {
  const prefix = options.prefix.trim().toLowerCase().slice(0, MAX_PREFIX_LENGTH);
  const conditions = ['m.username_key > :after'];
  const replacements: Record<string, unknown> = { after: options.after ?? '' };
  if (prefix) {
    conditions.push("m.username_key >= :prefix AND m.username_key < :prefixEnd AND m.username_key LIKE :pattern ESCAPE '\\'");
    Object.assign(replacements, { prefix, prefixEnd: `${prefix}\uffff`, pattern: likePrefix(prefix) });
  }
  const rows = await select(
    db,
    `SELECT m.username_key, m.is_private, m.post_count, m.hidden_post_count, m.kudos_received, ${authorColumns('m')}
     FROM members m WHERE ${conditions.join(' AND ')}
     ORDER BY m.username_key LIMIT ${DIRECTORY_PAGE_SIZE + 1}`,
    replacements,
  );
  const members = rows.slice(0, DIRECTORY_PAGE_SIZE).map((row) => ({
    usernameKey: String(row.username_key),
    member: {
      ...authorOf(row, 'm')!,
      isPrivate: row.is_private === true || row.is_private === 1 || row.is_private === '1',
      postCount: Number(row.post_count),
      hiddenPostCount: Number(row.hidden_post_count),
      kudosReceived: Number(row.kudos_received ?? 0),
    },
  }));
  return { members, nextAfter: rows.length > DIRECTORY_PAGE_SIZE ? members[members.length - 1].usernameKey : null };
}
