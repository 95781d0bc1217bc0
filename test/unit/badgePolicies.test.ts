/** Who may see, cite and change badge status: staff look up and cite, managers correct, members see their own. */
import {
  ANONYMOUS, canCiteBadgeStatus, canCorrectBadgeRecord, canEditBadgePolicy, canLookUpBadgeStatus, canViewBadgeStatus, type Actor,
} from '../../server/policies';
import { signatureMatches, signBody } from '../../server/auth/feedSignature';

const member = (role: Actor['role'], memberId: number): Actor => ({ memberId, role, displayName: `m${memberId}`, username: `m${memberId}` });
const contributor = member('contributor', 7);
const guru = member('guru', 8);
const moderator = member('moderator', 1);
const manager = member('manager', 2);

it('lets staff look up and cite, and nobody else', () => {
  for (const actor of [moderator, manager]) {
    expect(canLookUpBadgeStatus(actor).allowed).toBe(true);
    expect(canCiteBadgeStatus(actor).allowed).toBe(true);
  }
  for (const actor of [ANONYMOUS, contributor, guru]) {
    expect(canLookUpBadgeStatus(actor)).toEqual({ allowed: false, reason: 'Only moderators and managers look up badge status.' });
    expect(canCiteBadgeStatus(actor).allowed).toBe(false);
  }
});

it('shows a status to the member and staff only', () => {
  expect(canViewBadgeStatus(contributor, { id: 7 }).allowed).toBe(true);
  expect(canViewBadgeStatus(moderator, { id: 7 }).allowed).toBe(true);
  for (const actor of [ANONYMOUS, guru, member('contributor', 9)]) {
    expect(canViewBadgeStatus(actor, { id: 7 })).toEqual({ allowed: false, reason: 'Only the member and staff can see a badge status.' });
  }
});

it('keeps corrections, awards and the policy to Community Managers', () => {
  expect(canCorrectBadgeRecord(manager).allowed).toBe(true);
  expect(canEditBadgePolicy(manager).allowed).toBe(true);
  for (const actor of [ANONYMOUS, contributor, guru, moderator]) {
    expect(canCorrectBadgeRecord(actor).allowed).toBe(false);
    expect(canEditBadgePolicy(actor).allowed).toBe(false);
  }
});

it('checks the feed signature over the exact bytes, and never without a secret', () => {
  const body = Buffer.from('{"id":"evt-1"}');
  const signature = signBody(body, 'secret');
  expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(signatureMatches(body, signature, 'secret')).toBe(true);
  expect(signatureMatches(body, signature.toUpperCase().replace('SHA256=', 'sha256='), 'secret')).toBe(true);
  expect(signatureMatches(Buffer.from('{"id":"evt-2"}'), signature, 'secret')).toBe(false);
  expect(signatureMatches(body, signature, 'other')).toBe(false);
  expect(signatureMatches(body, signature, null)).toBe(false);
  expect(signatureMatches(body, undefined, 'secret')).toBe(false);
  expect(signatureMatches(body, signature.slice(0, -2), 'secret')).toBe(false);
});
