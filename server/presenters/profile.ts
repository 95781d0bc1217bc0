/** The member profile page: everything for the member and staff, name/rank/since for others when private. */
import type { Member, Role } from '../../models';
import type { LogEntryRow } from '../read/moderationLog';
import { type RecentPost, visiblePostCount } from '../services/members';
import type { RoleChangeDetails } from '../services/roles';
import { Actor, canChangeRole, canViewProfileDetails } from '../policies';
import { formatDateTime } from './format';
import { AuthorView, DEFAULT_RANK_TITLES, presentAuthor, ROLE_LABELS } from './members';
import { postAnchor, postUrl } from './urls';

interface TimeView {
  iso: string;
  text: string;
}

export interface RoleChangeView {
  by: AuthorView | null;
  at: TimeView;
  from: string;
  to: string;
}

export interface ProfileView {
  member: AuthorView;
  isPrivate: boolean;
  /** null when the viewer may not see details of a private profile. */
  details: {
    postCount: number;
    recentPosts: Array<{ threadTitle: string; postNumber: number; url: string; excerpt: string; at: TimeView; hidden: boolean }>;
  } | null;
  /** null when the viewer may not see role changes. */
  roleHistory: RoleChangeView[] | null;
  /** The manager's role form choices; null for everyone who may not change this member's role. */
  roleChoices: Array<{ value: Role; label: string }> | null;
}

function timeView(date: Date): TimeView {
  return { iso: date.toISOString(), text: formatDateTime(date) };
}

function describeRank(role: Role, rankTitle: string | null): string {
  const title = rankTitle ?? DEFAULT_RANK_TITLES[role];
  return title === ROLE_LABELS[role] ? title : `${ROLE_LABELS[role]} (${title})`;
}

function presentRoleChange(entry: LogEntryRow): RoleChangeView {
  const change = JSON.parse(entry.details) as RoleChangeDetails;
  return {
    by: entry.actor ? presentAuthor(entry.actor) : null,
    at: timeView(entry.createdAt),
    from: describeRank(change.fromRole, change.fromRankTitle),
    to: describeRank(change.toRole, change.toRankTitle),
  };
}

export function presentProfile(actor: Actor, member: Member, recentPosts: RecentPost[] | null, roleHistory: LogEntryRow[] | null = null): ProfileView {
  const mayViewDetails = canViewProfileDetails(actor, member).allowed && recentPosts !== null;
  return {
    member: presentAuthor(member),
    isPrivate: member.isPrivate,
    details: mayViewDetails
      ? {
          postCount: visiblePostCount(actor, member),
          recentPosts: (recentPosts ?? []).map((post) => ({
            threadTitle: post.thread.title,
            postNumber: post.number,
            url: `${postUrl(post.thread, post.number)}#${postAnchor(post.number)}`,
            excerpt: post.excerpt,
            at: timeView(post.createdAt),
            hidden: post.hidden,
          })),
        }
      : null,
    roleHistory: roleHistory ? roleHistory.map(presentRoleChange) : null,
    roleChoices: canChangeRole(actor, member).allowed
      ? (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }))
      : null,
  };
}
