/** The home page's latest threads, official answers and "Your questions", for the page and its JSON twin. */
import type { HomeExtras } from '../read/homeExtras';
import { timeView, type TimeView } from './forum';
import { presentAuthor, type AuthorView } from './members';
import { boardUrl, postAnchor, postUrl, threadUrl } from './urls';

const STATE_LABELS = { answered: 'Official answer', 'staff-replied': 'Staff replied', waiting: 'Waiting for staff' } as const;

export interface HomeExtrasView {
  latest: Array<{
    title: string; url: string; lastUrl: string; postCount: number; unread: number; hidden: boolean; hasOfficialAnswer: boolean;
    board: { name: string; url: string }; lastPoster: AuthorView | null; at: TimeView;
  }>;
  officialAnswers: Array<{ threadTitle: string; url: string; postNumber: number; excerpt: string; author: AuthorView | null; markedAt: TimeView | null }>;
  ownQuestions: Array<{ title: string; url: string; postCount: number; at: TimeView; state: keyof typeof STATE_LABELS; stateLabel: string }> | null;
}

export function presentHomeExtras(extras: HomeExtras): HomeExtrasView {
  return {
    latest: extras.latest.map((thread) => ({
      title: thread.title,
      url: threadUrl(thread),
      lastUrl: `${postUrl(thread, thread.lastPostNumber)}#${postAnchor(thread.lastPostNumber)}`,
      postCount: thread.postCount,
      unread: thread.unread,
      hidden: thread.hiddenAt !== null,
      hasOfficialAnswer: thread.hasOfficialAnswer,
      board: { name: thread.board.name, url: boardUrl(thread.board.slug) },
      lastPoster: thread.lastPoster ? presentAuthor(thread.lastPoster) : null,
      at: timeView(thread.lastPostAt),
    })),
    officialAnswers: extras.officialAnswers.map((answer) => ({
      threadTitle: answer.thread.title,
      url: `${postUrl(answer.thread, answer.post.number)}#${postAnchor(answer.post.number)}`,
      postNumber: answer.post.number,
      excerpt: answer.post.excerpt,
      author: answer.author ? presentAuthor(answer.author) : null,
      markedAt: answer.markedAt ? timeView(answer.markedAt) : null,
    })),
    ownQuestions: extras.ownQuestions
      ? extras.ownQuestions.map((question) => ({
          title: question.title,
          url: threadUrl(question),
          postCount: question.postCount,
          at: timeView(question.lastPostAt),
          state: question.state,
          stateLabel: STATE_LABELS[question.state],
        }))
      : null,
  };
}
