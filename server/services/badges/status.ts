/**
 * A member's badge status: one pure function of (record, policy, now), as ROLLOUT_RULES.md lists
 * the statuses; the first rule that matches wins. No database, no clock: callers pass both in, so
 * the lookup, "My badge", citations and the tests all get the same answer for the same inputs.
 */
import type { StepState } from '../../../models';
import { methodLabel, orList, Step, STEP_LABELS, STEPS, tierLabel } from './terms';
import { ExpectedWindow, shortDay, windowAfter, windowText } from './window';

export interface StepRecord {
  state: StepState;
  completedAt: Date | null;
  method: string | null;
}

/** What the status depends on; records.ts builds it from the stored row. */
export interface VerificationRecordInput {
  tier: string | null;
  invitedAt: Date | null;
  id: StepRecord;
  webcam: StepRecord;
  awardedAt: Date | null;
}

/** The rules that change over time, kept as settings a Community Manager edits (policy.ts). */
export interface BadgePolicy {
  eligibleTiers: string[];
  acceptedMethods: Record<Step, string[]>;
  /** The badge appears between min and max hours after the later of the two passed steps. */
  window: { minHours: number; maxHours: number };
}

export const STATUS_CODES = [
  'awarded', 'under_review', 'overdue', 'not_available', 'waiting_for_invitation',
  'action_needed', 'must_redo', 'in_progress', 'invited', 'no_record',
] as const;
export type BadgeStatusCode = (typeof STATUS_CODES)[number];

export const STATUS_LABELS: Record<BadgeStatusCode, string> = {
  awarded: 'Awarded',
  under_review: 'Under review',
  overdue: 'Overdue',
  not_available: 'Not yet available',
  waiting_for_invitation: 'Waiting for invitation',
  action_needed: 'Action needed',
  must_redo: 'Verification must be redone',
  in_progress: 'In progress',
  invited: 'Invited',
  no_record: 'No record',
};

export interface StepStatus {
  step: Step;
  label: string;
  state: StepState;
  completedAt: Date | null;
  method: string | null;
  methodLabel: string;
  /** Passed, with a completion time and a method the policy accepts. */
  counts: boolean;
  /** Passed with a method the policy no longer accepts (e.g. the legacy Elance verification). */
  willNotCount: boolean;
}

export interface BadgeStatus {
  code: BadgeStatusCode;
  label: string;
  /** Addressed to the member. */
  explanation: string;
  nextStep: string | null;
  /** Under review and overdue: when the badge is expected, in absolute times. */
  window: ExpectedWindow | null;
  awardedAt: Date | null;
  steps: StepStatus[];
}

function stepStatus(step: Step, record: StepRecord, policy: BadgePolicy): StepStatus {
  const passed = record.state === 'passed';
  const accepted = record.method !== null && policy.acceptedMethods[step].includes(record.method);
  return {
    step,
    label: STEP_LABELS[step],
    state: record.state,
    completedAt: record.completedAt,
    method: record.method,
    methodLabel: methodLabel(record.method),
    // Every writer records a time with a pass; a pass without one is incomplete and waits.
    counts: passed && accepted && record.completedAt !== null,
    willNotCount: passed && !accepted,
  };
}

const and = (words: string[]) => words.join(' and ');
const acceptedFor = (step: Step, policy: BadgePolicy) => orList(policy.acceptedMethods[step].map(methodLabel));
const when = (date: Date | null, now: Date) => (date ? ` on ${shortDay(date, now)}` : '');

function result(code: BadgeStatusCode, explanation: string, nextStep: string | null, steps: StepStatus[], extra: Partial<BadgeStatus> = {}): BadgeStatus {
  return { code, label: STATUS_LABELS[code], explanation, nextStep, window: null, awardedAt: null, steps, ...extra };
}

export function badgeStatus(record: VerificationRecordInput | null, policy: BadgePolicy, now: Date): BadgeStatus {
  if (!record) {
    return result('no_record', 'There is no verification record yet: the badge comes by invitation, once the verification service reports on the member.', null, []);
  }
  const steps = STEPS.map((step) => stepStatus(step, record[step], policy));

  // 1. Awarded.
  if (record.awardedAt) {
    return result('awarded', `The Identity Verified badge was awarded on ${shortDay(record.awardedAt, now)} and shows beside your name.`, null, steps, {
      awardedAt: record.awardedAt,
    });
  }

  // 2-3. Both steps passed with accepted methods: the window runs from the later one.
  if (steps.every((step) => step.counts)) {
    const later = new Date(Math.max(...steps.map((step) => (step.completedAt as Date).getTime())));
    const window = windowAfter(later, policy.window);
    if (now.getTime() < window.endsAt.getTime()) {
      return result('under_review', `Both verifications are done. If all else is okay, the badge appears on your profile ${windowText(window, now)}.`,
        'Nothing to do: the badge appears on its own.', steps, { window });
    }
    return result('overdue', `Both verifications are done and the badge was expected ${windowText(window, now)}. Staff are checking with the verification team.`,
      'Staff: escalate to the verification team.', steps, { window });
  }

  // 4. Not in a tier the rollout has reached.
  if (!record.tier || !policy.eligibleTiers.includes(record.tier)) {
    return result('not_available', `The badge is offered to ${orList(policy.eligibleTiers.map(tierLabel))} members for now. Your account is not affected.`,
      'Nothing to do for now.', steps);
  }

  // 5. Eligible, not invited yet; an earlier verification by a method no longer accepted is named.
  if (!record.invitedAt) {
    const legacy = steps.filter((step) => step.willNotCount);
    const legacyNote = legacy.length
      ? ` Your earlier ${and(legacy.map((step) => `${step.label} (${step.methodLabel}${when(step.completedAt, now)})`))} will not count: you will verify again once invited.`
      : '';
    return result('waiting_for_invitation', `You are ${tierLabel(record.tier)}. Invitations go out in waves, and you will be notified when it is your turn.${legacyNote}`,
      'Wait for the invitation.', steps);
  }

  // 6. A step was rejected.
  const rejected = steps.filter((step) => step.state === 'rejected');
  if (rejected.length) {
    return result('action_needed', `Your ${and(rejected.map((step) => `${step.label}${when(step.completedAt, now)}`))} was not accepted.`,
      `Redo the ${rejected[0].label} (accepted: ${acceptedFor(rejected[0].step, policy)}).`, steps);
  }

  // 7. A step passed with a method that no longer counts.
  const outdated = steps.filter((step) => step.willNotCount);
  if (outdated.length) {
    return result('must_redo', `Your ${and(outdated.map((step) => step.label))} used the ${outdated[0].methodLabel}, which no longer counts.`,
      `Redo the ${outdated[0].label} (accepted: ${acceptedFor(outdated[0].step, policy)}).`, steps);
  }

  // 8. One step passed; name the one still to do.
  const done = steps.find((step) => step.counts);
  const todo = steps.find((step) => !step.counts) as StepStatus;
  if (done) {
    return result('in_progress', `Your ${done.label} is done; the ${todo.label} is still to do.`,
      `Complete the ${todo.label} (${acceptedFor(todo.step, policy)}).`, steps);
  }

  // 9. Invited, nothing done yet.
  return result('invited', `You are invited${when(record.invitedAt, now)}: pass the ID verification and the webcam verification to get the badge.`,
    `Start with the ID verification (${acceptedFor('id', policy)}).`, steps);
}

/** Two statuses say the same thing (code, window and award): a citation has not gone stale. */
export function sameStatus(
  a: Pick<BadgeStatus, 'code' | 'window' | 'awardedAt'>,
  b: Pick<BadgeStatus, 'code' | 'window' | 'awardedAt'>,
): boolean {
  const time = (date: Date | null | undefined) => (date ? date.getTime() : null);
  return a.code === b.code
    && time(a.window?.startsAt) === time(b.window?.startsAt)
    && time(a.window?.endsAt) === time(b.window?.endsAt)
    && time(a.awardedAt) === time(b.awardedAt);
}
