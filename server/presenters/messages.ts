/**
 * Private messages as their pages show them (HTML and the JSON twin): the inbox, a conversation,
 * the staff inbox and the reported messages in the review queue. Only what the viewer may see is
 * put in: staff notes and the starter's badge status only for staff on the team's conversations.
 */
import type { Actor } from '../policies';
import { canAddParticipant, canCiteInConversation, canLeaveConversation, canReportMessage, canResolveConversation, canUseStaffNotes } from '../policies';
import type { AuthorRow } from '../read/rows';
import type { BadgeStatus } from '../services/badges/status';
import type { MessageCitation } from '../services/messages/citations';
import { inboxCursorOf, type ConversationRow, type InboxCursor, type MessageRow, type NoteRow, type ParticipantRow, type ParticipationRow, type StaffInboxState } from '../services/messages/read';
import type { ReportedMessageItem } from '../services/messages/reports';
import { presentCitation, type CitationView } from './badgeCitation';
import { badgeLookupUrl } from './badgeUrls';
import { timeView, type TimeView } from './forum';
import { AuthorView, nameWithRole, presentAuthor } from './members';
import { REPORT_REASON_LABELS } from './review';

export const INBOX_URL = '/messages';
export const STAFF_INBOX_URL = '/staff/messages';

export function conversationUrl(conversationId: number): string {
  return `/messages/${conversationId}`;
}

export function newMessageUrl(options: { to?: string; team?: boolean } = {}): string {
  if (options.team) return '/messages/new?team=1';
  return options.to ? `/messages/new?to=${encodeURIComponent(options.to)}` : '/messages/new';
}

export function messageAnchor(number: number): string {
  return `m${number}`;
}

export interface ConversationSummaryView {
  id: number;
  url: string;
  subject: string;
  kind: 'members' | 'team';
  /** "The team", or the other participants' names. */
  withWhom: string;
  unread: number;
  status: 'open' | 'resolved';
  assignedTo: string | null;
  lastActivity: TimeView;
}

function otherNames(participants: ParticipantRow[], viewerId: number | null): string {
  const names = participants.filter((p) => p.member.id !== viewerId && p.leftAt === null).map((p) => nameWithRole(p.member, 'a former member'));
  return names.length ? names.join(', ') : 'nobody else';
}

function summaryOf(conversation: ConversationRow, participants: ParticipantRow[], viewerId: number | null, unread: number): ConversationSummaryView {
  return {
    id: conversation.id,
    url: conversationUrl(conversation.id),
    subject: conversation.subject,
    kind: conversation.kind,
    withWhom: conversation.kind === 'team' ? (viewerId === conversation.startedById ? 'The team' : `The team, for ${otherNames(participants.filter((p) => p.role === 'member'), viewerId)}`) : otherNames(participants, viewerId),
    unread,
    status: conversation.status,
    assignedTo: conversation.assignedTo ? nameWithRole(conversation.assignedTo, 'a former member') : null,
    lastActivity: timeView(conversation.lastMessageAt),
  };
}

export function presentInbox(
  rows: Array<{ conversation: ConversationRow; unread: number }>,
  participants: Map<number, ParticipantRow[]>,
  actor: Actor,
  next: InboxCursor | null,
  blocked: AuthorRow[],
) {
  return {
    conversations: rows.map((row) => summaryOf(row.conversation, participants.get(row.conversation.id) ?? [], actor.memberId, row.unread)),
    nextUrl: next ? `${INBOX_URL}?before=${inboxCursorOf(next.at, next.id)}` : null,
    blocked: blocked.map((member) => ({ username: member.username, displayName: member.displayName })),
  };
}

export function presentStaffInbox(rows: ConversationRow[], participants: Map<number, ParticipantRow[]>, state: StaffInboxState, next: InboxCursor | null) {
  return {
    state,
    conversations: rows.map((conversation) => summaryOf(conversation, participants.get(conversation.id) ?? [], null, 0)),
    nextUrl: next ? `${STAFF_INBOX_URL}?state=${state}&before=${inboxCursorOf(next.at, next.id)}` : null,
  };
}

export interface MessageView {
  id: number;
  number: number;
  anchor: string;
  author: AuthorView | null;
  html: string;
  at: TimeView;
  unread: boolean;
  citations: CitationView[];
  canReport: boolean;
  reportedByViewer: boolean;
}

export interface ConversationPageInput {
  actor: Actor;
  conversation: ConversationRow;
  participation: ParticipationRow | null;
  messages: MessageRow[];
  participants: ParticipantRow[];
  citations: Map<number, MessageCitation[]>;
  notes: NoteRow[] | null;
  reported: Set<number>;
  starter: { username: string; displayName: string; status: BadgeStatus } | null;
  olderUrl: string | null;
  now: Date;
}

export function presentConversation(input: ConversationPageInput) {
  const { actor, conversation, participation } = input;
  const lastRead = participation?.leftAt === null ? participation.lastReadMessageNumber : conversation.lastMessageNumber;
  return {
    conversation: {
      id: conversation.id,
      url: conversationUrl(conversation.id),
      subject: conversation.subject,
      kind: conversation.kind,
      status: conversation.status,
      assignedTo: conversation.assignedTo ? nameWithRole(conversation.assignedTo, 'a former member') : null,
      assignedToViewer: conversation.assignedTo?.id === actor.memberId,
      messageCount: conversation.lastMessageNumber,
      unread: Math.max(0, conversation.lastMessageNumber - lastRead),
    },
    participants: input.participants
      .filter((p) => p.leftAt === null)
      .map((p) => ({ ...presentAuthor(p.member), asStaff: p.role === 'staff' })),
    messages: input.messages.map((message): MessageView => ({
      id: message.id,
      number: message.number,
      anchor: messageAnchor(message.number),
      author: message.author ? presentAuthor(message.author) : null,
      html: message.html,
      at: timeView(message.createdAt),
      unread: message.number > lastRead,
      citations: (input.citations.get(message.id) ?? []).map((citation) => presentCitation(citation, { actor, now: input.now })),
      canReport: canReportMessage(actor, message, participation).allowed,
      reportedByViewer: input.reported.has(message.id),
    })),
    olderUrl: input.olderUrl,
    notes: input.notes?.map((note) => ({ id: note.id, author: note.author ? presentAuthor(note.author) : null, text: note.text, at: timeView(note.createdAt) })) ?? null,
    starterStatus: input.starter
      ? { displayName: input.starter.displayName, label: input.starter.status.label, explanation: input.starter.status.explanation, lookupUrl: badgeLookupUrl(input.starter.username) }
      : null,
    controls: {
      leave: canLeaveConversation(actor, participation).allowed,
      addColleague: canAddParticipant(actor, conversation).allowed,
      resolve: canResolveConversation(actor, conversation).allowed,
      notes: canUseStaffNotes(actor, conversation).allowed,
      cite: canCiteInConversation(actor, conversation).allowed,
      markRead: participation !== null && participation.leftAt === null && conversation.lastMessageNumber > lastRead,
    },
  };
}

export function presentMessageReports(items: ReportedMessageItem[]) {
  return items.map((item) => ({
    messageId: item.messageId,
    subject: item.conversationSubject,
    messages: item.messages.map((message) => ({
      number: message.number,
      reported: message.id === item.messageId,
      author: message.author ? presentAuthor(message.author) : null,
      html: message.html,
      at: timeView(message.createdAt),
    })),
    reports: item.reports.map((report) => ({
      reason: REPORT_REASON_LABELS[report.reason as keyof typeof REPORT_REASON_LABELS] ?? report.reason,
      note: report.note,
      at: timeView(report.createdAt),
    })),
  }));
}
