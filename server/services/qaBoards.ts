/** Q&A boards: where a thread's starter (and staff) may accept one reply as the solution. */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db';
import { NotFoundError } from '../errors';

/** Marks a board Q&A or not (a manager's call; the seed marks its question board). */
export async function setBoardQa(db: Database, boardSlug: string, isQa: boolean): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const rows = await db.sequelize.query('UPDATE boards SET is_qa = :isQa WHERE slug = :boardSlug RETURNING id', {
      replacements: { isQa, boardSlug },
      type: QueryTypes.SELECT,
      transaction,
    });
    if (rows.length === 0) throw new NotFoundError('There is no board at this address.');
  });
}

export async function isQaBoard(db: Database, boardSlug: string): Promise<boolean> {
  const [row] = await db.sequelize.query<{ is_qa: unknown }>('SELECT is_qa FROM boards WHERE slug = :boardSlug', {
    replacements: { boardSlug },
    type: QueryTypes.SELECT,
  });
  if (!row) throw new NotFoundError('There is no board at this address.');
  return row.is_qa === true || row.is_qa === 1 || row.is_qa === '1';
}
