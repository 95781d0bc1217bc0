/**
 * Small SQL helpers the message services share: an INSERT's new id and an UPDATE's row count, the
 * same on both databases. PostgreSQL answers with RETURNING; on SQLite Sequelize runs INSERT and
 * UPDATE without reading rows back, so the helpers ask the same connection (the transaction's)
 * for last_insert_rowid() and changes() instead.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../../db';

async function sqliteFollowUp(db: Database, sql: string, replacements: Record<string, unknown>, question: string, transaction: Transaction): Promise<number> {
  await db.sequelize.query(sql, { replacements, transaction });
  const [row] = await db.sequelize.query<{ value: number | string }>(`SELECT ${question} AS value`, { type: QueryTypes.SELECT, transaction });
  return Number(row.value);
}

/** Runs an INSERT and answers the new row's id. */
export async function insertReturningId(db: Database, sql: string, replacements: Record<string, unknown>, transaction: Transaction): Promise<number> {
  if (db.dialect === 'sqlite') return sqliteFollowUp(db, sql, replacements, 'last_insert_rowid()', transaction);
  const rows = await db.sequelize.query<{ id: number | string }>(`${sql} RETURNING id`, { replacements, type: QueryTypes.SELECT, transaction });
  return Number(rows[0].id);
}

/** An UPDATE or DELETE; answers how many rows it changed. */
export async function changedRows(db: Database, sql: string, replacements: Record<string, unknown>, transaction: Transaction): Promise<number> {
  if (db.dialect === 'sqlite') return sqliteFollowUp(db, sql, replacements, 'changes()', transaction);
  const rows = await db.sequelize.query(`${sql} RETURNING id`, { replacements, type: QueryTypes.SELECT, transaction });
  return rows.length;
}
