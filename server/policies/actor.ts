/** Who is making a request. Anonymous visitors are an actor too, so no check asks "is anyone signed in". */
import type { Role } from '../../models';

export interface Actor {
  /** null for an anonymous visitor. */
  memberId: number | null;
  role: Role | 'anonymous';
  displayName: string;
  username: string | null;
  /** Set while the member is silenced (read where the actor is loaded, from the member row). */
  silence?: { until: Date; indefinite: boolean; reason: string } | null;
}

export const ANONYMOUS: Actor = Object.freeze({ memberId: null, role: 'anonymous', displayName: 'Guest', username: null });

const STAFF_ROLES: ReadonlyArray<Actor['role']> = ['moderator', 'manager'];

export function isStaffRole(role: Actor['role']): boolean {
  return STAFF_ROLES.includes(role);
}
