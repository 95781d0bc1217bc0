/** Who may read and write a conversation: participants; staff only for the team's; 404-worthy denials for the rest. */
import { ANONYMOUS, Actor, canAddParticipant, canBlockMessagesFrom, canReadConversation, canReportMessage, canResolveConversation, canSendMessage, canUseStaffNotes } from '../../server/policies';

const member: Actor = { memberId: 1, role: 'contributor', displayName: 'M', username: 'm' };
const other: Actor = { memberId: 2, role: 'guru', displayName: 'O', username: 'o' };
const moderator: Actor = { memberId: 3, role: 'moderator', displayName: 'Mod', username: 'mod' };
const manager: Actor = { memberId: 4, role: 'manager', displayName: 'Man', username: 'man' };
const silenced: Actor = { ...member, silence: { until: new Date(Date.now() + 3_600_000), indefinite: false, reason: 'x' } };
const team = { kind: 'team' as const, status: 'open' as const };
const between = { kind: 'members' as const, status: 'open' as const };
const active = { leftAt: null };
const left = { leftAt: new Date() };

it('members’ conversations: participants only, not staff, not after leaving, not anonymous', () => {
  expect(canReadConversation(member, between, active).allowed).toBe(true);
  expect(canReadConversation(member, between, left).allowed).toBe(false);
  expect(canReadConversation(other, between, null).allowed).toBe(false);
  expect(canReadConversation(moderator, between, null).allowed).toBe(false);
  expect(canReadConversation(manager, between, null).allowed).toBe(false);
  expect(canReadConversation(ANONYMOUS, between, null).allowed).toBe(false);
});

it('team conversations: the member and every staff member', () => {
  expect(canReadConversation(member, team, active).allowed).toBe(true);
  expect(canReadConversation(moderator, team, null).allowed).toBe(true);
  expect(canReadConversation(other, team, null).allowed).toBe(false);
});

it('sending: not silenced, not blocked in members’ conversations; staff answer the team whatever a block', () => {
  expect(canSendMessage(member, between, active, false).allowed).toBe(true);
  expect(canSendMessage(silenced, between, active, false).allowed).toBe(false);
  expect(canSendMessage(member, between, active, true)).toEqual({ allowed: false, reason: 'A member of this conversation does not accept messages from you.' });
  expect(canSendMessage(moderator, team, null, true).allowed).toBe(true);
  expect(canSendMessage(other, between, null, false).allowed).toBe(false);
});

it('staff tools only for staff on team conversations', () => {
  for (const check of [canAddParticipant, canResolveConversation, canUseStaffNotes]) {
    expect(check(moderator, team).allowed).toBe(true);
    expect(check(manager, team).allowed).toBe(true);
    expect(check(member, team).allowed).toBe(false);
    expect(check(moderator, between).allowed).toBe(false);
  }
});

it('reports and blocks', () => {
  expect(canReportMessage(member, { authorId: 2 }, active).allowed).toBe(true);
  expect(canReportMessage(member, { authorId: 1 }, active).allowed).toBe(false);
  expect(canReportMessage(other, { authorId: 1 }, null).allowed).toBe(false);
  expect(canBlockMessagesFrom(member, { id: 2, role: 'guru' }).allowed).toBe(true);
  expect(canBlockMessagesFrom(member, { id: 3, role: 'moderator' }).allowed).toBe(false);
  expect(canBlockMessagesFrom(member, { id: 1, role: 'contributor' }).allowed).toBe(false);
});
