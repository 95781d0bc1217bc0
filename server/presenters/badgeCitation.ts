/**
 * The badge-status card in a post: "Badge status for Rafeh G: Under review — expected between …
 * (checked 26 Nov 10:02 UTC by Avery O)", exactly as snapshotted. The cited member and staff also
 * see "Now: …" once the status has moved on; everyone else sees only the card as cited.
 */
import type { BadgeCitation } from '../../models';
import { Actor, canViewBadgeStatus } from '../policies';
import type { CitationDraft } from '../services/badges/citations';
import { windowWords } from '../services/badges/policy';
import { BadgeStatus, sameStatus } from '../services/badges/status';
import { ExpectedWindow, shortDateTime, shortDay, windowRange, windowText } from '../services/badges/window';
import { timeView, type TimeView } from './forum';
import { escapeMarkdownInline } from '../text/markdown';
import { nameWithRole } from './members';
import { memberUrl } from './urls';

export interface CitationView {
  memberName: string;
  memberUrl: string;
  code: string;
  label: string;
  /** What follows the label: "— expected between … UTC", "on 27 Nov", or null. */
  detail: string | null;
  policyWindow: string;
  checkedAt: TimeView;
  checkedText: string;
  citedBy: string;
  /** The status today, when it differs and the viewer may see it. */
  now: { label: string; detail: string | null } | null;
}

interface Snapshot {
  code: string;
  window: ExpectedWindow | null;
  awardedAt: Date | null;
}

function detailOf(snapshot: Snapshot, reference: Date): string | null {
  if (snapshot.awardedAt) return `on ${shortDay(snapshot.awardedAt, reference)}`;
  if (snapshot.window) return `— expected ${windowRange(snapshot.window, reference)}`;
  return null;
}

/** What the card reads of a citation: a post's (badge_citations) or a message's (message_citations). */
export type CitedStatus = Pick<BadgeCitation, 'memberId' | 'memberName' | 'status' | 'label' | 'windowStartsAt' | 'windowEndsAt' | 'awardedAt' | 'policyMinHours' | 'policyMaxHours' | 'checkedAt'> & {
  member?: { username: string } | null;
  citedBy?: { displayName: string; role: string } | null;
};

function snapshotOf(citation: CitedStatus): Snapshot {
  return {
    code: citation.status,
    window: citation.windowStartsAt && citation.windowEndsAt ? { startsAt: citation.windowStartsAt, endsAt: citation.windowEndsAt } : null,
    awardedAt: citation.awardedAt,
  };
}

export interface CitationOptions {
  actor: Actor;
  /** Current statuses by member id; members missing here get no "Now" line. */
  currentStatuses?: Map<number, BadgeStatus>;
  now: Date;
}

export function presentCitation(citation: CitedStatus, options: CitationOptions): CitationView {
  const snapshot = snapshotOf(citation);
  const current = canViewBadgeStatus(options.actor, { id: citation.memberId }).allowed ? options.currentStatuses?.get(citation.memberId) : undefined;
  return {
    memberName: citation.memberName,
    memberUrl: memberUrl(citation.member?.username ?? ''),
    code: citation.status,
    label: citation.label,
    detail: detailOf(snapshot, citation.checkedAt),
    policyWindow: `${citation.policyMinHours === citation.policyMaxHours ? citation.policyMaxHours : `${citation.policyMinHours}-${citation.policyMaxHours}`} hours`,
    checkedAt: timeView(citation.checkedAt),
    checkedText: `${shortDateTime(citation.checkedAt, citation.checkedAt)} UTC`,
    citedBy: nameWithRole(citation.citedBy, 'a former member'),
    now: current && !sameStatus(current, { ...snapshot, code: snapshot.code as BadgeStatus['code'] })
      ? { label: current.label, detail: detailOf(current, options.now) }
      : null,
  };
}

/** The card a reply will carry, shown on the reply form before it is saved. */
export function presentCitationDraft(draft: CitationDraft, actor: Actor, now: Date): CitationView {
  return {
    memberName: draft.member.displayName,
    memberUrl: memberUrl(draft.member.username),
    code: draft.status.code,
    label: draft.status.label,
    detail: detailOf(draft.status, now),
    policyWindow: windowWords(draft.policy),
    checkedAt: timeView(now),
    checkedText: `${shortDateTime(now, now)} UTC`,
    citedBy: nameWithRole(actor, actor.displayName),
    now: null,
  };
}

/** The reply's opening sentence, prefilled for the moderator to adjust. */
export function citationSentence(draft: CitationDraft, now: Date): string {
  const { status, member } = draft;
  // The sentence is stored in the post for good: it names the window, never "in 52 minutes",
  // which would be wrong an hour later (the attached card shows where now stands, live).
  if (status.code === 'under_review' && status.window) {
    return `Hi ${escapeMarkdownInline(member.displayName)}, I checked your badge status: ${status.label}. If all else is okay, the badge appears on your profile ${windowRange(status.window, now)}.`;
  }
  const explanation = status.window ? status.explanation.replace(windowText(status.window, now), windowRange(status.window, now)) : status.explanation;
  return `Hi ${escapeMarkdownInline(member.displayName)}, I checked your badge status: ${status.label}. ${explanation}${status.nextStep ? ` Next step: ${status.nextStep}` : ''}`;
}
