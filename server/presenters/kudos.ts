/**
 * Kudos and accepted solutions on the thread page (the HTML and its JSON twin): each post's
 * count, whether the viewer gave one and may give or take it back, its solution mark, and the
 * thread's "Solution" box and "Most helpful" list. Added to the thread page's view model.
 */
import { Actor, canAcceptSolution, canGiveKudos, canReadPost } from '../policies';
import type { PanelPostRow, ThreadKudosRows } from '../read/threadKudos';
import { AuthorView, presentAuthor } from './members';
import type { PostView, ThreadPageView } from './thread';
import { postAnchor, postUrl } from './urls';

export interface PostKudosView {
  count: number;
  /** "1 Kudo", "12 Kudos". */
  label: string;
  given: boolean;
  /** The viewer may give (or take back) a kudo on this post. */
  canGive: boolean;
  /** POST here gives or takes back; GET lists who gave. */
  url: string;
}

export interface PostSolutionView {
  /** 'accepted': the thread's solution; 'previous': it was, before another reply was accepted. */
  state: 'accepted' | 'previous' | null;
  canAccept: boolean;
  action: string;
}

export type KudosPostView = PostView & { kudos: PostKudosView; solution: PostSolutionView };

export interface PanelPostView {
  postNumber: number;
  url: string;
  excerpt: string;
  kudoCount: number;
  author: AuthorView | null;
}

export type KudosThreadPageView = Omit<ThreadPageView, 'posts'> & {
  posts: KudosPostView[];
  isQa: boolean;
  /** "Solved": the thread has an accepted solution. */
  solved: boolean;
  /** The "Solution" box, when the viewer may read the accepted reply. */
  solution: PanelPostView | null;
  /** "Most helpful": up to five posts with the most kudos. */
  mostHelpful: PanelPostView[];
};

export function kudosLabel(count: number): string {
  return `${count} ${count === 1 ? 'Kudo' : 'Kudos'}`;
}

export const kudosUrl = (postId: number): string => `/posts/${postId}/kudos`;
export const solutionUrl = (threadId: number): string => `/t/${threadId}/solution`;

interface ThreadFacts {
  id: number;
  slug: string;
  authorId: number;
  hiddenAt: Date | null;
}

function panelPost(thread: ThreadFacts, row: PanelPostRow): PanelPostView {
  return {
    postNumber: row.number,
    url: `${postUrl(thread, row.number)}#${postAnchor(row.number)}`,
    excerpt: row.excerpt,
    kudoCount: row.kudoCount,
    author: row.author ? presentAuthor(row.author) : null,
  };
}

export function presentThreadKudos(view: ThreadPageView, rows: ThreadKudosRows, thread: ThreadFacts, actor: Actor): KudosThreadPageView {
  const readable = (row: PanelPostRow) => canReadPost(actor, row, thread).allowed;
  const qaThread = { authorId: thread.authorId, hiddenAt: thread.hiddenAt, isQa: rows.isQa };
  const posts = view.posts.map((post): KudosPostView => {
    const state = rows.byPost.get(post.id);
    const count = state?.kudoCount ?? 0;
    const subject = { authorId: post.authorId, hiddenAt: post.hidden ? new Date(post.hidden.at.iso) : null };
    // The page's post views are made for this request alone: extended in place, not copied (a
    // spread copy of every post view was a measured share of the signed-in thread page).
    return Object.assign(post, {
      kudos: {
        count,
        label: kudosLabel(count),
        given: state?.given ?? false,
        canGive: canGiveKudos(actor, subject, thread).allowed,
        url: kudosUrl(post.id),
      },
      solution: {
        state: rows.solutionPostId === post.id ? 'accepted' : state?.previouslyAcceptedAt ? 'previous' : null,
        canAccept: rows.solutionPostId !== post.id && canAcceptSolution(actor, { thread: qaThread, post: { ...subject, number: post.number } }).allowed,
        action: solutionUrl(thread.id),
      } satisfies PostSolutionView,
    });
  });
  return {
    ...view,
    posts,
    isQa: rows.isQa,
    solved: rows.solutionPostId !== null,
    solution: rows.solution && readable(rows.solution) ? panelPost(thread, rows.solution) : null,
    mostHelpful: rows.mostHelpful.filter(readable).map((row) => panelPost(thread, row)),
  };
}
