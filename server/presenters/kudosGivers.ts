/** The "who gave kudos" page of a post (HTML and JSON): the members, newest first, keyset-paged. */
import type { Post } from '../../models';
import type { GiverRow } from '../services/kudos';
import { timeView, TimeView } from './forum';
import { kudosLabel, kudosUrl } from './kudos';
import { AuthorView, presentAuthor } from './members';
import { postAnchor, postUrl } from './urls';

export interface GiversPageView {
  post: { id: number; number: number; url: string; threadTitle: string; author: AuthorView | null; kudoCount: number; kudosLabel: string };
  givers: Array<{ member: AuthorView | null; at: TimeView }>;
  /** The viewer's own state, for the form on the page. */
  viewerGave: boolean;
  canGive: boolean;
  action: string;
  newestUrl: string | null;
  olderUrl: string | null;
}

type GiversPost = Pick<Post, 'id' | 'number'> & { thread?: { id: number; slug: string; title: string }; author?: Parameters<typeof presentAuthor>[0] | null };

export function presentGiversPage(
  post: GiversPost & { kudoCount?: number },
  page: { givers: GiverRow[]; olderCursor: number | null },
  options: { before: number | null; given: boolean; canGive: boolean; kudoCount: number },
): GiversPageView {
  const thread = post.thread!;
  return {
    post: {
      id: post.id,
      number: post.number,
      url: `${postUrl(thread, post.number)}#${postAnchor(post.number)}`,
      threadTitle: thread.title,
      author: post.author ? presentAuthor(post.author) : null,
      kudoCount: options.kudoCount,
      kudosLabel: kudosLabel(options.kudoCount),
    },
    givers: page.givers.map((giver) => ({ member: giver.member ? presentAuthor(giver.member) : null, at: timeView(giver.at) })),
    viewerGave: options.given,
    canGive: options.canGive,
    action: kudosUrl(post.id),
    newestUrl: options.before === null ? null : kudosUrl(post.id),
    olderUrl: page.olderCursor === null ? null : `${kudosUrl(post.id)}?before=${page.olderCursor}`,
  };
}
