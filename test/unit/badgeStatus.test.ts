/** The badge status function, rule by rule (ROLLOUT_RULES.md), with the window boundaries pinned. */
import { BadgePolicy, badgeStatus, sameStatus, StepRecord, VerificationRecordInput } from '../../server/services/badges/status';

const HOUR = 3_600_000;
const now = new Date('2026-11-26T14:00:00Z');
const hoursBefore = (hours: number) => new Date(now.getTime() - hours * HOUR);

const policy: BadgePolicy = {
  eligibleTiers: ['top_rated'],
  acceptedMethods: { id: ['government_id'], webcam: ['video_call'] },
  window: { minHours: 24, maxHours: 48 },
};

const notStarted: StepRecord = { state: 'not_started', completedAt: null, method: null };
const passedId = (hours: number, method = 'government_id'): StepRecord => ({ state: 'passed', completedAt: hoursBefore(hours), method });
const passedWebcam = (hours: number, method = 'video_call'): StepRecord => ({ state: 'passed', completedAt: hoursBefore(hours), method });

function record(overrides: Partial<VerificationRecordInput> = {}): VerificationRecordInput {
  return { tier: 'top_rated', invitedAt: hoursBefore(100), id: notStarted, webcam: notStarted, awardedAt: null, ...overrides };
}

const statusOf = (input: VerificationRecordInput | null, at = now, rules = policy) => badgeStatus(input, rules, at);

describe('each status, first match wins', () => {
  it('No record: a member without a record', () => {
    const status = statusOf(null);
    expect(status).toMatchObject({ code: 'no_record', label: 'No record', window: null, steps: [] });
  });

  it('Awarded: wins over everything else, with the date', () => {
    const status = statusOf(record({ tier: null, awardedAt: hoursBefore(30), id: passedId(80) }));
    expect(status.code).toBe('awarded');
    expect(status.label).toBe('Awarded');
    expect(status.awardedAt).toEqual(hoursBefore(30));
    expect(status.explanation).toBe('The Identity Verified badge was awarded on 25 Nov and shows beside your name.');
    expect(status.nextStep).toBeNull();
  });

  it('Under review: both steps passed with accepted methods; the window runs from the later step', () => {
    const status = statusOf(record({ id: passedId(30), webcam: passedWebcam(4) }));
    expect(status.code).toBe('under_review');
    expect(status.label).toBe('Under review');
    expect(status.window).toEqual({ startsAt: new Date('2026-11-27T10:00:00Z'), endsAt: new Date('2026-11-28T10:00:00Z') });
    expect(status.explanation).toBe(
      'Both verifications are done. If all else is okay, the badge appears on your profile between 27 Nov 10:00 and 28 Nov 10:00 UTC, in 20 hours.',
    );
    expect(status.nextStep).toBe('Nothing to do: the badge appears on its own.');
  });

  it('Overdue: as under review, past the upper bound; staff escalate', () => {
    const status = statusOf(record({ id: passedId(60), webcam: passedWebcam(50) }));
    expect(status.code).toBe('overdue');
    expect(status.explanation).toBe(
      'Both verifications are done and the badge was expected between 25 Nov 12:00 and 26 Nov 12:00 UTC, 2 hours ago. Staff are checking with the verification team.',
    );
    expect(status.nextStep).toBe('Staff: escalate to the verification team.');
  });

  it('Not yet available: not in an eligible tier (or no tier at all)', () => {
    for (const tier of [null, 'rising_talent']) {
      const status = statusOf(record({ tier, invitedAt: null, id: passedId(10) }));
      expect(status.code).toBe('not_available');
      expect(status.explanation).toBe('The badge is offered to Top Rated members for now. Your account is not affected.');
    }
  });

  it('Waiting for invitation: Top Rated, not invited; a legacy verification is named as not counting', () => {
    const plain = statusOf(record({ invitedAt: null }));
    expect(plain.code).toBe('waiting_for_invitation');
    expect(plain.explanation).toBe('You are Top Rated. Invitations go out in waves, and you will be notified when it is your turn.');

    const legacy = statusOf(record({ invitedAt: null, id: { state: 'passed', completedAt: new Date('2015-03-31T09:00:00Z'), method: 'elance' } }));
    expect(legacy.code).toBe('waiting_for_invitation');
    expect(legacy.explanation).toContain('Your earlier ID verification (legacy Elance verification on 31 Mar 2015) will not count');
    expect(legacy.steps[0]).toMatchObject({ step: 'id', willNotCount: true, counts: false });
  });

  it('Action needed: a rejected step wins over an outdated method', () => {
    const status = statusOf(record({ id: passedId(10, 'elance'), webcam: { state: 'rejected', completedAt: hoursBefore(5), method: 'video_call' } }));
    expect(status.code).toBe('action_needed');
    expect(status.explanation).toBe('Your webcam verification on 26 Nov was not accepted.');
    expect(status.nextStep).toBe('Redo the webcam verification (accepted: video call).');
  });

  it('Verification must be redone: a step passed with a method no longer accepted', () => {
    const status = statusOf(record({ id: passedId(10, 'elance'), webcam: passedWebcam(5) }));
    expect(status.code).toBe('must_redo');
    expect(status.label).toBe('Verification must be redone');
    expect(status.explanation).toBe('Your ID verification used the legacy Elance verification, which no longer counts.');
    expect(status.nextStep).toBe('Redo the ID verification (accepted: government ID).');
  });

  it('In progress: one step passed, naming the step still to do', () => {
    const idDone = statusOf(record({ id: passedId(10) }));
    expect(idDone.code).toBe('in_progress');
    expect(idDone.explanation).toBe('Your ID verification is done; the webcam verification is still to do.');
    expect(idDone.nextStep).toBe('Complete the webcam verification (video call).');
    expect(statusOf(record({ webcam: passedWebcam(3) })).nextStep).toBe('Complete the ID verification (government ID).');
  });

  it('Invited: invited, nothing done yet', () => {
    const status = statusOf(record({ invitedAt: hoursBefore(2) }));
    expect(status.code).toBe('invited');
    expect(status.explanation).toBe('You are invited on 26 Nov: pass the ID verification and the webcam verification to get the badge.');
    expect(status.nextStep).toBe('Start with the ID verification (government ID).');
  });
});

describe('window boundaries, from the later completion time', () => {
  const completedAt = new Date('2026-11-25T10:00:00Z');
  const both = record({ id: { ...passedId(0), completedAt }, webcam: { ...passedWebcam(0), completedAt } });
  const at = (hours: number, ms = 0) => new Date(completedAt.getTime() + hours * HOUR + ms);

  it('is under review, opening in under a minute, just before 24 hours', () => {
    const status = statusOf(both, at(24, -1));
    expect(status.code).toBe('under_review');
    expect(status.explanation).toContain('between 26 Nov 10:00 and 27 Nov 10:00 UTC, in less than a minute');
  });

  it('is under review with the window open at exactly 24 hours', () => {
    const status = statusOf(both, at(24));
    expect(status.code).toBe('under_review');
    expect(status.explanation).toContain('between 26 Nov 10:00 and 27 Nov 10:00 UTC, within 24 hours');
  });

  it('is still under review one millisecond before 48 hours', () => {
    expect(statusOf(both, at(48, -1)).code).toBe('under_review');
  });

  it('is overdue at exactly 48 hours', () => {
    const status = statusOf(both, at(48));
    expect(status.code).toBe('overdue');
    expect(status.explanation).toContain('between 26 Nov 10:00 and 27 Nov 10:00 UTC, less than a minute ago');
  });

  it('follows the policy: a 72-hour upper bound keeps it under review at 48 hours', () => {
    const longer = { ...policy, window: { minHours: 24, maxHours: 72 } };
    const status = statusOf(both, at(48), longer);
    expect(status.code).toBe('under_review');
    expect(status.window!.endsAt).toEqual(at(72));
  });
});

describe('rejected vs outdated method', () => {
  it('a rejected step is "Action needed" whatever its method; an outdated pass is "must be redone"', () => {
    const rejectedWithAccepted = statusOf(record({ id: { state: 'rejected', completedAt: hoursBefore(3), method: 'government_id' } }));
    const passedWithOutdated = statusOf(record({ id: passedId(3, 'elance') }));
    expect(rejectedWithAccepted.code).toBe('action_needed');
    expect(passedWithOutdated.code).toBe('must_redo');
  });

  it('a method the policy stops accepting turns a pass into "must be redone"; accepting it again restores it', () => {
    const input = record({ id: passedId(10), webcam: passedWebcam(5) });
    const stricter = { ...policy, acceptedMethods: { id: ['passport_scan'], webcam: ['video_call'] } };
    expect(statusOf(input, now, stricter).code).toBe('must_redo');
    expect(statusOf(input, now, policy).code).toBe('under_review');
  });

  it('a pass without a completion time does not count yet', () => {
    const status = statusOf(record({ id: { state: 'passed', completedAt: null, method: 'government_id' } }));
    expect(status.code).toBe('invited');
  });

  it('eligible tiers are policy: adding Rising Talent makes that member eligible', () => {
    const input = record({ tier: 'rising_talent', invitedAt: null });
    expect(statusOf(input).code).toBe('not_available');
    expect(statusOf(input, now, { ...policy, eligibleTiers: ['top_rated', 'rising_talent'] }).code).toBe('waiting_for_invitation');
  });
});

it('compares statuses by code, window and award date', () => {
  const a = statusOf(record({ id: passedId(30), webcam: passedWebcam(4) }));
  expect(sameStatus(a, statusOf(record({ id: passedId(30), webcam: passedWebcam(4) }), new Date(now.getTime() + HOUR)))).toBe(true);
  expect(sameStatus(a, statusOf(record({ id: passedId(30), webcam: passedWebcam(4), awardedAt: now })))).toBe(false);
  expect(sameStatus(a, statusOf(record({ id: passedId(30), webcam: passedWebcam(4) }), now, { ...policy, window: { minHours: 24, maxHours: 72 } }))).toBe(false);
});
