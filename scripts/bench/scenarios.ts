/**
 * The pages the bench measures, as [row name, route]: the reader's (anonymous and signed in as the
 * bench reader), the staff's (signed in as the bench moderator) and the manager's. Routes come
 * from the generated forum and from what run.ts found on the running forum.
 */
import type { BenchForum } from './generateSignedIn';

export type Scenario = [name: string, route: string];

/** Found by asking the running forum. */
export interface Discovered {
  /** A deep board page: the keyset place an old deep ?page=N link redirects to. */
  deepBoardUrl: string;
  /** A post of the megathread, for the per-post pages. */
  benchPostId: number;
  /** Search answers (it may be switched off). */
  hasSearch: boolean;
}

/** Pages that send anonymous readers to sign in: measured signed in only. */
export const SIGNED_IN_ONLY = new Set([
  'messages inbox', 'followed threads', 'drafts', 'bookmarks',
  'conversation, 120 messages', 'draft of a reply (JSON)', 'avatar settings', 'account settings', 'notifications',
]);

export function threadRoute(thread: { id: number; slug: string }): string {
  return `/t/${thread.id}/${thread.slug}`;
}

/** The reader's pages, each measured anonymous (unless SIGNED_IN_ONLY) and signed in. */
export function readerScenarios(forum: BenchForum, found: Discovered): Scenario[] {
  const mega = threadRoute(forum.megathread);
  const megaPages = Math.ceil(forum.megathread.posts / 10);
  return [
    ['home', '/'],
    ['board, first page', `/b/${forum.boardSlug}`],
    ['board, deep page', found.deepBoardUrl],
    ['thread, first page', threadRoute(forum.typicalThread)],
    ['megathread, first page', mega],
    ['megathread, last page', `${mega}?page=${megaPages}`],
    ['post permalink', `${mega}/${Math.floor(forum.megathread.posts / 2)}`],
    ['post history', `/posts/${found.benchPostId}/history`],
    ['member profile', '/u/bench1'],
    // Signed in only: anonymous readers are sent to sign in.
    ['messages inbox', '/messages'],
    ['post kudos (who gave)', `/posts/${found.benchPostId}/kudos`],
    // Reading a long thread (issue 18): the catch-up views keyset by post number; followed threads (visitors get a redirect).
    ['megathread, staff answers', `${mega}?view=staff`],
    ['followed threads', '/following'],
    // Member tools (issue 23); bookmarks and drafts are sign-in pages (anonymous: the redirect).
    ['member directory', '/u'],
    ['member directory, prefix', '/u?q=bench'],
    ['bookmarks', '/bookmarks'],
    ['drafts', '/drafts'],
    ['forgot password', '/password/forgot'],
    // The member's own pages (generateSignedIn.ts): a long conversation, the composer's draft
    // endpoint, settings, and 400 notifications of which the page lists the newest 100.
    ['conversation, 120 messages', `/messages/${forum.signedIn.conversationId}`],
    ['draft of a reply (JSON)', `/drafts/${forum.signedIn.draftPlace}`],
    ['avatar settings', '/settings/avatar'],
    ['account settings', '/settings'],
    ['notifications', '/notifications'],
    ...(found.hasSearch
      ? ([
          ['search', '/search?q=badge+webcam'],
          ['search, filtered', `/search?q=verification&board=${forum.boardSlug}&sort=newest`],
          ['search, corrected', '/search?q=webcamm'],
          ['search, most kudos', '/search?q=badge&sort=kudos'],
          // CJK (migration 025): a word for the trigram index, and a 2-character one (the newest-posts fallback).
          ['search, CJK word', `/search?q=${encodeURIComponent('本人確認')}`],
          ['search, CJK 2-character word', `/search?q=${encodeURIComponent('審査')}`],
        ] as Scenario[])
      : []),
  ];
}

/** Staff pages (issue 17's desk, the review tools): signed in as the bench moderator. */
export function staffScenarios(forum: BenchForum, now = new Date()): Scenario[] {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return [
    ['questions queue (staff)', '/staff/questions'],
    ['rollout dashboard, 30 days (staff)', '/staff/dashboard'],
    ['rollout dashboard, 366 days (staff)', `/staff/dashboard?from=${day(new Date(now.getTime() - 365 * 86_400_000))}&to=${day(now)}`],
    ['rank ladder (staff)', '/staff/ranks'],
    ['review queue, 25 open reports (staff)', '/staff/review'],
    ['ETA tracker, 30 open (staff)', '/staff/eta'],
    ['moderation log (staff)', '/staff/log'],
    ['badge lookup, prefix (staff)', '/staff/badges?q=bench'],
    ['held post (staff)', `/posts/pending/${forum.signedIn.pendingPostId}`],
  ];
}

/** A Community Manager's pages (moderators are refused them): signed in as the bench manager. */
export function managerScenarios(): Scenario[] {
  return [['saved replies (manager)', '/staff/saved-replies']];
}
