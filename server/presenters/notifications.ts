/** The notifications page: grouped by thread, newest first, each saying what happened. */
import type { Notification } from '../../models';
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

/** One line per notification, e.g. "ETA changed: within 72 hours (was 24-48 hours)". */
export function describeNotification(notification: Notification): string {
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
    default: return `${who} posted`;
  }
}

function reportedPostNumber(notification: Notification): number | null {
  const number = (JSON.parse(notification.details) as Details).postNumber;
  return typeof number === 'number' ? number : null;
}

export function presentNotifications(notifications: Notification[]): NotificationGroupView[] {
  const groups = new Map<number, NotificationGroupView>();
  for (const notification of notifications) {
    const thread = notification.thread;
    if (!thread) continue;
    const number = notification.post?.number ?? (notification.kind === 'report' ? reportedPostNumber(notification) : null);
    const group = groups.get(thread.id) ?? { thread: { title: thread.title, url: threadUrl(thread) }, notifications: [] };
    group.notifications.push({
      id: notification.id,
      kind: notification.kind,
      text: describeNotification(notification),
      at: timeView(notification.createdAt),
      read: notification.readAt !== null,
      url: number ? `${postUrl(thread, number)}#${postAnchor(number)}` : threadUrl(thread),
    });
    groups.set(thread.id, group);
  }
  // Notifications arrive newest first, so groups are ordered by their newest notification.
  return [...groups.values()];
}
