/**
 * Earned ranks: a manager-edited ladder of titles with thresholds (posts, kudos received, accepted
 * solutions, days since joining). Only contributors earn ranks: staff and gurus show their role's
 * title, and a manager may pin any member's title by hand. The displayed title stays in one
 * column (members.rank_title), so every page reads it with the author join it already has; the
 * recomputation writes it inside the transaction that changed the numbers (a post, a kudo, a
 * solution), for that member only, and set-based (one UPDATE) when the ladder changes. Days since
 * joining move without any write, so a member's rank is also recomputed when they sign in.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import { ValidationError } from '../errors';

export interface Rank {
  title: string;
  minPosts: number;
  minKudos: number;
  minSolutions: number;
  minDays: number;
}

/** A ladder longer than this is not a ladder; it also bounds the CASE the recomputation builds. */
export const MAX_RANKS = 12;

/** The role whose members earn ranks from the ladder. */
const EARNING_ROLE = 'contributor';

export async function readLadder(db: Database, transaction?: Transaction): Promise<Rank[]> {
  const rows = await db.sequelize.query<Record<string, unknown>>(
    'SELECT title, min_posts, min_kudos, min_solutions, min_days FROM ranks ORDER BY position',
    { type: QueryTypes.SELECT, transaction },
  );
  return rows.map((row) => ({
    title: String(row.title),
    minPosts: Number(row.min_posts),
    minKudos: Number(row.min_kudos),
    minSolutions: Number(row.min_solutions),
    minDays: Number(row.min_days),
  }));
}

function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The title as SQL over a members row: the highest rank whose thresholds are all met. Days are
 * compared as the latest joining date that qualifies, computed here, so the SQL is the same on
 * SQLite and PostgreSQL (no date arithmetic in the database).
 */
function titleSql(ladder: Rank[], now: Date): { sql: string; replacements: Record<string, unknown> } {
  const replacements: Record<string, unknown> = {};
  const whens = ladder
    .map((rank, index) => {
      Object.assign(replacements, {
        [`rankPosts${index}`]: rank.minPosts,
        [`rankKudos${index}`]: rank.minKudos,
        [`rankSolutions${index}`]: rank.minSolutions,
        [`rankJoined${index}`]: dayBefore(now, rank.minDays),
        [`rankTitle${index}`]: rank.title,
      });
      return `WHEN post_count >= :rankPosts${index} AND kudos_received >= :rankKudos${index} AND solution_count >= :rankSolutions${index} AND member_since <= :rankJoined${index} THEN :rankTitle${index}`;
    })
    .reverse();
  return { sql: whens.length ? `CASE ${whens.join(' ')} ELSE NULL END` : 'NULL', replacements };
}

/**
 * Recomputes the rank titles of the given members (or, with null, of every contributor whose rank
 * is not pinned: one set-based UPDATE), in the caller's transaction.
 */
export async function recomputeRanks(db: Database, transaction: Transaction, memberIds: number[] | null, now = new Date()): Promise<void> {
  if (memberIds !== null && memberIds.length === 0) return;
  const ladder = await readLadder(db, transaction);
  const title = titleSql(ladder, now);
  const which = memberIds === null ? '' : 'AND id IN (:memberIds)';
  await db.sequelize.query(
    `UPDATE members SET rank_title = ${title.sql} WHERE role = :earningRole AND rank_pinned = :unpinned ${which}`,
    { replacements: { ...title.replacements, earningRole: EARNING_ROLE, unpinned: false, memberIds: memberIds ?? [] }, transaction },
  );
}

/** One member's rank, in its own transaction (sign-in: the days since joining may have moved it). */
export async function refreshRankOf(db: Database, memberId: number): Promise<void> {
  await db.writeTransaction((transaction) => recomputeRanks(db, transaction, [memberId]));
}

/** Replaces the ladder and recomputes every unpinned contributor's title, in one transaction. */
export async function saveLadder(db: Database, ladder: Rank[], now = new Date()): Promise<void> {
  if (ladder.length === 0) throw new ValidationError({ form: 'The ladder needs at least one rank.' });
  if (ladder.length > MAX_RANKS) throw new ValidationError({ form: `At most ${MAX_RANKS} ranks.` });
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('DELETE FROM ranks', { transaction });
    await db.sequelize.getQueryInterface().bulkInsert(
      'ranks',
      ladder.map((rank, position) => ({
        position,
        title: rank.title,
        min_posts: rank.minPosts,
        min_kudos: rank.minKudos,
        min_solutions: rank.minSolutions,
        min_days: rank.minDays,
        updated_at: now,
      })),
      { transaction },
    );
    await recomputeRanks(db, transaction, null, now);
  });
}

/**
 * A manager's rank title for a contributor (the role form on the profile) pins it; clearing it
 * unpins it and lets the ladder decide again. Called in the role change's transaction.
 */
export async function setRankPin(db: Database, transaction: Transaction, memberId: number, pinned: boolean): Promise<void> {
  await db.sequelize.query('UPDATE members SET rank_pinned = :pinned WHERE id = :memberId', { replacements: { pinned, memberId }, transaction });
  if (!pinned) await recomputeRanks(db, transaction, [memberId]);
}

/** What a profile shows of a member's activity and rank. */
export interface MemberActivity {
  kudosReceived: number;
  kudosGiven: number;
  solutionCount: number;
  rankPinned: boolean;
}

export async function activityOf(db: Database, memberId: number): Promise<MemberActivity | null> {
  const [row] = await db.sequelize.query<Record<string, unknown>>(
    'SELECT kudos_received, kudos_given, solution_count, rank_pinned FROM members WHERE id = :memberId',
    { replacements: { memberId }, type: QueryTypes.SELECT },
  );
  if (!row) return null;
  return {
    kudosReceived: Number(row.kudos_received),
    kudosGiven: Number(row.kudos_given),
    solutionCount: Number(row.solution_count),
    rankPinned: row.rank_pinned === true || row.rank_pinned === 1 || row.rank_pinned === '1',
  };
}

/** The seed's members show the titles the rollout thread shows ("Ace Contributor"): pinned, not earned. */
export async function pinSeededRanks(db: Database): Promise<void> {
  await db.writeTransaction((transaction) =>
    db.sequelize.query('UPDATE members SET rank_pinned = :yes WHERE is_seeded = :yes AND rank_title IS NOT NULL', { replacements: { yes: true }, transaction }),
  );
}
