/**
 * Turns an outbox row into the email itself, at send time: the account emails from their links,
 * a notification from the post it points at, read again now, so a post hidden since the event is
 * not mailed (the visibility rule of server/policies/visibility.ts, for the recipient), and a
 * member suspended since gets none but account-security mail (server/policies/email.ts).
 */
import type { Config } from '../config';
import type { Database } from '../db';
import { QueryTypes } from 'sequelize';
import type { Notification } from '../../models';
import { canBeMailed, canReadConversation, canReadPost, type Actor } from '../policies';
import { nameWithRole } from '../presenters/members';
import { describeNotification } from '../presenters/notifications';
import { postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { AUTHOR_ATTRIBUTES } from '../services/members';
import { emailKind } from './kinds';
import { unsubscribePath } from './signing';

export interface OutboxRow {
  id: number;
  member_id: number | null;
  to_address: string | null;
  template: string;
  kind: string | null;
  thread_id: number | null;
  post_id: number | null;
  actor_id: number | null;
  details: string;
  attempts: number | string;
  created_at: Date | string;
}

export interface RenderedEmail {
  to: string;
  subject: string;
  /** Paragraphs of plain text; the HTML part is built from the same. */
  lines: Array<string | { text: string; url: string }>;
  /** The kind an unsubscribe link turns off; null for account emails, which cannot be turned off. */
  unsubscribeKind: string | null;
}

export type Rendering = { email: RenderedEmail } | { dropped: string };

type EmailConfig = Pick<Config, 'forumName' | 'publicUrl' | 'port' | 'sessionSecret'>;

export function siteUrl(config: EmailConfig): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The text part, the HTML part and the headers of a rendered email. */
export function emailParts(config: EmailConfig, memberId: number | null, email: RenderedEmail) {
  const base = siteUrl(config);
  const unsubscribe = email.unsubscribeKind && memberId !== null ? base + unsubscribePath(config.sessionSecret, memberId, email.unsubscribeKind) : null;
  const textLines = email.lines.map((line) => (typeof line === 'string' ? line : `${line.text}\n${line.url}`));
  const htmlLines = email.lines.map((line) =>
    typeof line === 'string' ? `<p>${escapeHtml(line)}</p>` : `<p><a href="${escapeHtml(line.url)}">${escapeHtml(line.text)}</a></p>`,
  );
  const footer = unsubscribe
    ? { text: `You get this email because of your settings at ${base}/settings.\nUnsubscribe: ${unsubscribe}`, html: `<p style="color:#666;font-size:12px">You get this email because of your <a href="${escapeHtml(base)}/settings">settings</a>. <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>` }
    : { text: `${config.forumName} · ${base}`, html: `<p style="color:#666;font-size:12px">${escapeHtml(config.forumName)} · ${escapeHtml(base)}</p>` };
  return {
    subject: `[${config.forumName}] ${email.subject}`,
    text: `${textLines.join('\n\n')}\n\n-- \n${footer.text}\n`,
    html: `<!doctype html><html><body><h1 style="font-size:16px">${escapeHtml(config.forumName)}</h1>${htmlLines.join('')}<hr>${footer.html}</body></html>`,
    headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : ({} as Record<string, string>),
  };
}

interface Recipient {
  actor: Actor;
  address: string | null;
}

async function recipientOf(db: Database, memberId: number): Promise<Recipient | null> {
  const rows = await db.sequelize.query<{ id: number; role: Actor['role']; display_name: string; username: string; address: string | null; verified_at: unknown }>(
    `SELECT m.id, m.role, m.display_name, m.username, e.address, e.verified_at
     FROM members m LEFT JOIN member_emails e ON e.member_id = m.id WHERE m.id = :memberId`,
    { replacements: { memberId }, type: QueryTypes.SELECT },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    actor: { memberId: row.id, role: row.role, displayName: row.display_name, username: row.username },
    address: row.verified_at ? row.address : null,
  };
}

function accountEmail(config: EmailConfig, row: OutboxRow): RenderedEmail | null {
  const details = JSON.parse(row.details) as { link?: string; newAddress?: string };
  const to = row.to_address!;
  const link = details.link ? siteUrl(config) + details.link : '';
  switch (row.template) {
    case 'verify':
      return { to, subject: 'Confirm your email address', unsubscribeKind: null, lines: ['Confirm that this address is yours. The link works once, for 24 hours.', { text: 'Confirm my address', url: link }, 'If you did not ask for this, ignore this email.'] };
    case 'reset':
      return { to, subject: 'Reset your password', unsubscribeKind: null, lines: ['Someone (hopefully you) asked to reset your password. The link works once, for 1 hour.', { text: 'Choose a new password', url: link }, 'If you did not ask for this, ignore this email: your password stays as it is.'] };
    case 'address-changed':
      return { to, subject: 'Your email address is being changed', unsubscribeKind: null, lines: [`Your account's email address is being changed to ${details.newAddress ?? 'a new address'}. It takes effect once the new address is confirmed.`, 'If this was not you, sign in and change your password.'] };
    case 'password-reset':
      return { to, subject: 'Your password was reset', unsubscribeKind: null, lines: ['Your password was just reset with a link sent to this address, and every session of your account was signed out.', 'If this was not you, reset it again at once and tell a moderator.'] };
    default:
      return null;
  }
}

/** A notification email: dropped if the recipient may no longer read the post, or has no verified address. */
async function notificationEmail(db: Database, config: EmailConfig, row: OutboxRow): Promise<Rendering> {
  const recipient = row.member_id === null ? null : await recipientOf(db, row.member_id);
  if (!recipient?.address) return { dropped: 'no verified address' };
  const thread = await db.models.Thread.findByPk(row.thread_id ?? 0, { attributes: ['id', 'title', 'slug', 'authorId', 'hiddenAt'] });
  const post = row.post_id === null ? null : await db.models.Post.findByPk(row.post_id, { attributes: ['id', 'number', 'excerpt', 'authorId', 'hiddenAt'] });
  if (!thread || (row.post_id !== null && !post)) return { dropped: 'post gone' };
  const readable = canReadPost(recipient.actor, post ?? thread, thread);
  if (!readable.allowed) return { dropped: 'post not readable by the recipient' };
  const actor = row.actor_id === null ? null : await db.models.Member.findByPk(row.actor_id, { attributes: AUTHOR_ATTRIBUTES });
  const said = describeNotification({ kind: row.kind, details: row.details, actor, post } as unknown as Notification);
  const url = siteUrl(config) + (post ? `${postUrl(thread, post.number)}#${postAnchor(post.number)}` : threadUrl(thread));
  const lines: RenderedEmail['lines'] = [`${said} in “${thread.title}”.`];
  if (post?.excerpt) lines.push(post.excerpt);
  lines.push({ text: post ? `Read post ${post.number}` : 'Read the thread', url });
  return { email: { to: recipient.address, subject: `${said} · ${thread.title}`, lines, unsubscribeKind: row.kind } };
}

/** A digest: its notifications that the recipient may still read, one line each. */
async function digestEmail(db: Database, config: EmailConfig, row: OutboxRow): Promise<Rendering> {
  const recipient = row.member_id === null ? null : await recipientOf(db, row.member_id);
  if (!recipient?.address) return { dropped: 'no verified address' };
  const ids = (JSON.parse(row.details) as { notificationIds?: number[] }).notificationIds ?? [];
  const notifications = ids.length === 0 ? [] : await db.models.Notification.findAll({
    where: { id: ids, memberId: row.member_id! },
    include: [
      { model: db.models.Thread, as: 'thread', attributes: ['id', 'title', 'slug', 'authorId', 'hiddenAt'] },
      { model: db.models.Post, as: 'post', attributes: ['id', 'number', 'authorId', 'hiddenAt'] },
      { model: db.models.Member, as: 'actor', attributes: AUTHOR_ATTRIBUTES },
    ],
    order: [['id', 'ASC']],
  });
  const base = siteUrl(config);
  const lines: RenderedEmail['lines'] = [];
  for (const notification of notifications) {
    const thread = notification.thread;
    if (!thread || !canReadPost(recipient.actor, notification.post ?? thread, thread).allowed) continue;
    const post = notification.post;
    const url = base + (post ? `${postUrl(thread, post.number)}#${postAnchor(post.number)}` : threadUrl(thread));
    lines.push({ text: `${describeNotification(notification)} in “${thread.title}”`, url });
  }
  if (lines.length === 0) return { dropped: 'nothing readable left' };
  const count = lines.length;
  return {
    email: {
      to: recipient.address,
      subject: `Your daily digest: ${count} notification${count === 1 ? '' : 's'}`,
      lines: [`What happened since your last digest:`, ...lines, `Choose what comes by email, and when, at ${base}/settings.`],
      unsubscribeKind: 'digest',
    },
  };
}

/** A new private message: who wrote in which conversation, and a link; never the message itself. */
async function messageEmail(db: Database, config: EmailConfig, row: OutboxRow): Promise<Rendering> {
  const recipient = row.member_id === null ? null : await recipientOf(db, row.member_id);
  if (!recipient?.address) return { dropped: 'no verified address' };
  const { conversationId, messageNumber } = JSON.parse(row.details) as { conversationId?: number; messageNumber?: number };
  const [conversation] = await db.sequelize.query<{ id: number; kind: 'members' | 'team'; status: 'open' | 'resolved'; subject: string; left_at: unknown; participant: number | string | null }>(
    `SELECT c.id, c.kind, c.status, c.subject, cp.left_at, cp.member_id AS participant
     FROM conversations c LEFT JOIN conversation_participants cp ON cp.conversation_id = c.id AND cp.member_id = :memberId
     WHERE c.id = :conversationId`,
    { replacements: { conversationId: conversationId ?? 0, memberId: row.member_id }, type: QueryTypes.SELECT },
  );
  if (!conversation) return { dropped: 'conversation gone' };
  const participation = conversation.participant === null ? null : { leftAt: (conversation.left_at as Date | string | null) ?? null };
  if (!canReadConversation(recipient.actor, conversation, participation).allowed) return { dropped: 'conversation not readable by the recipient' };
  const author = row.actor_id === null ? null : await db.models.Member.findByPk(row.actor_id, { attributes: AUTHOR_ATTRIBUTES });
  const who = nameWithRole(author, 'A former member');
  const url = `${siteUrl(config)}/messages/${conversation.id}`;
  return {
    email: {
      to: recipient.address,
      subject: `New message from ${who} · ${conversation.subject}`,
      lines: [`${who} wrote${messageNumber ? ` message ${messageNumber}` : ''} in your conversation “${conversation.subject}”.`, { text: 'Read the conversation', url }],
      unsubscribeKind: 'message',
    },
  };
}

/** Whether the recipient may get this email now (a suspension may have begun since it was queued). */
async function mailRefusal(db: Database, row: OutboxRow, now: Date): Promise<string | null> {
  if (row.member_id === null) return null;
  const member = await db.models.Member.findByPk(row.member_id, { attributes: ['id', 'suspendedUntil'] });
  if (!member) return null;
  const decision = canBeMailed({ suspendedUntil: member.suspendedUntil }, row.template, now);
  return decision.allowed ? null : decision.reason;
}

export async function renderOutboxRow(db: Database, config: EmailConfig, row: OutboxRow, now = new Date()): Promise<Rendering> {
  const refusal = await mailRefusal(db, row, now);
  if (refusal) return { dropped: refusal };
  if (row.template === 'message') return messageEmail(db, config, row);
  if (row.template === 'notification') {
    if (!row.kind || !emailKind(row.kind)) return { dropped: 'unknown kind' };
    return notificationEmail(db, config, row);
  }
  if (row.template === 'digest') return digestEmail(db, config, row);
  const email = row.to_address ? accountEmail(config, row) : null;
  return email ? { email } : { dropped: 'unknown template' };
}
