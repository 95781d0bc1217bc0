/** Finding members by name for the staff lookup, and everything one member's status page shows. */
import type { Member, VerificationEvent, VerificationRecord } from '../../../models';
import type { Database } from '../../db';
import { getMemberByUsername } from '../members';
import { currentPolicy } from './policy';
import { eventsOf, recordOf, statusInputOf } from './records';
import { BadgePolicy, BadgeStatus, badgeStatus } from './status';
import { QueryTypes } from 'sequelize';

export const LOOKUP_LIMIT = 20;

/** LIKE treats % and _ as wildcards: a name containing them must match them literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Candidates each name range offers before the page's order is applied (see findMembersByPrefix). */
export const LOOKUP_CANDIDATES = 200;

const range = (key: string) => `${key} >= :prefix AND ${key} < :prefixEnd AND ${key} LIKE :pattern ESCAPE '\\'`;
export const LOOKUP_CANDIDATES_SQL = `SELECT id FROM (SELECT id FROM members WHERE ${range('username_key')} ORDER BY username_key LIMIT ${LOOKUP_CANDIDATES}) by_username
  UNION
  SELECT id FROM (SELECT id FROM members WHERE ${range('lower(display_name)')} ORDER BY lower(display_name) LIMIT ${LOOKUP_CANDIDATES}) by_display_name`;

export function lookupReplacements(wanted: string): Record<string, string> {
  return { prefix: wanted, prefixEnd: `${wanted}\uffff`, pattern: likePrefix(wanted) };
}

/**
 * Members whose username or display name starts with the prefix, ignoring case, each with their
 * record. The matches come from two bounded index ranges (members.username_key, and
 * lower(display_name) of migration 030), at most LOOKUP_CANDIDATES from each in index order; the
 * first `limit` of those by display name are shown. So a lookup costs the same with a million
 * members; a prefix matching more than the candidates shows some of them, and typing more narrows
 * it. The range is written out (>=, <) beside the LIKE, which stays the exact test, so both
 * databases read the index rather than every member. ESCAPE names the backslash on both.
 */
export async function findMembersByPrefix(db: Database, prefix: string, limit = LOOKUP_LIMIT): Promise<Member[]> {
  const wanted = prefix.trim().toLowerCase();
  if (!wanted) return [];
  const candidates = await db.read<{ id: number }>(LOOKUP_CANDIDATES_SQL, lookupReplacements(wanted));
  if (candidates.length === 0) return [];
  return db.models.Member.findAll({
    where: { id: candidates.map((row) => Number(row.id)) },
    include: [{ model: db.models.VerificationRecord, as: 'verificationRecord', required: false }],
    order: [['displayName', 'ASC'], ['id', 'ASC']],
    limit,
  });
}

export interface BadgeProfile {
  member: Member;
  record: VerificationRecord | null;
  policy: BadgePolicy;
  status: BadgeStatus;
}

/** A member's status as of now. */
export async function badgeProfile(db: Database, member: Member, now: Date): Promise<BadgeProfile> {
  const [record, policy] = await Promise.all([recordOf(db, member.id), currentPolicy(db)]);
  return { member, record, policy, status: badgeStatus(statusInputOf(record), policy, now) };
}

export async function badgeProfileByUsername(db: Database, username: string, now: Date): Promise<BadgeProfile & { events: VerificationEvent[] }> {
  const member = await getMemberByUsername(db, username);
  const [profile, events] = await Promise.all([badgeProfile(db, member, now), eventsOf(db, member.id)]);
  return { ...profile, events };
}

/** Threads a title search reads at most: the most recently active, by the threads_latest index. */
export const CITE_SEARCH_WINDOW = 2000;

/** A title search as a LIKE pattern: the words in order, anywhere in the title, wildcards literal. */
function titlePattern(query: string): string | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length ? `%${words.map((word) => word.replace(/[\\%_]/g, (char) => `\\${char}`)).join('%')}%` : null;
}

/**
 * The threads a status is most likely cited in: those the cited member posted in first (their
 * question is most likely there), then the most recently active; with a query, only titles
 * containing its words, read from the latest CITE_SEARCH_WINDOW threads so a request's work is
 * bounded. A hidden thread takes no replies, so it is never offered.
 */
export async function threadsToCiteIn(
  db: Database,
  options: { limit?: number; memberId?: number | null; query?: string } = {},
): Promise<Array<{ id: number; title: string; theirs: boolean }>> {
  const limit = options.limit ?? 20;
  const pattern = titlePattern(options.query ?? '');
  const titleSql = pattern ? "AND lower(t.title) LIKE :pattern ESCAPE '\\'" : '';
  const latest = await db.sequelize.query<{ id: number; title: string }>(
    `SELECT t.id, t.title FROM (SELECT id, title, last_post_at FROM threads WHERE hidden_at IS NULL ORDER BY last_post_at DESC, id DESC LIMIT :window) t
     WHERE 1 = 1 ${titleSql} ORDER BY t.last_post_at DESC, t.id DESC LIMIT :limit`,
    { replacements: { window: pattern ? CITE_SEARCH_WINDOW : limit, limit, pattern }, type: QueryTypes.SELECT },
  );
  // Read from the member's latest 200 posts (the author index), so a prolific member costs no more.
  const memberId = options.memberId ?? null;
  const theirs = memberId === null ? [] : await db.sequelize.query<{ id: number; title: string }>(
    `SELECT t.id, t.title FROM threads t
     WHERE t.hidden_at IS NULL ${titleSql} AND t.id IN (SELECT p.thread_id FROM (SELECT thread_id FROM posts WHERE author_id = :memberId ORDER BY created_at DESC LIMIT 200) p)
     ORDER BY t.last_post_at DESC, t.id DESC LIMIT 10`,
    { replacements: { memberId, pattern }, type: QueryTypes.SELECT },
  );
  const theirIds = new Set(theirs.map((thread) => Number(thread.id)));
  return [
    ...theirs.map((thread) => ({ id: Number(thread.id), title: thread.title, theirs: true })),
    ...latest.filter((thread) => !theirIds.has(Number(thread.id))).map((thread) => ({ id: Number(thread.id), title: thread.title, theirs: false })),
  ];
}
