/** Reporting, review and sanction decisions: pure predicates of (actor, subject). */
import {
  ANONYMOUS, canEditPost, canLiftSanction, canReply, canReportPost, canReviewReports, canSilence, canStartThread, canSuspend,
  canWriteStaffNote, silenceNotice, type Actor,
} from '../../server/policies';
import { activeSilence, INDEFINITE_END, isSuspended } from '../../server/services/sanctionState';

const member = (role: Actor['role'], memberId: number, silence: Actor['silence'] = null): Actor =>
  ({ memberId, role, displayName: `m${memberId}`, username: `m${memberId}`, silence });
const silenced = (memberId: number) => member('contributor', memberId, { until: new Date('2026-12-05T10:00:00Z'), indefinite: false, reason: 'Spam' });
const open = { hiddenAt: null, authorId: 7 };
const thread = { hiddenAt: null, authorId: 1, isLocked: false };

it('lets members report posts they can read, except their own and hidden ones', () => {
  expect(canReportPost(member('contributor', 8), open, thread).allowed).toBe(true);
  expect(canReportPost(member('moderator', 2), open, thread).allowed).toBe(true);
  expect(canReportPost(member('contributor', 7), open, thread)).toEqual({ allowed: false, reason: 'You cannot report your own post.' });
  expect(canReportPost(ANONYMOUS, open, thread).allowed).toBe(false);
  expect(canReportPost(member('contributor', 8), { hiddenAt: new Date(), authorId: 7 }, thread).allowed).toBe(false);
  expect(canReportPost(member('contributor', 8), open, { ...thread, hiddenAt: new Date() }).allowed).toBe(false);
});

it('a silenced member is told why and until when, and may not post, reply, edit or report', () => {
  const actor = silenced(7);
  const notice = 'You are silenced until Dec 5, 2026, 10:00 UTC: Spam. You can read, but not post, reply, edit, report or change your display name.';
  expect(silenceNotice(actor)).toBe(notice);
  expect(canReply(actor, thread)).toEqual({ allowed: false, reason: notice });
  expect(canStartThread(actor, { staffOnlyThreads: false })).toEqual({ allowed: false, reason: notice });
  expect(canEditPost(actor, { authorId: 7 }, thread)).toEqual({ allowed: false, reason: notice });
  expect(canReportPost(actor, { hiddenAt: null, authorId: 9 }, thread)).toEqual({ allowed: false, reason: notice });
  expect(silenceNotice(member('contributor', 7, { until: INDEFINITE_END, indefinite: true, reason: 'x' }))).toMatch(/^You are silenced until a moderator lifts it: x\./);
});

it('moderators silence members but not staff; managers silence and suspend anyone but themselves', () => {
  const contributor = { id: 7, role: 'contributor' };
  const moderator = { id: 3, role: 'moderator' };
  expect(canSilence(member('moderator', 2), contributor).allowed).toBe(true);
  expect(canSilence(member('moderator', 2), moderator)).toEqual({ allowed: false, reason: 'Moderators cannot sanction staff.' });
  expect(canSilence(member('moderator', 2), { id: 2, role: 'moderator' })).toEqual({ allowed: false, reason: 'You cannot sanction yourself.' });
  expect(canSilence(member('manager', 1), moderator).allowed).toBe(true);
  expect(canSuspend(member('moderator', 2), contributor).allowed).toBe(false);
  expect(canSuspend(member('manager', 1), moderator).allowed).toBe(true);
  expect(canSuspend(member('manager', 1), { id: 1, role: 'manager' }).allowed).toBe(false);
  expect(canLiftSanction(member('moderator', 2), 'suspend', contributor).allowed).toBe(false);
  expect(canLiftSanction(member('moderator', 2), 'silence', contributor).allowed).toBe(true);
  for (const actor of [ANONYMOUS, member('contributor', 8), member('guru', 9)]) {
    expect(canSilence(actor, contributor).allowed).toBe(false);
    expect(canReviewReports(actor).allowed).toBe(false);
    expect(canWriteStaffNote(actor, contributor).allowed).toBe(false);
  }
});

it('reads a sanction from the member row: an end in the past is over', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  const row = (until: Date | null) => ({ silencedUntil: until, silenceReason: 'r', suspendedUntil: until, suspendReason: 'r' });
  expect(activeSilence(row(new Date('2026-12-01T23:59:59Z')), now)).toBeNull();
  expect(activeSilence(row(new Date('2026-12-02T00:00:01Z')), now)).toMatchObject({ indefinite: false, reason: 'r' });
  expect(isSuspended(row(null), now)).toBe(false);
  expect(isSuspended(row(INDEFINITE_END), now)).toBe(true);
});
