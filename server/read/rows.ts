/**
 * Plain rows for the reading pages. Measured (node --cpu-prof, signed-in thread page) Sequelize's
 * query building and instance building for a page of posts with their authors cost more than the
 * page's template; these readers send fixed SQL and turn each row into a plain object with the
 * model's attribute names. The only conversions are the ones Sequelize's own reads make: SQLite
 * answers dates as text and booleans as 0/1.
 */
import type { Member, Role } from '../../models';
import type { Database } from '../db';

export type Row = Record<string, unknown>;

export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : dateOf(value);
}

export function boolOf(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** What pages show of a member beside what they wrote (services/members AUTHOR_ATTRIBUTES). */
export type AuthorRow = Pick<Member, 'id' | 'username' | 'displayName' | 'role' | 'rankTitle' | 'memberSince' | 'identityVerifiedAt' | 'avatarEtag'>;

/** The select list for a joined member under a prefix: `a.id AS a_id, a.username AS a_username, …`. */
export function authorColumns(alias: string): string {
  return ['id', 'username', 'display_name', 'role', 'rank_title', 'member_since', 'identity_verified_at', 'avatar_etag']
    .map((column) => `${alias}.${column} AS ${alias}_${column}`)
    .join(', ');
}

export function authorOf(row: Row, alias: string): AuthorRow | null {
  if (row[`${alias}_id`] === null || row[`${alias}_id`] === undefined) return null;
  return {
    id: Number(row[`${alias}_id`]),
    username: String(row[`${alias}_username`]),
    displayName: String(row[`${alias}_display_name`]),
    role: row[`${alias}_role`] as Role,
    rankTitle: (row[`${alias}_rank_title`] as string | null) ?? null,
    // DATEONLY: text or a Date, depending on the driver; the presenters take either.
    memberSince: row[`${alias}_member_since`] as string,
    identityVerifiedAt: dateOrNull(row[`${alias}_identity_verified_at`]),
    avatarEtag: (row[`${alias}_avatar_etag`] as string | null | undefined) ?? null,
  };
}

export function select(db: Database, sql: string, replacements: Record<string, unknown>): Promise<Row[]> {
  return db.read<Row>(sql, replacements);
}
