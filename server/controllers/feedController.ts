/** Atom feeds of a board (new threads), a thread (new posts) and the site's official answers. */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { escapeHtml } from '../markdown';
import { atomDocument, AtomEntry } from '../presenters/atom';
import { editedAfterMark } from '../presenters/thread';
import { nameWithRole } from '../presenters/members';
import { boardUrl, postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { boardFeed, officialAnswersFeed, threadFeed } from '../services/feeds';
import { getThread } from '../services/threads';
import { ANONYMOUS } from '../policies';
import { parsePathNumber } from './params';
import { ensureThreadVisible } from './visible';

/** Absolute URLs need the site's address: configured, or the one this request came to. */
function siteUrl(req: Request, config: Pick<Config, 'publicUrl'>): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function send(res: Response, xml: string): void {
  res.type('application/atom+xml; charset=utf-8').send(xml);
}

const newest = (dates: Date[], fallback: Date) => dates.reduce((latest, date) => (date > latest ? date : latest), fallback);

export function createFeedController(db: Database, config: Pick<Config, 'publicUrl'>) {
  return {
    async board(req: Request, res: Response): Promise<void> {
      const site = siteUrl(req, config);
      const { board, threads, firstPostHtml } = await boardFeed(db, String(req.params.boardSlug));
      const entries: AtomEntry[] = threads.map((thread) => ({
        id: `${site}${threadUrl(thread)}`,
        title: thread.title,
        url: `${site}${threadUrl(thread)}`,
        authorName: nameWithRole(thread.author, 'A former member'),
        published: thread.createdAt,
        updated: thread.createdAt,
        html: firstPostHtml.get(thread.id) ?? '',
      }));
      send(res, atomDocument({
        id: `${site}${boardUrl(board.slug)}`,
        title: `${board.name} · Rollout Forum`,
        selfUrl: `${site}${req.originalUrl}`,
        pageUrl: `${site}${boardUrl(board.slug)}`,
        updated: newest(entries.map((entry) => entry.updated), board.createdAt),
        entries,
      }));
    },

    async thread(req: Request, res: Response): Promise<void> {
      const site = siteUrl(req, config);
      const thread = await getThread(db, parsePathNumber(req.params.threadId));
      // A feed is read by feed readers without a session: it shows what everyone may read.
      ensureThreadVisible(ANONYMOUS, thread);
      const { posts, solutionPostId } = await threadFeed(db, thread);
      const entries: AtomEntry[] = posts.map((post) => {
        // The accepted solution says so in its title and text, as the thread page does.
        const solution = post.id === solutionPostId;
        return {
          id: `${site}${postUrl(thread, post.number)}`,
          title: `Post ${post.number} by ${nameWithRole(post.author, 'a former member')}${solution ? ' · Accepted solution' : ''}`,
          url: `${site}${postUrl(thread, post.number)}#${postAnchor(post.number)}`,
          authorName: nameWithRole(post.author, 'A former member'),
          published: post.createdAt,
          updated: post.editedAt ?? post.createdAt,
          html: solution ? `<p><strong>Accepted solution</strong></p>\n${post.html}` : post.html,
        };
      });
      send(res, atomDocument({
        id: `${site}${threadUrl(thread)}`,
        title: `${thread.title} · Rollout Forum`,
        selfUrl: `${site}${req.originalUrl}`,
        pageUrl: `${site}${threadUrl(thread)}`,
        updated: newest(entries.map((entry) => entry.updated), thread.createdAt),
        entries,
      }));
    },

    async officialAnswers(req: Request, res: Response): Promise<void> {
      const site = siteUrl(req, config);
      const answers = await officialAnswersFeed(db);
      const entries: AtomEntry[] = answers.map(({ entry, post, thread }) => {
        // Only staff edits keep the mark (a member's edit removes it); readers are told of them.
        const edited = editedAfterMark(post, thread.officialMarkedAt ?? entry.createdAt);
        const note = edited
          ? `<p><em>Edited after it was marked, by ${escapeHtml(edited.by ? `${edited.by.displayName} (${edited.by.rankTitle})` : 'a former member')} on ${escapeHtml(edited.at.text)}. <a href="${escapeHtml(`${site}${edited.historyUrl}`)}">See the changes</a></em></p>\n`
          : '';
        return {
          id: `${site}${postUrl(thread, post.number)}?answer=${entry.id}`,
          title: `Official answer: ${thread.title}`,
          url: `${site}${postUrl(thread, post.number)}#${postAnchor(post.number)}`,
          authorName: nameWithRole(post.author, 'A former member'),
          published: entry.createdAt,
          updated: post.editedAt && post.editedAt > entry.createdAt ? post.editedAt : entry.createdAt,
          html: `${note}${post.html}`,
        };
      });
      send(res, atomDocument({
        id: `${site}/feeds/official-answers.atom`,
        title: 'Official answers · Rollout Forum',
        selfUrl: `${site}/feeds/official-answers.atom`,
        pageUrl: `${site}/`,
        updated: newest(entries.map((entry) => entry.updated), new Date(0)),
        entries,
      }));
    },
  };
}
