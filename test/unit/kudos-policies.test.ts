/** The kudos and solution predicates: who may give kudos and accept a solution, and why not. */
import { ANONYMOUS, canAcceptSolution, canEditRankLadder, canGiveKudos, canViewRankLadder, type Actor } from '../../server/policies';

const member = (memberId: number, role: Actor['role'] = 'contributor', extra: Partial<Actor> = {}): Actor => ({ memberId, role, displayName: `M${memberId}`, username: `m${memberId}`, ...extra });
const visible = { authorId: 1, hiddenAt: null };
const thread = { authorId: 1, hiddenAt: null };

describe('canGiveKudos', () => {
  it('lets a member thank someone else\'s readable post', () => {
    expect(canGiveKudos(member(2), visible, thread)).toEqual({ allowed: true });
  });
  it('refuses visitors, the author, hidden posts, and silenced members', () => {
    expect(canGiveKudos(ANONYMOUS, visible, thread).allowed).toBe(false);
    expect(canGiveKudos(member(1), visible, thread)).toMatchObject({ allowed: false, reason: 'You cannot give kudos to your own post.' });
    expect(canGiveKudos(member(2, 'moderator'), { authorId: 1, hiddenAt: new Date() }, thread)).toMatchObject({ allowed: false, reason: 'This post is hidden.' });
    expect(canGiveKudos(member(2), visible, { authorId: 1, hiddenAt: new Date() }).allowed).toBe(false);
    const silenced = member(2, 'contributor', { silence: { until: new Date(Date.now() + 60_000), indefinite: false, reason: 'spam' } });
    expect(canGiveKudos(silenced, visible, thread).allowed).toBe(false);
  });
});

describe('canAcceptSolution', () => {
  const qa = { authorId: 1, hiddenAt: null, isQa: true };
  const reply = { authorId: 2, hiddenAt: null, number: 2 };
  it('lets the asker and staff accept a reply in a Q&A board', () => {
    expect(canAcceptSolution(member(1), { thread: qa, post: reply }).allowed).toBe(true);
    expect(canAcceptSolution(member(9, 'moderator'), { thread: qa, post: reply }).allowed).toBe(true);
  });
  it('refuses others, other boards, the question, the asker\'s own reply and hidden posts', () => {
    expect(canAcceptSolution(member(3), { thread: qa, post: reply }).allowed).toBe(false);
    expect(canAcceptSolution(member(3, 'guru'), { thread: qa, post: reply }).allowed).toBe(false);
    expect(canAcceptSolution(member(1), { thread: { ...qa, isQa: false }, post: reply }).allowed).toBe(false);
    expect(canAcceptSolution(member(1), { thread: qa, post: { ...reply, number: 1 } }).allowed).toBe(false);
    expect(canAcceptSolution(member(1), { thread: qa, post: { ...reply, authorId: 1 } }).allowed).toBe(false);
    expect(canAcceptSolution(member(1), { thread: qa, post: { ...reply, hiddenAt: new Date() } }).allowed).toBe(false);
    expect(canAcceptSolution(ANONYMOUS, { thread: qa, post: reply }).allowed).toBe(false);
  });
});

it('shows the rank ladder to staff and lets managers alone edit it', () => {
  expect(canViewRankLadder(member(1, 'moderator')).allowed).toBe(true);
  expect(canViewRankLadder(member(1, 'guru')).allowed).toBe(false);
  expect(canEditRankLadder(member(1, 'moderator')).allowed).toBe(false);
  expect(canEditRankLadder(member(1, 'manager')).allowed).toBe(true);
});
