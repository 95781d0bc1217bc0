/**
 * The kinds of notification a member can get by email, each with its default delivery. A new kind
 * (private messages, accepted solutions...) is one line in EMAIL_KINDS: the settings form, the
 * outbox, the digest and unsubscribe links all read this list.
 */

export const DELIVERIES = ['immediately', 'digest', 'never'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface EmailKind {
  /** The notification kind (models/notification.ts) this preference covers. */
  kind: string;
  /** The settings form's label, and the unsubscribe page's "you will no longer get ...". */
  label: string;
  defaultDelivery: Delivery;
  /** The deliveries offered, when not all three (private messages are not notifications, so no digest). */
  deliveries?: readonly Delivery[];
}

export const EMAIL_KINDS: readonly EmailKind[] = [
  { kind: 'reply', label: 'Replies in threads I follow', defaultDelivery: 'digest' },
  { kind: 'mention', label: 'Mentions of me', defaultDelivery: 'digest' },
  { kind: 'quote', label: 'Quotes of my posts', defaultDelivery: 'digest' },
  { kind: 'eta', label: 'ETAs added or changed', defaultDelivery: 'immediately' },
  { kind: 'answer', label: 'Official answers', defaultDelivery: 'immediately' },
  { kind: 'citation', label: 'Citations of my badge status', defaultDelivery: 'immediately' },
  { kind: 'thread', label: 'New threads in boards I follow', defaultDelivery: 'digest' },
  { kind: 'solution', label: 'My posts accepted as solutions', defaultDelivery: 'immediately' },
  { kind: 'badge', label: 'My badge awarded', defaultDelivery: 'immediately' },
  { kind: 'reminder', label: 'Bookmark reminders', defaultDelivery: 'immediately' },
  // Written by services/messages (not a notification row): at once or never.
  { kind: 'message', label: 'Private messages to me', defaultDelivery: 'immediately', deliveries: ['immediately', 'never'] },
];

/** The deliveries a kind offers. */
export function deliveriesOf(kind: EmailKind): readonly Delivery[] {
  return kind.deliveries ?? DELIVERIES;
}

export function emailKind(kind: string): EmailKind | undefined {
  return EMAIL_KINDS.find((each) => each.kind === kind);
}

/** SQL for "this member's delivery for this kind", given the preference row's alias (LEFT JOINed). */
export function deliverySql(preferenceAlias: string, kindSql: string): string {
  const cases = EMAIL_KINDS.map((each) => `WHEN '${each.kind}' THEN '${each.defaultDelivery}'`).join(' ');
  return `COALESCE(${preferenceAlias}.delivery, CASE ${kindSql} ${cases} ELSE 'never' END)`;
}
