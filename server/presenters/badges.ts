/** Badge pages as staff and members read them: a status with its steps, the event timeline, the policy. */
import type { BadgePolicyVersion, Member, VerificationEvent } from '../../models';
import { policyOf, policySummary, windowWords } from '../services/badges/policy';
import { statusInputOf } from '../services/badges/records';
import { BadgePolicy, BadgeStatus, badgeStatus } from '../services/badges/status';
import { methodLabel, STEP_LABELS, tierLabel, TIER_LABELS, TIERS } from '../services/badges/terms';
import { shortDateTime, windowText } from '../services/badges/window';
import { badgeLookupUrl } from './badgeUrls';
import { timeView, type TimeView } from './forum';
import { AuthorView, nameWithRole, presentAuthor } from './members';

export interface StepView {
  label: string;
  state: string;
  at: TimeView | null;
  method: string | null;
  /** Passed with a method the policy no longer accepts. */
  willNotCount: boolean;
}

export interface BadgeStatusView {
  code: string;
  label: string;
  explanation: string;
  nextStep: string | null;
  /** "between 27 Nov 10:00 and 28 Nov 10:00 UTC, in 20 hours" */
  window: string | null;
  awardedAt: TimeView | null;
  steps: StepView[];
}

const STATE_WORDS: Record<string, string> = { not_started: 'Not started', passed: 'Passed', rejected: 'Rejected' };
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function presentBadgeStatus(status: BadgeStatus, now: Date): BadgeStatusView {
  return {
    code: status.code,
    label: status.label,
    explanation: status.explanation,
    nextStep: status.nextStep,
    window: status.window ? windowText(status.window, now) : null,
    awardedAt: status.awardedAt ? timeView(status.awardedAt) : null,
    steps: status.steps.map((step) => ({
      label: capitalized(step.label),
      state: STATE_WORDS[step.state] ?? step.state,
      at: step.completedAt ? timeView(step.completedAt) : null,
      method: step.method ? step.methodLabel : null,
      willNotCount: step.willNotCount,
    })),
  };
}

export interface LookupResultView {
  member: AuthorView;
  url: string;
  status: BadgeStatusView;
}

/** Search results: each member's status, computed from the record loaded with them. */
export function presentLookupResults(members: Member[], policy: BadgePolicy, now: Date): LookupResultView[] {
  return members.map((member) => ({
    member: presentAuthor(member),
    url: badgeLookupUrl(member.username),
    status: presentBadgeStatus(badgeStatus(statusInputOf(member.verificationRecord ?? null), policy, now), now),
  }));
}

const FIELD_LABELS: Record<string, string> = {
  tier: 'tier', invitedAt: 'invited', awardedAt: 'awarded',
  idState: 'ID', idCompletedAt: 'ID completed', idMethod: 'ID method',
  webcamState: 'webcam', webcamCompletedAt: 'webcam completed', webcamMethod: 'webcam method',
};

function valueWords(field: string, value: unknown, now: Date): string {
  if (value === null || value === undefined) return 'none';
  if (field === 'tier') return tierLabel(String(value));
  if (field.endsWith('Method')) return methodLabel(String(value));
  if (field.endsWith('State')) return (STATE_WORDS[String(value)] ?? String(value)).toLowerCase();
  if (field.endsWith('At')) return `${shortDateTime(new Date(String(value)), now)} UTC`;
  return String(value);
}

type Changes = Record<string, { from: unknown; to: unknown }>;

function changeList(changes: Changes, now: Date): string {
  return Object.entries(changes)
    .map(([field, { from, to }]) => `${FIELD_LABELS[field] ?? field} ${valueWords(field, from, now)} → ${valueWords(field, to, now)}`)
    .join('; ');
}

function describeEvent(kind: string, changes: Changes, now: Date): string {
  const step = (Object.keys(changes).find((field) => field.endsWith('State')) ?? '').startsWith('webcam') ? 'webcam' : 'id';
  const stepLabel = capitalized(STEP_LABELS[step]);
  const method = changes[`${step}Method`]?.to;
  switch (kind) {
    case 'tier.changed': return changes.tier ? `Tier set to ${valueWords('tier', changes.tier.to, now)}` : 'Tier confirmed';
    case 'invited': return 'Invited';
    case 'step.passed': return changes[`${step}State`] ? `${stepLabel} passed${method ? ` (${methodLabel(String(method))})` : ''}` : 'Step confirmed';
    case 'step.rejected': return changes[`${step}State`] ? `${stepLabel} rejected` : 'Step confirmed';
    case 'step.reset': return changes[`${step}State`] ? `${stepLabel} reset` : 'Step confirmed';
    case 'badge.awarded': return 'Badge awarded';
    case 'badge.revoked': return 'Badge revoked';
    case 'correction': return `Record corrected: ${changeList(changes, now)}`;
    case 'import.record': return Object.keys(changes).length ? `Record imported: ${changeList(changes, now)}` : 'Record imported';
    default: return kind;
  }
}

export interface EventView {
  at: TimeView;
  summary: string;
  /** "Feed", "Import", or the manager's name. */
  from: string;
  reason: string | null;
  changedNothing: boolean;
}

const SOURCE_WORDS: Record<string, string> = { feed: 'Verification feed', import: 'Import', manager: 'Manager' };

export function presentBadgeEvents(events: VerificationEvent[], now: Date): EventView[] {
  return events.map((event) => {
    const changes = JSON.parse(event.changes) as Changes;
    return {
      at: timeView(event.occurredAt),
      summary: describeEvent(event.kind, changes, now),
      from: event.source === 'manager' && event.actor ? nameWithRole(event.actor, 'Manager') : SOURCE_WORDS[event.source] ?? event.source,
      reason: event.reason,
      changedNothing: Object.keys(changes).length === 0,
    };
  });
}

export interface PolicyView {
  summary: string;
  window: string;
  tiers: string[];
  idMethods: string[];
  webcamMethods: string[];
}

export function presentPolicy(policy: BadgePolicy): PolicyView {
  return {
    summary: policySummary(policy),
    window: windowWords(policy),
    tiers: policy.eligibleTiers.map(tierLabel),
    idMethods: policy.acceptedMethods.id.map(methodLabel),
    webcamMethods: policy.acceptedMethods.webcam.map(methodLabel),
  };
}

/** The policy form's values: checkboxes for the known tiers, method codes as comma lists. */
export function policyFormValues(policy: BadgePolicy): Record<string, string | string[]> {
  return {
    tiers: policy.eligibleTiers,
    idMethods: policy.acceptedMethods.id.join(', '),
    webcamMethods: policy.acceptedMethods.webcam.join(', '),
    minHours: String(policy.window.minHours),
    maxHours: String(policy.window.maxHours),
    reason: '',
  };
}

export const TIER_CHOICES = TIERS.map((value) => ({ value, label: TIER_LABELS[value] }));

export interface PolicyVersionView {
  summary: string;
  by: AuthorView | null;
  at: TimeView;
  reason: string | null;
}

export function presentPolicyHistory(versions: BadgePolicyVersion[]): PolicyVersionView[] {
  return versions.map((version) => ({
    summary: policySummary(policyOf(version)),
    by: version.changedBy ? presentAuthor(version.changedBy) : null,
    at: timeView(version.createdAt),
    reason: version.reason,
  }));
}
