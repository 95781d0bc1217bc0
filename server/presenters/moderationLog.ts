/** The moderation log as staff read it: a sentence per action. */
import type { LogEntryRow } from '../read/moderationLog';
import { timeView, type TimeView } from './forum';
import { AuthorView, DEFAULT_RANK_TITLES, presentAuthor } from './members';
import { postAnchor, postUrl, threadUrl } from './urls';

export const LOG_KINDS = [
  { value: 'role', label: 'Role changes' },
  { value: 'post', label: 'Posts (hide, restore, edit)' },
  { value: 'thread', label: 'Threads (lock, pin, move, hide, retitle)' },
  { value: 'answer', label: 'Official answers' },
  { value: 'solution', label: 'Accepted solutions' },
  { value: 'eta', label: 'ETA notes' },
  { value: 'badge', label: 'Badge status' },
  { value: 'report', label: 'Reports (review queue)' },
  { value: 'member', label: 'Members (renames, silence, suspend, notes)' },
  { value: 'approval', label: 'Approvals of first posts' },
];

export interface LogEntryView {
  id: number;
  action: string;
  actor: AuthorView | null;
  subject: AuthorView | null;
  at: TimeView;
  summary: string;
  reason: string | null;
  link: { text: string; url: string } | null;
}

type Details = Record<string, string | number | null | undefined>;

function describe(action: string, details: Details): string {
  const rank = (role: unknown, title: unknown) => (title ? String(title) : DEFAULT_RANK_TITLES[role as keyof typeof DEFAULT_RANK_TITLES] ?? String(role));
  switch (action) {
    case 'role.change':
      return `changed the role from ${rank(details.fromRole, details.fromRankTitle)} to ${rank(details.toRole, details.toRankTitle)}`;
    case 'post.hide': return 'hid a post';
    case 'post.restore': return 'restored a hidden post';
    case 'post.edit': return 'edited someone else\'s post';
    case 'post.redact': return `redacted the earlier text of a post (${details.revisions ?? '?'} revisions)`;
    case 'thread.lock': return 'locked the thread';
    case 'thread.unlock': return 'unlocked the thread';
    case 'thread.move': return `moved the thread from ${details.from ?? '?'} to ${details.to ?? '?'}`;
    case 'thread.pin': return details.until ? `pinned the thread until ${String(details.until).slice(0, 10)}` : 'pinned the thread';
    case 'thread.unpin': return 'unpinned the thread';
    case 'thread.hide': return 'hid the whole thread';
    case 'thread.restore': return 'restored the hidden thread';
    case 'thread.retitle': return `retitled the thread from "${details.from ?? '?'}" to "${details.to ?? '?'}"`;
    case 'answer.mark': return `marked post ${details.postNumber} as the official answer`;
    case 'answer.replace': return `replaced the official answer: post ${details.fromPostNumber} → post ${details.toPostNumber}`;
    case 'answer.unmark': return `removed the official answer (post ${details.postNumber ?? '?'})`;
    case 'answer.unmark-edited': return `edited the official answer (post ${details.postNumber ?? '?'}, version ${details.version ?? '?'}), which removed its mark automatically`;
    case 'solution.accept': return `accepted post ${details.postNumber ?? '?'} as the solution`;
    case 'solution.change': return `changed the accepted solution: post ${details.fromPostNumber ?? '?'} → post ${details.postNumber ?? '?'}`;
    case 'eta.add': return `added an ETA${details.to ? ` (${details.to})` : ''}`;
    case 'eta.change': return `changed the ETA from ${details.from ?? 'no set time'} to ${details.to ?? 'no set time'}`;
    case 'eta.keep': return `kept the ETA promise${details.followUpPostNumber ? ` in post ${details.followUpPostNumber}` : ''}`;
    case 'eta.withdraw': return 'withdrew the ETA promise';
    case 'badge.correct': return `corrected the verification record (${details.fields ?? 'no fields'})`;
    case 'badge.award': return 'awarded the Identity Verified badge';
    case 'badge.revoke': return 'revoked the Identity Verified badge';
    case 'member.rename': return `changed their display name from "${details.from ?? '?'}" to "${details.to ?? '?'}"`;
    case 'badge.policy': return `changed the badge policy from "${details.from ?? '?'}" to "${details.to ?? '?'}"`;
    case 'report.hide': return `hid a reported post (${details.reports ?? '?'} reports closed)`;
    case 'report.dismiss':
      return `left a reported post up (${details.reports ?? '?'} reports closed)${details.restored ? '; it was hidden pending review and shows again' : ''}`;
    case 'report.autohide': return `filed the report that hid a post automatically pending review (${details.reports ?? '?'} reports)`;
    case 'member.silence': return `silenced the member ${details.until ? `until ${String(details.until).slice(0, 16).replace('T', ' ')} UTC` : 'indefinitely'}`;
    case 'member.suspend': return `suspended the member ${details.until ? `until ${String(details.until).slice(0, 16).replace('T', ' ')} UTC` : 'indefinitely'}`;
    case 'member.lift': return `lifted the member's ${details.kind === 'suspend' ? 'suspension' : 'silence'} early`;
    case 'member.note': return 'added a staff note about the member';
    case 'avatar.remove': return 'removed the member\'s avatar';
    case 'approval.approve': return 'approved a new member\'s post';
    case 'approval.reject': return 'rejected a new member\'s post';
    default: return action;
  }
}

export function presentLogEntries(entries: LogEntryRow[]): LogEntryView[] {
  return entries.map((entry) => {
    const details = JSON.parse(entry.details) as Details;
    const thread = entry.thread ?? null;
    const postNumber = entry.post?.number ?? null;
    return {
      id: entry.id,
      action: entry.action,
      actor: entry.actor ? presentAuthor(entry.actor) : null,
      subject: entry.subjectMember ? presentAuthor(entry.subjectMember) : null,
      at: timeView(entry.createdAt),
      summary: describe(entry.action, details),
      reason: entry.reason,
      link: thread
        ? postNumber
          ? { text: `${thread.title}, post ${postNumber}`, url: `${postUrl(thread, postNumber)}#${postAnchor(postNumber)}` }
          : { text: thread.title, url: threadUrl(thread) }
        : null,
    };
  });
}
