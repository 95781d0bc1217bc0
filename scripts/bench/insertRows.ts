/**
 * The bench's batch insert: many rows per INSERT (the services, one row per statement, would take
 * an hour for a large forum). Plain `INSERT ... VALUES (...), (...)` with ? placeholders is the
 * same SQL on SQLite and PostgreSQL; values are bound, never spliced into the text.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../../server/db';

/** Rows per statement, at most. */
const MAX_ROWS = 400;
/** Bound values per statement, at most: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_VALUES = 30_000;

/** Inserts rows (each an array of values in the order of `columns`) in the caller's transaction. */
export async function insertRows(db: Database, transaction: Transaction, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const batch = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VALUES / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    await db.sequelize.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`, {
      replacements: slice.flat(),
      transaction,
    });
  }
}
