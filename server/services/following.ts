/** Following threads and boards. Writes are idempotent inserts, so following twice is harmless. */
import { Transaction } from 'sequelize';
import type { Database } from '../db';

type Target = 'thread' | 'board';

const TABLES: Record<Target, { table: string; column: string }> = {
  thread: { table: 'thread_follows', column: 'thread_id' },
  board: { table: 'board_follows', column: 'board_id' },
};

/** Makes members follow a thread or board, inside the caller's transaction (one statement). */
export async function addFollowers(
  db: Database,
  transaction: Transaction,
  target: Target,
  targetId: number,
  memberIds: number[],
  at: Date,
): Promise<void> {
  const unique = [...new Set(memberIds)];
  if (unique.length === 0) return;
  const { table, column } = TABLES[target];
  const rows = unique.map((_, i) => `(:member${i}, :target, :at)`).join(', ');
  const replacements: Record<string, unknown> = { target: targetId, at };
  unique.forEach((id, i) => {
    replacements[`member${i}`] = id;
  });
  await db.sequelize.query(`INSERT INTO ${table} (member_id, ${column}, created_at) VALUES ${rows} ON CONFLICT DO NOTHING`, {
    replacements,
    transaction,
  });
}

export async function follow(db: Database, target: Target, targetId: number, memberId: number): Promise<void> {
  await db.writeTransaction((transaction) => addFollowers(db, transaction, target, targetId, [memberId], new Date()));
}

export async function unfollow(db: Database, target: Target, targetId: number, memberId: number): Promise<void> {
  const { table, column } = TABLES[target];
  await db.writeTransaction((transaction) =>
    db.sequelize.query(`DELETE FROM ${table} WHERE member_id = :memberId AND ${column} = :targetId`, {
      replacements: { memberId, targetId },
      transaction,
    }),
  );
}
