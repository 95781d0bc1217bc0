/** Small SQL helpers the email modules share. */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db';

/** Runs an UPDATE and returns how many rows it changed (the count decides single-use tokens and claims). */
export async function updateCount(db: Database, sql: string, replacements: Record<string, unknown>, transaction?: Transaction): Promise<number> {
  const result = (await db.sequelize.query(sql, { replacements, transaction, type: QueryTypes.UPDATE })) as unknown as [unknown, number];
  return Number(result[1] ?? 0);
}

export async function selectRows<T extends object>(db: Database, sql: string, replacements: Record<string, unknown>, transaction?: Transaction): Promise<T[]> {
  return db.sequelize.query<T>(sql, { replacements, transaction, type: QueryTypes.SELECT });
}
