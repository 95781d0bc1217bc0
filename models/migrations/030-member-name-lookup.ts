/**
 * The staff badge lookup finds members whose username or display name starts with what was typed.
 * The username side is a range of members.username_key (unique, indexed); the display-name side
 * compared lower(display_name), which no index held, so every lookup read all members and sorted
 * them (SQLite: SCAN members). This index makes it a range too, on both databases (an expression
 * index; both compare the same lower() the query writes).
 */
import { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('CREATE INDEX members_display_name_lower ON members (lower(display_name))');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP INDEX members_display_name_lower');
}
