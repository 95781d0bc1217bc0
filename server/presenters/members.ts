/** How a member appears beside what they wrote: name, rank title, role, member since. */
import type { Member, Role } from '../../models';
import { isStaffRole } from '../policies';
import { formatDay, toDateOnly } from './format';
import { memberUrl } from './urls';

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
  rankTitle: string;
  isStaff: boolean;
  memberSince: string;
  memberSinceIso: string;
  profileUrl: string;
  /** The Identity Verified badge was awarded: the mark shows beside the name. */
  identityVerified: boolean;
}

type AuthorFields = Pick<Member, 'id' | 'username' | 'displayName' | 'role' | 'rankTitle' | 'memberSince'> &
  Partial<Pick<Member, 'identityVerifiedAt'>>;

export function rankTitleOf(member: Pick<Member, 'role' | 'rankTitle'>): string {
  return member.rankTitle ?? DEFAULT_RANK_TITLES[member.role as Role];
}

export function presentAuthor(member: AuthorFields): AuthorView {
  const role = member.role as Role;
  return {
    id: member.id,
    username: member.username,
    displayName: member.displayName,
    role,
    roleLabel: ROLE_LABELS[role],
    rankTitle: rankTitleOf(member),
    isStaff: isStaffRole(role),
    memberSince: formatDay(member.memberSince),
    memberSinceIso: toDateOnly(member.memberSince),
    profileUrl: memberUrl(member.username),
    identityVerified: Boolean(member.identityVerifiedAt),
  };
}
