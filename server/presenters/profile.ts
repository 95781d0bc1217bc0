/** The member profile page: everything for the member and staff, name/rank/since for others when private. */
import type { Member, Post } from '../../models';
import { Actor, canViewProfileDetails } from '../policies';
import { formatDateTime } from './format';
import { AuthorView, presentAuthor } from './members';
import { postAnchor, postUrl } from './urls';

export interface ProfileView {
  member: AuthorView;
  isPrivate: boolean;
  /** null when the viewer may not see details of a private profile. */
  details: {
    postCount: number;
    recentPosts: Array<{ threadTitle: string; postNumber: number; url: string; excerpt: string; at: { iso: string; text: string } }>;
  } | null;
}

export function presentProfile(actor: Actor, member: Member, recentPosts: Post[] | null): ProfileView {
  const mayViewDetails = canViewProfileDetails(actor, member).allowed && recentPosts !== null;
  return {
    member: presentAuthor(member),
    isPrivate: member.isPrivate,
    details: mayViewDetails
      ? {
          postCount: member.postCount,
          recentPosts: (recentPosts ?? []).flatMap((post) =>
            post.thread
              ? [
                  {
                    threadTitle: post.thread.title,
                    postNumber: post.number,
                    url: `${postUrl(post.thread, post.number)}#${postAnchor(post.number)}`,
                    excerpt: post.excerpt,
                    at: { iso: post.createdAt.toISOString(), text: formatDateTime(post.createdAt) },
                  },
                ]
              : [],
          ),
        }
      : null,
  };
}
