/** Who may redact a post's history, whose edit keeps an official-answer mark, who is capped in revisions. */
import { ANONYMOUS, canRedactRevisions, editKeepsOfficialMark, isCappedInRevisions, type Actor } from '../../server/policies';

const member = (role: Actor['role'], memberId: number): Actor => ({ memberId, role, displayName: `m${memberId}`, username: `m${memberId}` });
const staff = [member('moderator', 1), member('manager', 2)];
const others = [ANONYMOUS, member('contributor', 3), member('guru', 4)];

it('lets moderators and managers redact, and nobody else, with a reason', () => {
  for (const actor of staff) expect(canRedactRevisions(actor).allowed).toBe(true);
  for (const actor of others) {
    expect(canRedactRevisions(actor)).toEqual({ allowed: false, reason: 'Only moderators and managers redact a post\'s history.' });
  }
});

it('keeps the official-answer mark through staff edits only; caps members, not staff', () => {
  for (const actor of staff) {
    expect(editKeepsOfficialMark(actor)).toBe(true);
    expect(isCappedInRevisions(actor)).toBe(false);
  }
  for (const actor of others) {
    expect(editKeepsOfficialMark(actor)).toBe(false);
    expect(isCappedInRevisions(actor)).toBe(true);
  }
});
