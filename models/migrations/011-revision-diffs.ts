/**
 * Revisions keep their word diff (computed once, at save time, within a bound) and can be
 * redacted by staff (who did it is on the moderation log); threads remember when their official answer was marked, so an edit made
 * after it can be shown. Existing revisions get their diff here, a batch at a time, with the same
 * bound as new ones: the history page never diffs on a read.
 */
import { DataTypes, QueryInterface, QueryTypes } from 'sequelize';
import { storedDiff } from '../../server/services/revisionDiff';

const BATCH = 100;

async function backfillDiffs(qi: QueryInterface): Promise<void> {
  const { sequelize } = qi;
  let afterId = 0;
  for (;;) {
    const rows = await sequelize.query<{ id: number; source_before: string; source_after: string }>(
      'SELECT id, source_before, source_after FROM post_revisions WHERE id > :afterId ORDER BY id LIMIT :limit',
      { replacements: { afterId, limit: BATCH }, type: QueryTypes.SELECT },
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      await sequelize.query('UPDATE post_revisions SET diff = :diff WHERE id = :id', {
        replacements: { id: row.id, diff: storedDiff(row.source_before, row.source_after) },
      });
    }
    afterId = Number(rows[rows.length - 1].id);
  }
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // JSON word-diff segments; null when the texts differ too much (both versions are shown).
  await qi.addColumn('post_revisions', 'diff', { type: DataTypes.TEXT, allowNull: true });
  await qi.addColumn('post_revisions', 'redacted_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('threads', 'official_marked_at', { type: DataTypes.DATE, allowNull: true });
  // The mark time of today's official answers is on the moderation log.
  await qi.sequelize.query(`
    UPDATE threads SET official_marked_at = (
      SELECT max(created_at) FROM moderation_log
      WHERE moderation_log.thread_id = threads.id AND moderation_log.post_id = threads.official_post_id
        AND moderation_log.action IN ('answer.mark', 'answer.replace'))
    WHERE official_post_id IS NOT NULL`);
  await backfillDiffs(qi);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Not removeColumn: on SQLite that rebuilds the table (losing the search triggers on threads,
  // migration 005, and failing on post_revisions). DROP COLUMN works in place on both databases.
  await qi.sequelize.query('ALTER TABLE threads DROP COLUMN official_marked_at');
  await qi.sequelize.query('ALTER TABLE post_revisions DROP COLUMN redacted_at');
  await qi.sequelize.query('ALTER TABLE post_revisions DROP COLUMN diff');
}
