/**
 * Member tools (issue 23): deleting one's own post, the starter's retitle, bookmarks with
 * reminders, the member directory and the home page's lists; each through the pages a member
 * uses, their JSON twins, and the visibility rule (visitor, another member, the author, staff).
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread, startThread } from '../../server/services/posting';
import { claimDueReminders } from '../../server/services/bookmarks';
import { createTestForum, html, makeMember, TestForum } from '../helpers/forum';
import { Agent, formPoster, signIn } from '../helpers/session';

jest.setTimeout(60_000);

let forum: TestForum;
let general: { id: number };
const ids: Record<string, number> = {};

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
  general = (await forum.db.models.Board.findOne({ where: { slug: 'general' } }))!;
  for (const username of ['MsS', 'MarijaJ', 'AveryO', 'LenaE', 'RafehG']) {
    ids[username] = (await forum.db.models.Member.findOne({ where: { usernameKey: username.toLowerCase() } }))!.id;
  }
});
afterAll(() => forum.destroy());

async function as(username: string): Promise<Agent> {
  return signIn(forum.app, username, DEVELOPMENT_PASSWORD);
}

async function newThread(authorId: number, title: string, at?: Date) {
  return startThread(forum.db, { boardId: general.id, authorId, title, source: `Opening post of ${title}`, at });
}

async function memberCounts(memberId: number) {
  const member = await forum.db.models.Member.findByPk(memberId);
  return { postCount: member!.postCount, hiddenPostCount: member!.hiddenPostCount };
}

describe('deleting your own post', () => {
  it('leaves "Deleted by its author" in its place, numbering unchanged, readable by the author and staff, restorable', async () => {
    const { thread } = await newThread(ids.MarijaJ, 'A question about deleting');
    const reply = await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MsS, source: 'My secret second thoughts' });
    await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MarijaJ, source: 'A later reply' });
    const before = await memberCounts(ids.MsS);

    const author = await as('MsS');
    const page = await author.get(`/t/${thread.id}/${thread.slug}`).expect(200);
    expect(html(page.text)(`#p2 a[href="/posts/${reply.id}/delete"]`).text()).toBe('Delete');
    // Nobody else sees the control, or gets the page.
    const other = await as('MarijaJ');
    expect(html((await other.get(`/t/${thread.id}/${thread.slug}`)).text)(`a[href="/posts/${reply.id}/delete"]`)).toHaveLength(0);
    expect((await other.get(`/posts/${reply.id}/delete`)).status).toBe(403);

    const confirm = await author.get(`/posts/${reply.id}/delete`).expect(200);
    expect(html(confirm.text)('h1').text()).toBe('Delete your post 2?');
    const post = await formPoster(author, `/posts/${reply.id}/delete`);
    await post(`/posts/${reply.id}/delete`, {}).expect(303);
    expect(await memberCounts(ids.MsS)).toEqual({ postCount: before.postCount, hiddenPostCount: before.hiddenPostCount + 1 });

    // A visitor and another member: the placeholder, and neither the text nor the number shifts.
    for (const reader of [request(forum.app), other]) {
      const $ = html((await reader.get(`/t/${thread.id}/${thread.slug}`).expect(200)).text);
      expect($('#p2 .post__hidden-placeholder').text()).toBe('Deleted by its author.');
      expect($('#p2').text()).not.toContain('secret second thoughts');
      expect($('#p3 .post__position').text()).toBe('3 of 3');
    }
    const json = (await request(forum.app).get(`/t/${thread.id}/${thread.slug}.json`).expect(200)).body;
    expect(json.posts[1]).toMatchObject({ number: 2, html: '', hidden: { deletedByAuthor: true, visibleToViewer: false, reason: null } });
    // Search and the profile follow the same rule.
    const search = html((await request(forum.app).get('/search?q=secret').expect(200)).text);
    expect(search('main').text()).not.toContain('second thoughts');

    // The author and staff read it.
    expect(html((await author.get(`/t/${thread.id}/${thread.slug}`)).text)('#p2 .notice--hidden').text()).toContain('Deleted by its author');
    const moderator = await as('AveryO');
    const staffPage = html((await moderator.get(`/t/${thread.id}/${thread.slug}`)).text);
    expect(staffPage('#p2 .post__body').text()).toContain('My secret second thoughts');
    // Deleting twice is refused (already deleted), and staff restore with the ordinary restore.
    expect((await author.get(`/posts/${reply.id}/delete`)).status).toBe(403);
    const restore = await formPoster(moderator, `/t/${thread.id}/${thread.slug}`);
    await restore(`/posts/${reply.id}/restore`, {}).expect(303);
    expect(await memberCounts(ids.MsS)).toEqual(before);
    const restored = await forum.db.models.Post.findByPk(reply.id);
    expect({ hiddenAt: restored!.hiddenAt, deletedByAuthor: restored!.deletedByAuthor }).toEqual({ hiddenAt: null, deletedByAuthor: false });
  });

  it('is refused once a staff member replied to the post or quoted it, for the first post, and after the window', async () => {
    const { thread } = await newThread(ids.MarijaJ, 'Deletion refusals here');
    const answered = await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MsS, source: 'Where is my badge?' });
    await replyToThread(forum.db, { threadId: thread.id, authorId: ids.AveryO, source: 'It is on its way.', replyToNumber: answered.number });
    const quoted = await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MsS, source: 'Another question' });
    await replyToThread(forum.db, {
      threadId: thread.id, authorId: ids.LenaE,
      source: `> **[Ms S wrote:](/t/${thread.id}/${thread.slug}/${quoted.number}#p${quoted.number})**\n>\n> Another question\n\nAnswered.`,
    });
    const repliedByMember = await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MsS, source: 'Third question' });
    await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MarijaJ, source: 'Same here', replyToNumber: repliedByMember.number });
    const old = await replyToThread(forum.db, { threadId: thread.id, authorId: ids.MsS, source: 'An old post', at: new Date(Date.now() - 2 * 24 * 3_600_000) });

    const author = await as('MsS');
    const refusal = async (postId: number) => {
      const res = await author.get(`/posts/${postId}/delete`);
      return { status: res.status, message: html(res.text)('main').text() };
    };
    expect(await refusal(answered.id)).toMatchObject({ status: 403, message: expect.stringContaining('A staff member has replied to this post') });
    expect(await refusal(quoted.id)).toMatchObject({ status: 403, message: expect.stringContaining('A staff member has replied to this post') });
    expect(await refusal(old.id)).toMatchObject({ status: 403, message: expect.stringContaining('The time for deleting this post has passed') });
    // A member's reply does not stop it.
    expect((await author.get(`/posts/${repliedByMember.id}/delete`)).status).toBe(200);
    const starter = await as('MarijaJ');
    const firstPost = await forum.db.models.Post.findOne({ where: { threadId: thread.id, number: 1 } });
    expect((await starter.get(`/posts/${firstPost!.id}/delete`)).status).toBe(403);
    // The POST decides again, whatever the page said.
    const post = await formPoster(author, `/posts/${repliedByMember.id}/delete`);
    expect((await post(`/posts/${answered.id}/delete`, {})).status).toBe(403);
    expect((await forum.db.models.Post.findByPk(answered.id))!.hiddenAt).toBeNull();
  });
});

describe("the starter's retitle", () => {
  it('lets the starter retitle within the window (old address redirects), not others, not later', async () => {
    const { thread } = await newThread(ids.MsS, 'Badge not showing');
    const starter = await as('MsS');
    const page = html((await starter.get(`/t/${thread.id}/${thread.slug}`)).text);
    expect(page('.own-thread-tools summary').text()).toBe('Retitle your thread');
    const post = await formPoster(starter, `/t/${thread.id}/${thread.slug}`);
    const res = await post(`/t/${thread.id}/starter-title`, { title: 'Badge not showing after verification' }).expect(303);
    expect(res.headers.location).toBe(`/t/${thread.id}/badge-not-showing-after-verification`);
    await request(forum.app).get(`/t/${thread.id}/${thread.slug}`).expect(301).expect('Location', `/t/${thread.id}/badge-not-showing-after-verification`);
    // A bad title comes back with what was typed.
    const refused = await post(`/t/${thread.id}/starter-title`, { title: 'abc' }).expect(422);
    expect(html(refused.text)('input[name=title]').val()).toBe('abc');

    const other = await as('MarijaJ');
    expect(html((await other.get(`/t/${thread.id}/badge-not-showing-after-verification`)).text)('.own-thread-tools')).toHaveLength(0);
    const otherPost = await formPoster(other, '/settings');
    expect((await otherPost(`/t/${thread.id}/starter-title`, { title: 'Hijacked title here' })).status).toBe(403);

    const { thread: oldThread } = await newThread(ids.MsS, 'An old thread of mine', new Date(Date.now() - 3 * 3_600_000));
    expect(html((await starter.get(`/t/${oldThread.id}/${oldThread.slug}`)).text)('.own-thread-tools')).toHaveLength(0);
    expect((await post(`/t/${oldThread.id}/starter-title`, { title: 'Too late for this' })).status).toBe(403);
  });
});

describe('bookmarks and reminders', () => {
  it('bookmarks a post with a reminder, lists it, notifies once when due, and drops posts the member may no longer read', async () => {
    const { thread, post: first } = await newThread(ids.LenaE, 'Bookmark me please');
    const member = await as('MarijaJ');
    const page = await member.get(`/posts/${first.id}/bookmark`).expect(200);
    expect(html(page.text)('h1').text()).toBe('Bookmark post 1');
    const post = await formPoster(member, `/posts/${first.id}/bookmark`);
    // A past time is refused, with what was typed.
    const refused = await post(`/posts/${first.id}/bookmark`, { remindAt: '2001-01-01T10:00' }).expect(422);
    expect(html(refused.text)('input[name=remindAt]').val()).toBe('2001-01-01T10:00');
    // Minutes are the field's precision: ten minutes ahead stays in the future however slow the machine.
    const soon = new Date(Date.now() + 10 * 60_000).toISOString().slice(0, 16);
    await post(`/posts/${first.id}/bookmark`, { remindAt: soon }).expect(303).expect('Location', '/bookmarks');

    const list = await member.get('/bookmarks.json').expect(200);
    expect(list.body.bookmarks).toEqual([expect.objectContaining({ postId: first.id, threadTitle: 'Bookmark me please', reminder: expect.objectContaining({ sent: false }) })]);
    expect(html((await member.get('/bookmarks')).text)('.bookmark__title a').text()).toBe('Bookmark me please, post 1');
    // Another member's list is their own.
    expect((await (await as('MsS')).get('/bookmarks.json')).body.bookmarks).toEqual([]);

    // Not yet due; then due: claimed once even when two ticks run at once.
    expect(await claimDueReminders(forum.db, new Date())).toBe(0);
    const later = new Date(Date.now() + 20 * 60_000);
    const sent = await Promise.all([claimDueReminders(forum.db, later), claimDueReminders(forum.db, later)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    const notifications = await member.get('/notifications.json').expect(200);
    const texts = notifications.body.groups.flatMap((group: { notifications: Array<{ text: string }> }) => group.notifications.map((n) => n.text));
    expect(texts).toContain('Reminder: you bookmarked post 1');
    expect((await member.get('/bookmarks.json')).body.bookmarks[0].reminder.sent).toBe(true);

    // A thread hidden later leaves the list (and the bookmark page answers 404).
    const moderator = await as('AveryO');
    const hide = await formPoster(moderator, `/t/${thread.id}/${thread.slug}`);
    await hide(`/t/${thread.id}/hide`, { reason: 'Testing bookmarks' }).expect(303);
    expect((await member.get('/bookmarks.json')).body.bookmarks).toEqual([]);
    expect((await member.get(`/posts/${first.id}/bookmark`)).status).toBe(404);

    // Removing.
    const { post: other } = await newThread(ids.LenaE, 'Another bookmark');
    await post(`/posts/${other.id}/bookmark`, { remindAt: '' }).expect(303);
    await post(`/posts/${other.id}/unbookmark`, {}).expect(303);
    expect((await member.get('/bookmarks.json')).body.bookmarks).toEqual([]);
  });
});

describe('the member directory', () => {
  it('lists members by username with join date and posts, finds by prefix, and keeps private profiles private', async () => {
    const anonymous = await request(forum.app).get('/u.json').expect(200);
    const names = anonymous.body.members.map((entry: { member: { username: string } }) => entry.member.username);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const rafeh = anonymous.body.members.find((entry: { member: { username: string } }) => entry.member.username === 'RafehG');
    expect(rafeh.postCount).toBeNull();
    expect(rafeh.kudosReceived).toBeNull();
    const wendy = anonymous.body.members.find((entry: { member: { username: string } }) => entry.member.username === 'WendyC');
    expect(wendy.postCount).toBeGreaterThan(0);
    expect(wendy.joined.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Kudos as the members row counts them (the kudos service keeps it in the kudo's transaction).
    const [wendyRow] = await forum.db.read<{ kudos_received: number | string }>("SELECT kudos_received FROM members WHERE username = 'WendyC'");
    expect(wendy.kudosReceived).toBe(Number(wendyRow.kudos_received));
    // Rafeh and staff see his count.
    const own = (await (await as('RafehG')).get('/u.json?q=raf')).body.members;
    expect(own.map((entry: { member: { username: string } }) => entry.member.username)).toEqual(['RafehG']);
    expect(own[0].postCount).not.toBeNull();
    const $ = html((await request(forum.app).get('/u?q=raf').expect(200)).text);
    expect($('.directory-table tbody tr')).toHaveLength(1);
    expect($('.directory-table tbody td').last().text()).toBe('Private');
    // Wildcards are literal; nothing matches.
    expect((await request(forum.app).get('/u.json?q=%25').expect(200)).body.members).toEqual([]);
    expect((await request(forum.app).get('/u.json?q=_').expect(200)).body.members).toEqual([]);
    expect((await request(forum.app).get('/u?q=a&q=b')).status).toBe(400);
  });

  it('pages with a keyset cursor', async () => {
    for (let i = 0; i < 55; i += 1) await makeMember(forum.db, { username: `zz${String(i).padStart(2, '0')}` });
    const first = (await request(forum.app).get('/u.json?q=zz').expect(200)).body;
    expect(first.members).toHaveLength(50);
    expect(first.nextUrl).toBe('/u?q=zz&after=zz49');
    const second = (await request(forum.app).get('/u.json?q=zz&after=zz49').expect(200)).body;
    expect(second.members.map((entry: { member: { username: string } }) => entry.member.username)).toEqual(['zz50', 'zz51', 'zz52', 'zz53', 'zz54']);
    expect(second.nextUrl).toBeNull();
  });
});

describe('the home page', () => {
  it('shows the latest threads across boards, official answers, and "Your questions" with their state', async () => {
    const { thread } = await newThread(ids.MsS, 'My home page question');
    const anonymous = (await request(forum.app).get('/.json').expect(200)).body;
    expect(anonymous.latest[0]).toMatchObject({ title: 'My home page question', board: { name: 'General Discussion' } });
    expect(anonymous.ownQuestions).toBeNull();
    expect(anonymous.officialAnswers.map((answer: { threadTitle: string }) => answer.threadTitle)).toContain('New Identity Verification Badge available soon for Top Rated Freelancers');
    // Hidden threads (the bookmark test hid one) are not in anyone's latest but staff's.
    expect(anonymous.latest.map((t: { title: string }) => t.title)).not.toContain('Bookmark me please');

    const member = await as('MsS');
    const own = (await member.get('/.json').expect(200)).body.ownQuestions;
    expect(own[0]).toMatchObject({ title: 'My home page question', state: 'waiting', stateLabel: 'Waiting for staff' });
    await replyToThread(forum.db, { threadId: thread.id, authorId: ids.AveryO, source: 'Looking into it' });
    const $ = html((await member.get('/')).text);
    expect($('#own-questions-heading').text()).toBe('Your questions');
    expect($('.home-extras .question-state').first().text()).toBe('Staff replied');
    expect($('#latest-heading').text()).toBe('Latest');
    const staffLatest = (await (await as('AveryO')).get('/.json')).body.latest.map((t: { title: string }) => t.title);
    expect(staffLatest).toContain('Bookmark me please');
  });
});
