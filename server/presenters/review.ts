/** The review queue as staff read it (HTML and its JSON twin), and the report form's choices. */
import type { MemberNote, ReportReason, Sanction } from '../../models';
import type { QueueAuthor, QueueItem, QueueReport } from '../services/reviewQueue';
import { isAutoHidden } from '../services/reviewActions';
import { isIndefinite } from '../services/sanctionState';
import { formatDay } from './format';
import { timeView, type TimeView } from './forum';
import { AuthorFields, AuthorView, presentAuthor } from './members';
import { editPostUrl, postAnchor, postUrl, threadUrl } from './urls';

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: 'Spam',
  abusive: 'Abusive',
  personal: 'Personal information',
  offtopic: 'Off-topic',
  other: 'Something else',
};

export const REPORT_REASON_OPTIONS = (Object.keys(REPORT_REASON_LABELS) as ReportReason[]).map((value) => ({ value, label: REPORT_REASON_LABELS[value] }));

export interface SanctionView {
  id: number;
  kind: string;
  label: string;
  reason: string;
  at: TimeView;
  until: string;
  by: AuthorView | null;
  /** Neither lifted nor over. */
  active: boolean;
  lifted: { at: TimeView; by: AuthorView | null } | null;
}

export interface StaffNoteView {
  id: number;
  text: string;
  at: TimeView;
  by: AuthorView | null;
}

/** A sanction as the staff file (model instances) and the review queue (plain rows) read it. */
export type SanctionFields = Pick<Sanction, 'id' | 'kind' | 'reason' | 'createdAt' | 'endsAt' | 'liftedAt'> & {
  createdBy?: AuthorFields | null;
  liftedBy?: AuthorFields | null;
};

export type StaffNoteFields = Pick<MemberNote, 'id' | 'text' | 'createdAt'> & { author?: AuthorFields | null };

export function presentSanction(sanction: SanctionFields, now: Date): SanctionView {
  const over = sanction.endsAt !== null && sanction.endsAt.getTime() <= now.getTime();
  return {
    id: sanction.id,
    kind: sanction.kind,
    label: sanction.kind === 'silence' ? 'Silenced' : 'Suspended',
    reason: sanction.reason,
    at: timeView(sanction.createdAt),
    until: sanction.endsAt && !isIndefinite(sanction.endsAt) ? timeView(sanction.endsAt).text : 'indefinitely',
    by: sanction.createdBy ? presentAuthor(sanction.createdBy) : null,
    active: !sanction.liftedAt && !over,
    lifted: sanction.liftedAt ? { at: timeView(sanction.liftedAt), by: sanction.liftedBy ? presentAuthor(sanction.liftedBy) : null } : null,
  };
}

export function presentStaffNote(note: StaffNoteFields): StaffNoteView {
  return { id: note.id, text: note.text, at: timeView(note.createdAt), by: note.author ? presentAuthor(note.author) : null };
}

export interface ReviewItemView {
  postId: number;
  actionUrl: string;
  seenUpTo: number;
  autoHidden: boolean;
  reportCount: number;
  post: {
    number: number;
    html: string;
    at: TimeView;
    url: string;
    editUrl: string;
    hidden: { reason: string | null; at: TimeView } | null;
    thread: { title: string; url: string; hidden: boolean };
    board: { name: string } | null;
  };
  author: (AuthorView & { postCount: number; joined: string; silenced: boolean; suspended: boolean }) | null;
  authorSanctions: SanctionView[];
  authorNotes: StaffNoteView[];
  reports: Array<{ id: number; reporter: AuthorView | null; reason: string; reasonLabel: string; note: string | null; at: TimeView }>;
}

function presentItemAuthor(author: QueueAuthor, now: Date): ReviewItemView['author'] {
  return {
    ...presentAuthor(author),
    postCount: Number(author.postCount),
    joined: formatDay(author.createdAt),
    silenced: Boolean(author.silencedUntil && author.silencedUntil.getTime() > now.getTime()),
    suspended: Boolean(author.suspendedUntil && author.suspendedUntil.getTime() > now.getTime()),
  };
}

function presentReport(report: QueueReport): ReviewItemView['reports'][number] {
  return {
    id: report.id,
    reporter: report.reporter ? presentAuthor(report.reporter) : null,
    reason: report.reason,
    reasonLabel: REPORT_REASON_LABELS[report.reason] ?? report.reason,
    note: report.note,
    at: timeView(report.createdAt),
  };
}

export function presentQueue(items: QueueItem[], now: Date): ReviewItemView[] {
  return items.map(({ post, reportCount, lastReportId, reports, authorSanctions, authorNotes }) => {
    const thread = post.thread!;
    return {
      postId: post.id,
      actionUrl: `/staff/review/${post.id}`,
      seenUpTo: lastReportId,
      autoHidden: isAutoHidden(post),
      reportCount,
      post: {
        number: post.number,
        // Staff read hidden posts: the queue shows the post whatever its state.
        html: post.html,
        at: timeView(post.createdAt),
        url: `${postUrl(thread, post.number)}#${postAnchor(post.number)}`,
        editUrl: editPostUrl(post.id),
        hidden: post.hiddenAt ? { reason: post.hiddenReason, at: timeView(post.hiddenAt) } : null,
        thread: { title: thread.title, url: threadUrl(thread), hidden: thread.hiddenAt !== null },
        board: thread.board ? { name: thread.board.name } : null,
      },
      author: post.author ? presentItemAuthor(post.author, now) : null,
      authorSanctions: authorSanctions.map((sanction) => presentSanction(sanction, now)),
      authorNotes: authorNotes.map(presentStaffNote),
      reports: reports.map(presentReport),
    };
  });
}
