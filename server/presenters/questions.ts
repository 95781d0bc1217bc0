/**
 * The desk's view models: a question as its post shows it ("Answered by Avery O in post 6",
 * "Waiting for the team since …" to its author and staff, the claim to staff), a queue row, and
 * the "I'm asking the team" checkbox of the composer. One model for each page and its JSON twin.
 */
import { Actor, canManageQuestions, canSeeQuestionClaim, canSeeQuestionWait } from '../policies';
import type { QuestionRow, QuestionState } from '../services/questions/queue';
import type { BadgeStatus } from '../services/badges/status';
import { badgeLookupUrl } from './badgeUrls';
import { timeView, type TimeView } from './forum';
import { AuthorView, presentAuthor } from './members';
import { postAnchor, postUrl, replyUrl, threadUrl } from './urls';

export interface QuestionView {
  postId: number;
  postNumber: number;
  state: QuestionState;
  /** For the asker and staff only (null for anyone else, and once answered). */
  waitingSince: TimeView | null;
  answer: { by: AuthorView | null; postNumber: number | null; url: string | null; at: TimeView | null; eta: string | null } | null;
  notNeeded: { reason: string | null; by: AuthorView | null } | null;
  /** Staff only: who is on it. */
  claim: { by: AuthorView | null; at: TimeView; expiresAt: TimeView; isMine: boolean } | null;
  /** Staff only: where the desk's forms post. */
  actions: { claim: string; release: string; answered: string; notNeeded: string; unmark: string; answerUrl: string } | null;
}

const ETA_STATES: Record<string, string> = { open: 'open', kept: 'kept', withdrawn: 'withdrawn', replaced: 'replaced' };

/** "ETA within 24-48 hours, kept": the answer's promise as the ETA tracker knows it. */
function etaWords(eta: QuestionRow['answerEta']): string | null {
  if (!eta) return null;
  const window = eta.window ? (/^by /.test(eta.window) ? ` ${eta.window}` : ` within ${eta.window}`) : '';
  return `ETA${window}, ${ETA_STATES[eta.status] ?? eta.status}`;
}

const questionPath = (postId: number, action = '') => `/posts/${postId}/question${action ? `/${action}` : ''}`;

export function presentQuestion(question: QuestionRow, actor: Actor): QuestionView {
  const thread = question.thread;
  const staff = canManageQuestions(actor).allowed;
  const answer = question.state === 'answered' && question.answer
    ? {
        by: question.answer.by ? presentAuthor(question.answer.by) : null,
        postNumber: question.answer.postNumber,
        url: question.answer.postNumber ? `${postUrl(thread, question.answer.postNumber)}#${postAnchor(question.answer.postNumber)}` : null,
        at: question.answer.at ? timeView(question.answer.at) : null,
        eta: etaWords(question.answerEta),
      }
    : null;
  return {
    postId: question.postId,
    postNumber: question.postNumber,
    state: question.state,
    waitingSince: question.state === 'open' && canSeeQuestionWait(actor, { authorId: question.author?.id ?? null }) ? timeView(question.askedAt) : null,
    answer,
    notNeeded: question.state === 'not_needed' && question.answer
      ? { reason: question.answer.reason, by: question.answer.by ? presentAuthor(question.answer.by) : null }
      : null,
    claim: question.claim && canSeeQuestionClaim(actor)
      ? { by: question.claim.by ? presentAuthor(question.claim.by) : null, at: timeView(question.claim.at), expiresAt: timeView(question.claim.expiresAt), isMine: question.claim.by?.id === actor.memberId }
      : null,
    actions: staff
      ? {
          claim: questionPath(question.postId, 'claim'),
          release: questionPath(question.postId, 'release'),
          answered: questionPath(question.postId, 'answered'),
          notNeeded: questionPath(question.postId, 'not-needed'),
          unmark: questionPath(question.postId, 'remove'),
          answerUrl: replyUrl(thread.id, { to: question.postNumber }),
        }
      : null,
  };
}

export interface QueueRowView {
  question: QuestionView;
  board: { name: string; url: string };
  thread: { title: string; url: string };
  post: { number: number; url: string; excerpt: string; hidden: boolean };
  author: AuthorView | null;
  /** The asker's badge status now, and the lookup that explains it. */
  badge: { label: string; code: string; lookupUrl: string } | null;
  askedAt: TimeView;
  /** "3 h", "2 d": how long the question has waited (or waited, once answered). */
  age: string;
}

export function ageText(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function presentQueueRow(question: QuestionRow, actor: Actor, statuses: Map<number, BadgeStatus>, now: Date): QueueRowView {
  const status = question.author ? statuses.get(question.author.id) : undefined;
  return {
    question: presentQuestion(question, actor),
    board: { name: question.board.name, url: `/b/${encodeURIComponent(question.board.slug)}` },
    thread: { title: question.thread.title, url: threadUrl(question.thread) },
    post: { number: question.postNumber, url: `${postUrl(question.thread, question.postNumber)}#${postAnchor(question.postNumber)}`, excerpt: question.excerpt, hidden: question.postHidden },
    author: question.author ? presentAuthor(question.author) : null,
    badge: status && question.author ? { label: status.label, code: status.code, lookupUrl: badgeLookupUrl(question.author.username, { thread: question.thread.id }) } : null,
    askedAt: timeView(question.askedAt),
    age: ageText(question.askedAt, question.answer?.at ?? now),
  };
}

/** The composer's "I'm asking the team" box: shown to members who may ask; null for staff and guests. */
export interface AskingView {
  checked: boolean;
}

/**
 * Ticked by default in Q&A boards, in threads started by staff, and when the text has a question
 * mark; a form sent back (preview, error) keeps what the member chose.
 */
export function askingDefault(context: { isQaBoard: boolean; threadByStaff: boolean; body: string }): boolean {
  return context.isQaBoard || context.threadByStaff || context.body.includes('?');
}
