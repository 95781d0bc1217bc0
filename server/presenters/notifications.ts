/** The notifications page: grouped by thread, newest first, each saying what happened. */
import type { NotificationRow } from '../read/notifications';
import { timeView, type TimeView } from './forum';
import { nameWithRole } from './members';
import { postAnchor, postUrl, threadUrl } from './urls';

export interface NotificationView {
  id: number;
  kind: string;
  text: string;
  at: TimeView;
  read: boolean;
  url: string;
  /** How many notifications this row stands for (replies in one thread are one row until read). */
  count: number;
  /** The newest of them: opening the row marks every one from id to throughId read. */
  throughId: number;
}

export interface NotificationGroupView {
  thread: { title: string; url: string };
  notifications: NotificationView[];
}

type Details = { window?: string | null; was?: string | null; changed?: boolean; outcome?: string; postNumber?: number; reason?: string | null };

function windowWords(window: string | null | undefined): string {
  if (!window) return 'no set time';
  return /^by /.test(window) ? window : `within ${window}`;
}

/** What one line says depends on: a page row, or a Notification with its post and actor (emails). */
export interface NotificationFacts {
  kind: string;
  details: string;
  actor?: { displayName: string; role: string } | null;
  post?: { number: number } | null;
}

/** One line per notification, e.g. "ETA changed: within 72 hours (was 24-48 hours)". */
export function describeNotification(notification: NotificationFacts): string {
  const who = nameWithRole(notification.actor, 'Someone');
  const details = JSON.parse(notification.details) as Details;
  const postNumber = notification.post?.number;
  switch (notification.kind) {
    case 'reply': return `${who} replied (post ${postNumber})`;
    case 'mention': return `${who} mentioned you (post ${postNumber})`;
    case 'quote': return `${who} quoted your post (post ${postNumber})`;
    case 'thread': return `${who} started a new thread`;
    case 'eta':
      return details.changed && details.was !== details.window
        ? `ETA changed: ${windowWords(details.window)} (was ${windowWords(details.was).replace(/^within /, '')})`
        : `ETA added by ${who}: ${windowWords(details.window)}`;
    case 'answer': return `${who} marked post ${postNumber} as the official answer`;
    case 'citation': return `${who} cited your badge status (post ${postNumber})`;
    // Never names the moderator or the other reporters: only what became of the post.
    case 'report':
      return details.outcome === 'hidden'
        ? `A moderator hid the post you reported (post ${details.postNumber})`
        : `A moderator reviewed the post you reported (post ${details.postNumber}) and left it up`;
    case 'solution': return `${who} accepted your post ${postNumber} as the solution`;
    case 'reminder': return `Reminder: you bookmarked post ${postNumber}`;
    case 'approval': return `A moderator did not publish your reply: ${details.reason ?? 'no reason given'}`;
    case 'badge': return 'Your Identity Verified badge was awarded';
    default: return `${who} posted`;
  }
}

/** Kinds that say the same thing many times: one row per thread (and read state) instead. */
const GROUPED_KINDS = new Set(['reply', 'mention', 'quote', 'citation']);

const POSTS = (first: number | undefined, last: number | undefined) =>
  first && last && first !== last ? `posts ${Math.min(first, last)}–${Math.max(first, last)}` : `post ${first ?? last}`;

/** What a row of several notifications of one kind says, e.g. "5 new replies (posts 12–16)". */
function describeGroup(kind: string, items: NotificationRow[], read: boolean): string {
  const newest = items[0].post?.number;
  const oldest = items[items.length - 1].post?.number;
  const fresh = read ? '' : 'new ';
  const where = POSTS(oldest, newest);
  switch (kind) {
    case 'reply': return `${items.length} ${fresh}replies (${where})`;
    case 'mention': return `You were mentioned ${items.length} times (${where})`;
    case 'quote': return `Your posts were quoted ${items.length} times (${where})`;
    default: return `Your badge status was cited ${items.length} times (${where})`;
  }
}

function reportedPostNumber(notification: NotificationRow): number | null {
  const number = (JSON.parse(notification.details) as Details).postNumber;
  return typeof number === 'number' ? number : null;
}

/** The page the member's own news leads to. */
export const BADGE_PAGE = '/badge';

function accountGroup(groups: Map<number, NotificationGroupView>): NotificationGroupView {
  const group = groups.get(0) ?? { thread: { title: 'Your account', url: BADGE_PAGE }, notifications: [] };
  groups.set(0, group);
  return group;
}

function badgeView(notification: NotificationRow): NotificationView {
  return {
    id: notification.id,
    kind: notification.kind,
    text: describeNotification(notification),
    at: timeView(notification.createdAt),
    read: notification.readAt !== null,
    url: BADGE_PAGE,
    count: 1,
    throughId: notification.id,
  };
}

export function presentNotifications(notifications: NotificationRow[]): NotificationGroupView[] {
  const groups = new Map<number, NotificationGroupView>();
  // Rows of grouped kinds, by thread, kind and read state: notifications arrive newest first.
  const rows = new Map<string, { view: NotificationView; items: NotificationRow[] }>();
  for (const notification of notifications) {
    const thread = notification.thread;
    if (!thread) {
      // News about the member themself (a badge awarded): a group of its own, leading to their badge.
      if (notification.kind === 'badge') accountGroup(groups).notifications.push(badgeView(notification));
      continue;
    }
    const read = notification.readAt !== null;
    const group = groups.get(thread.id) ?? { thread: { title: thread.title, url: threadUrl(thread) }, notifications: [] };
    groups.set(thread.id, group);
    const rowKey = `${thread.id}:${notification.kind}:${read}`;
    const row = GROUPED_KINDS.has(notification.kind) ? rows.get(rowKey) : undefined;
    const number = notification.post?.number ?? (notification.kind === 'report' ? reportedPostNumber(notification) : null);
    const url = number ? `${postUrl(thread, number)}#${postAnchor(number)}` : threadUrl(thread);
    if (row) {
      // The row opens at the oldest of its posts: the first one the member has not seen.
      row.items.push(notification);
      Object.assign(row.view, { id: notification.id, url, count: row.items.length, text: describeGroup(notification.kind, row.items, read) });
      continue;
    }
    const view: NotificationView = {
      id: notification.id,
      kind: notification.kind,
      text: describeNotification(notification),
      at: timeView(notification.createdAt),
      read,
      url,
      count: 1,
      throughId: notification.id,
    };
    group.notifications.push(view);
    if (GROUPED_KINDS.has(notification.kind)) rows.set(rowKey, { view, items: [notification] });
  }
  // Notifications arrive newest first, so groups are ordered by their newest notification.
  return [...groups.values()];
}
