/**
 * Members' names as skeletons (Unicode TR39, server/text/skeleton.ts), so a new name that looks
 * like an existing member's is found with an indexed lookup. Usernames' skeletons are unique;
 * display names may repeat a member's own username, so theirs are only indexed.
 *
 * Existing members whose usernames already look alike keep them: the later ones get their
 * skeleton suffixed with "#id" (never produced by a real name, which has no "#" after
 * skeletonising), so the unique index can be built and the earliest holder still blocks newcomers.
 */
import { DataTypes, QueryInterface, QueryTypes } from 'sequelize';
import { nameSkeleton } from '../../server/text/skeleton';

const BATCH = 500;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('members', 'username_skeleton', { type: DataTypes.STRING(255), allowNull: true });
  await qi.addColumn('members', 'display_name_skeleton', { type: DataTypes.STRING(255), allowNull: true });

  const taken = new Set<string>();
  for (let afterId = 0; ; ) {
    const rows = await qi.sequelize.query<{ id: number; username: string; display_name: string }>(
      'SELECT id, username, display_name FROM members WHERE id > :afterId ORDER BY id LIMIT :limit',
      { replacements: { afterId, limit: BATCH }, type: QueryTypes.SELECT },
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      let usernameSkeleton = nameSkeleton(row.username);
      if (taken.has(usernameSkeleton)) usernameSkeleton = `${usernameSkeleton.slice(0, 240)}#${row.id}`;
      taken.add(usernameSkeleton);
      await qi.sequelize.query('UPDATE members SET username_skeleton = :usernameSkeleton, display_name_skeleton = :displayNameSkeleton WHERE id = :id', {
        replacements: { id: row.id, usernameSkeleton, displayNameSkeleton: nameSkeleton(row.display_name) },
      });
    }
    afterId = rows[rows.length - 1].id;
  }

  await qi.addIndex('members', ['username_skeleton'], { name: 'members_username_skeleton', unique: true });
  await qi.addIndex('members', ['display_name_skeleton'], { name: 'members_display_name_skeleton' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('members', 'members_display_name_skeleton');
  await qi.removeIndex('members', 'members_username_skeleton');
  await qi.removeColumn('members', 'display_name_skeleton');
  await qi.removeColumn('members', 'username_skeleton');
}
