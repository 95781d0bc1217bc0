/** How a member appears beside what they wrote: name, rank title, role, member since. */
import type { Member, Role } from '../../models';
import { isStaffRole } from '../policies';
import { formatDay, toDateOnly } from './format';
import { avatarUrl, memberUrl } from './urls';

export const DEFAULT_RANK_TITLES: Record<Role, string> = {
  contributor: 'Contributor',
  guru: 'Community Guru',
  moderator: 'Moderator',
  manager: 'Community Manager',
};

export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Contributor',
  guru: 'Guru',
  moderator: 'Moderator',
  manager: 'Community Manager',
};

export interface AuthorView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  /**
   * The staff badge shown beside the name wherever it appears (views/partials/roleBadge.ejs):
   * "Moderator", "Community Manager"; null for everyone else. Names alone can be imitated.
   */
  roleBadge: string | null;
  rankTitle: string;
  isStaff: boolean;
  memberSince: string;
  memberSinceIso: string;
  profileUrl: string;
  /** The Identity Verified badge was awarded: the mark shows beside the name. */
  identityVerified: boolean;
  /** The uploaded avatar's addresses (views/partials/avatar.ejs); null: initials. */
  avatar: { small: string; large: string } | null;
}

export type AuthorFields = Pick<Member, 'id' | 'username' | 'displayName' | 'role' | 'rankTitle' | 'memberSince'> &
  Partial<Pick<Member, 'identityVerifiedAt' | 'avatarEtag'>>;

export function rankTitleOf(member: Pick<Member, 'role' | 'rankTitle'>): string {
  return member.rankTitle ?? DEFAULT_RANK_TITLES[member.role as Role];
}

/** The staff badge of a role, or null for members who are not staff. */
export function staffBadgeOf(role: string): string | null {
  return isStaffRole(role as Role) ? ROLE_LABELS[role as Role] : null;
}

/**
 * A name in plain text (notifications, feed authors, page titles), with the staff role beside it:
 * "Lena E (Community Manager)". Where no HTML badge can be shown, the role goes in the words.
 */
export function nameWithRole(member: { displayName: string; role: string } | null | undefined, fallback: string): string {
  if (!member) return fallback;
  const badge = staffBadgeOf(member.role);
  return badge ? `${member.displayName} (${badge})` : member.displayName;
}

export function presentAuthor(member: AuthorFields): AuthorView {
  const role = member.role as Role;
  return {
    id: member.id,
    username: member.username,
    displayName: member.displayName,
    role,
    roleLabel: ROLE_LABELS[role],
    roleBadge: staffBadgeOf(role),
    rankTitle: rankTitleOf(member),
    isStaff: isStaffRole(role),
    memberSince: formatDay(member.memberSince),
    memberSinceIso: toDateOnly(member.memberSince),
    profileUrl: memberUrl(member.username),
    identityVerified: Boolean(member.identityVerifiedAt),
    avatar: member.avatarEtag ? { small: avatarUrl(member.id, 96, member.avatarEtag), large: avatarUrl(member.id, 192, member.avatarEtag) } : null,
  };
}
