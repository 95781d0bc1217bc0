/** Profile visibility decisions. */
import { ANONYMOUS, canViewProfileDetails, type Actor } from '../../server/policies';

const member = (role: Actor['role'], memberId: number): Actor => ({ memberId, role, displayName: `m${memberId}`, username: `m${memberId}` });
const privateProfile = { id: 7, isPrivate: true };
const publicProfile = { id: 7, isPrivate: false };

it('lets everyone see a public profile', () => {
  expect(canViewProfileDetails(ANONYMOUS, publicProfile).allowed).toBe(true);
});

it('hides a private profile from anonymous visitors, other contributors and gurus, with a reason', () => {
  for (const actor of [ANONYMOUS, member('contributor', 8), member('guru', 9)]) {
    expect(canViewProfileDetails(actor, privateProfile)).toEqual({ allowed: false, reason: 'This profile is private.' });
  }
});

it('shows a private profile to its owner and to staff', () => {
  for (const actor of [member('contributor', 7), member('moderator', 1), member('manager', 2)]) {
    expect(canViewProfileDetails(actor, privateProfile).allowed).toBe(true);
  }
});
