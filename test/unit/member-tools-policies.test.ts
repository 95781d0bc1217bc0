/** The member-tool predicates (server/policies/memberTools.ts): who deletes and retitles what, and why not. */
import { ANONYMOUS, canDeleteOwnPost, canRetitleOwnThread, canRemoveAvatar, canChangeOwnAvatar, type Actor } from '../../server/policies';

const now = new Date('2026-12-02T12:00:00Z');
const author: Actor = { memberId: 7, role: 'contributor', displayName: 'Ms S', username: 'MsS' };
const moderator: Actor = { memberId: 2, role: 'moderator', displayName: 'Avery O', username: 'AveryO' };
const open = { isLocked: false, hiddenAt: null };
const post = { authorId: 7, number: 3, createdAt: new Date('2026-12-02T11:00:00Z'), hiddenAt: null };
const day = { windowMs: 24 * 3_600_000, now };
const reason = (decision: { allowed: boolean; reason?: string }) => (decision.allowed ? 'allowed' : decision.reason);

it('lets an author delete their post within the window, and says why not otherwise', () => {
  expect(reason(canDeleteOwnPost(author, post, open, day))).toBe('allowed');
  expect(reason(canDeleteOwnPost(ANONYMOUS, post, open, day))).toMatch(/Sign in/);
  expect(reason(canDeleteOwnPost(moderator, post, open, day))).toMatch(/only delete your own/);
  expect(reason(canDeleteOwnPost(author, { ...post, number: 1 }, open, day))).toMatch(/first post/);
  expect(reason(canDeleteOwnPost(author, { ...post, staffReplied: true }, open, day))).toMatch(/staff member has replied/);
  expect(reason(canDeleteOwnPost(author, { ...post, isOfficialAnswer: true }, open, day))).toMatch(/official answer/);
  expect(reason(canDeleteOwnPost(author, { ...post, hiddenAt: now }, open, day))).toMatch(/already hidden/);
  expect(reason(canDeleteOwnPost(author, post, { isLocked: true }, day))).toMatch(/locked/);
  expect(reason(canDeleteOwnPost(author, post, open, { windowMs: 30 * 60_000, now }))).toMatch(/time for deleting/);
  expect(reason(canDeleteOwnPost({ ...author, silence: { until: now, indefinite: true, reason: 'x' } }, post, open, day))).toMatch(/silenced/);
});

it('lets the starter retitle within the window only', () => {
  const thread = { authorId: 7, createdAt: '2026-12-02T11:30:00.000Z', isLocked: false, hiddenAt: null };
  const hour = { windowMs: 3_600_000, now };
  expect(reason(canRetitleOwnThread(author, thread, hour))).toBe('allowed');
  expect(reason(canRetitleOwnThread(author, { ...thread, createdAt: '2026-12-02T10:00:00.000Z' }, hour))).toMatch(/has passed/);
  expect(reason(canRetitleOwnThread(moderator, thread, hour))).toMatch(/starter or staff/);
  expect(reason(canRetitleOwnThread(author, { ...thread, hiddenAt: now }, hour))).toMatch(/hidden/);
});

it('keeps avatar removal for staff and changes for members who may write', () => {
  expect(canRemoveAvatar(moderator).allowed).toBe(true);
  expect(canRemoveAvatar(author).allowed).toBe(false);
  expect(canChangeOwnAvatar(author).allowed).toBe(true);
  expect(canChangeOwnAvatar(ANONYMOUS).allowed).toBe(false);
});
