/**
 * Rate-limit counters learn backoff: `strikes` counts a key's consecutive lockouts, so each new
 * lockout lasts twice the last. An index on reset_at lets the sweep drop forgotten counters.
 */
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('rate_limit_hits', 'strikes', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addIndex('rate_limit_hits', ['reset_at'], { name: 'rate_limit_hits_reset_at' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('rate_limit_hits', 'rate_limit_hits_reset_at');
  await qi.removeColumn('rate_limit_hits', 'strikes');
}
