/** Board pages list unpinned threads by latest activity: an index that serves that order directly. */
import { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('threads', ['board_id', 'last_post_at'], { name: 'threads_board_last_post' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('threads', 'threads_board_last_post');
}
