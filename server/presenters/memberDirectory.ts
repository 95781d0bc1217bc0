/**
 * The member directory's view model, for the page and its JSON twin. A private profile shows here
 * only what its profile page shows to this viewer (canViewProfileDetails): name, role, rank and
 * join date, never the post count or the kudos received (as the profile hides its kudos stats).
 */
import { Actor, canViewProfileDetails } from '../policies';
import type { DirectoryMemberRow } from '../read/memberDirectory';
import { visiblePostCount } from '../services/members';
import { presentAuthor, type AuthorView } from './members';

export interface DirectoryEntryView {
  member: AuthorView;
  joined: { iso: string; text: string };
  /** null when the profile is private to this viewer. */
  postCount: number | null;
  /** Kudos the member's posts received; null when the profile is private to this viewer. */
  kudosReceived: number | null;
}

export interface MemberDirectoryView {
  query: string;
  members: DirectoryEntryView[];
  nextUrl: string | null;
}

export function presentMemberDirectory(actor: Actor, rows: DirectoryMemberRow[], query: string, nextAfter: string | null): MemberDirectoryView {
  const base = query ? `/u?q=${encodeURIComponent(query)}&` : '/u?';
  return {
    query,
    members: rows.map(({ member }) => {
      const author = presentAuthor(member);
      const details = canViewProfileDetails(actor, member).allowed;
      return {
        member: author,
        joined: { iso: author.memberSinceIso, text: author.memberSince },
        postCount: details ? visiblePostCount(actor, member) : null,
        kudosReceived: details ? member.kudosReceived : null,
      };
    }),
    nextUrl: nextAfter ? `${base}after=${encodeURIComponent(nextAfter)}` : null,
  };
}
