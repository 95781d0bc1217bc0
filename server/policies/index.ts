/**
 * Every permission decision in the forum: pure predicates of (actor, subject) that return a
 * Decision with a reason when they deny. Routes enforce them with ensure(); views call the same
 * predicates to decide which controls to show, so a button and its route never disagree.
 */
import { ForbiddenError } from '../errors';
import { Actor, isStaffRole } from './actor';

export { ANONYMOUS, isStaffRole } from './actor';
export type { Actor } from './actor';

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** The parts of a member a profile decision depends on. */
export interface ProfileSubject {
  id: number;
  isPrivate: boolean;
}

export function isStaff(actor: Actor): boolean {
  return isStaffRole(actor.role);
}

/** Post count and recent posts on a profile: hidden from others when the profile is private. */
export function canViewProfileDetails(actor: Actor, member: ProfileSubject): Decision {
  if (!member.isPrivate) return ALLOW;
  if (actor.memberId === member.id) return ALLOW;
  if (isStaff(actor)) return ALLOW;
  return deny('This profile is private.');
}

/** Throws ForbiddenError with the denial's reason. */
export function ensure(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}
