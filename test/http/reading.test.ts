/**
 * Reading a long thread: read positions (thread page, lists, followed threads), notifications
 * read by reading past them, the catch-up views, and their visibility and query counts.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread } from '../../server/services/posting';
import { settledWritesOf } from '../../server/services/readTracking';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

jest.setTimeout(120_000);

let forum: TestForum;
let threadId: number;
let threadPath: string;
const ids: Record<string, number> = {};

async function memberId(username: string): Promise<number> {
  if (!ids[username]) ids[username] = (await forum.db.models.Member.findOne({ where: { username } }))!.id;
  return ids[username];
}

async function reply(username: string, source: string, replyToNumber: number | null = null) {
  return replyToThread(forum.db, { threadId, authorId: await memberId(username), source, replyToNumber });
}

/** Views a page and waits for its read-position write (it runs after the answer). */
async function view(agent: Agent, path: string, username: string) {
  const res = await agent.get(path).expect(200);
  await settledWritesOf(forum.db, await memberId(username));
  return res;
}

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
});

afterAll(async () => {
  await forum.destroy();
});

describe('read positions', () => {
  let mss: Agent;
  beforeAll(async () => {
    mss = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  });

  it('records the highest post seen with one upsert per page view, and only moves forward', async () => {
    await view(mss, threadPath, 'MsS');
    const rows = await forum.db.sequelize.query('SELECT last_read_number FROM read_positions WHERE member_id = :m AND thread_id = :t', {
      replacements: { m: await memberId('MsS'), t: threadId },
      plain: true,
    });
    expect(Number(rows!.last_read_number)).toBe(10);
    const $ = html((await view(mss, threadPath, 'MsS')).text);
    // Nothing new since: no line, no jump link.
    expect($('.new-since')).toHaveLength(0);
    expect($('.reading-bar__jump')).toHaveLength(0);
  });

  it('shows "2 new" on the board, home and followed threads, then the line above the first unread post', async () => {
    await reply('MarijaJ', 'First reply after Ms S left');
    await reply('RafehG', 'Second reply after Ms S left');

    const board = html((await mss.get('/b/announcements').expect(200)).text);
    const mark = board('.thread-row .unread-mark');
    expect(mark.text()).toContain('2 new');
    expect(mark.attr('href')).toBe(`${threadPath}/11#p11`);

    const home = html((await mss.get('/').expect(200)).text);
    expect(home('.board-card .unread-mark').first().text()).toContain('2 new');

    const followed = html((await mss.get('/following').expect(200)).text);
    expect(followed('h1').text()).toBe('Followed threads');
    expect(followed('.thread-row .unread-mark').text()).toContain('2 new');

    const json = (await mss.get('/following.json').expect(200)).body;
    expect(json.threads[0].unread).toEqual({ count: 2, url: `${threadPath}/11#p11` });

    const page1 = html((await view(mss, threadPath, 'MsS')).text);
    expect(page1('.reading-bar__jump').attr('href')).toBe(`${threadPath}/11#p11`);
    expect(page1('.reading-bar__count').text()).toBe('2 new');
    const page2 = html((await view(mss, `${threadPath}/11`, 'MsS')).text);
    expect(page2('.new-since').text()).toContain('New since your last visit');
    // The line sits right above post 11.
    expect(page2('.new-since').next().attr('id')).toBe('p11');

    const after = html((await mss.get('/b/announcements').expect(200)).text);
    expect(after('.unread-mark')).toHaveLength(0);
  });

  it('shows "N new" on search results', async () => {
    await reply('WendyC', 'A reply about verification after the search');
    const results = html((await mss.get('/search?q=verification').expect(200)).text);
    expect(results('.search-result .unread-mark').first().text()).toContain('1 new');
  });

  it('marks the thread notifications read once the member has read past their posts', async () => {
    const before = await forum.db.models.Notification.count({ where: { memberId: await memberId('MsS'), threadId, readAt: null } });
    expect(before).toBeGreaterThan(0);
    await view(mss, `${threadPath}/13`, 'MsS');
    const after = await forum.db.models.Notification.count({ where: { memberId: await memberId('MsS'), threadId, readAt: null } });
    expect(after).toBe(0);
  });

  it('keeps no position for visitors and shows them no marks', async () => {
    const res = await request(forum.app).get(threadPath).expect(200);
    expect(html(res.text)('.reading-bar__jump')).toHaveLength(0);
    expect(html(res.text)('.reading-bar__views a').text()).toContain('Staff answers only');
    expect(html(res.text)('.reading-bar__views a').text()).not.toContain('Your posts');
    const board = html((await request(forum.app).get('/b/announcements').expect(200)).text);
    expect(board('.unread-mark')).toHaveLength(0);
  });

  it('sends visitors to sign in for the followed-threads page', async () => {
    const res = await request(forum.app).get('/following');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Ffollowing');
  });

  it('refuses a malformed cursor with 400', async () => {
    await mss.get('/following?after=abc').expect(400);
    await mss.get(`${threadPath}?view=staff&after=-1`).expect(400);
    await mss.get(`${threadPath}?view=everything`).expect(400);
  });
});

describe('catch-up view', () => {
  let memberQuestion: number;
  beforeAll(async () => {
    memberQuestion = (await reply('RafehG', 'Rafeh asks: when will my badge show?')).number;
    await reply('MarijaJ', 'Marija chats along');
    await reply('AveryO', 'Avery answers Rafeh: within two days.', memberQuestion);
  });

  it('shows only the official answer, staff posts, ETA notes and the member posts staff replied to, in order', async () => {
    const res = await request(forum.app).get(`${threadPath}?view=staff`).expect(200);
    const $ = html(res.text);
    const numbers = $('.post-list article.post').map((_, el) => Number($(el).attr('id')!.slice(1))).get();
    // 1 LenaE (official), 6 AveryO (ETA), 8 VladimirG, 10 GoranV, Rafeh's question and Avery's answer.
    expect(numbers).toEqual([1, 6, 8, 10, memberQuestion, memberQuestion + 2]);
    expect($('.post-list').text()).not.toContain('Marija chats along');
    const json = (await request(forum.app).get(`${threadPath}.json?view=staff`).expect(200)).body;
    expect(json.posts.map((post: { number: number }) => post.number)).toEqual(numbers);
  });

  it('shows a member their own posts with the staff replies to each', async () => {
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const $ = html((await rafeh.get(`${threadPath}?view=mine`).expect(200)).text);
    const texts = $('.post-list article.post .post__body').map((_, el) => $(el).text().trim()).get();
    expect(texts).toContain('Rafeh asks: when will my badge show?');
    expect(texts).toContain('Avery answers Rafeh: within two days.');
    expect(texts).not.toContain('Marija chats along');
    // Visitors have no posts of their own.
    await request(forum.app).get(`${threadPath}?view=mine`).expect(403);
  });

  it('pages by post number, never by offset', async () => {
    const queries: string[] = [];
    const stop = forum.db.observeQueries((sql) => queries.push(sql));
    try {
      const $ = html((await request(forum.app).get(`${threadPath}?view=staff&after=6`).expect(200)).text);
      expect($('.post-list article.post').first().attr('id')).toBe('p8');
      expect($('a.pagination__step').first().attr('href')).toBe(`${threadPath}?view=staff`);
    } finally {
      stop();
    }
    expect(queries.some((sql) => /OFFSET/i.test(sql))).toBe(false);
  });

  it('leaves out hidden posts for members and visitors, shows them to staff and their author', async () => {
    const staffPost = await reply('GoranV', 'A staff post that will be hidden');
    await forum.db.models.Post.update({ hiddenAt: new Date(), hiddenReason: 'test', hiddenById: await memberId('LenaE') }, { where: { id: staffPost.id } });
    const visitor = (await request(forum.app).get(`${threadPath}?view=staff`).expect(200)).text;
    expect(visitor).not.toContain('A staff post that will be hidden');
    const other = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    expect((await other.get(`${threadPath}?view=staff`).expect(200)).text).not.toContain('A staff post that will be hidden');
    const author = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    expect((await author.get(`${threadPath}?view=staff`).expect(200)).text).toContain('A staff post that will be hidden');
    const staff = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    expect((await staff.get(`${threadPath}?view=staff`).expect(200)).text).toContain('A staff post that will be hidden');
  });

  it('answers 404 for a hidden thread to everyone but staff and its starter, before any slug redirect', async () => {
    const { startThread } = await import('../../server/services/posting');
    const board = await forum.db.models.Board.findOne({ where: { slug: 'announcements' } });
    const { thread } = await startThread(forum.db, { boardId: board!.id, authorId: await memberId('MarijaJ'), title: 'Secret title here', source: 'Body' });
    await forum.db.models.Thread.update({ hiddenAt: new Date(), hiddenReason: 'test' }, { where: { id: thread.id } });
    await request(forum.app).get(`/t/${thread.id}/wrong-slug?view=staff`).expect(404);
    const other = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    await other.get(`/t/${thread.id}/${thread.slug}?view=staff`).expect(404);
    const starter = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    await starter.get(`/t/${thread.id}/${thread.slug}?view=staff`).expect(200);
    // The starter follows it, but lists show hidden threads to staff only.
    expect((await starter.get('/following').expect(200)).text).not.toContain('Secret title here');
  });
});

describe('queries per page', () => {
  async function queriesOf(agent: Agent, path: string): Promise<number> {
    const wendyId = await memberId('WendyC');
    let count = 0;
    const stop = forum.db.observeQueries((sql) => { count += 1; if (process.env.SHOW_SQL) console.log(path, sql.slice(0, 120)); });
    try {
      await agent.get(path).expect(200);
      await settledWritesOf(forum.db, wendyId);
    } finally {
      stop();
    }
    return count;
  }

  it('stays the same for page 1 and a later page, and for short and long lists', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    for (let i = 0; i < 14; i += 1) await reply('MsS', `Filler reply ${i}`);
    // The first request after signing in also saves the session: not part of any page's cost.
    await wendy.get('/').expect(200);
    // Page views that move the position: one read, one write transaction (upsert, notifications).
    // (Page 1 is left out: its seeded ETA note and official answer cost the thread page its own extra reads.)
    const first = await queriesOf(wendy, `${threadPath}?page=2`);
    const later = await queriesOf(wendy, `${threadPath}?page=3`);
    expect(later).toBe(first);
    // A board listing one visited thread costs what one listing six does.
    const { startThread } = await import('../../server/services/posting');
    const board = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
    const { thread: firstThread } = await startThread(forum.db, { boardId: board!.id, authorId: await memberId('WendyC'), title: 'Thread number one', source: 'Body' });
    await view(wendy, `/t/${firstThread.id}/${firstThread.slug}`, 'WendyC');
    const boardBefore = await queriesOf(wendy, '/b/general');
    const followedBefore = await queriesOf(wendy, '/following');
    for (let i = 0; i < 5; i += 1) {
      const { thread } = await startThread(forum.db, { boardId: board!.id, authorId: await memberId('WendyC'), title: `Thread number ${i}`, source: 'Body' });
      await view(wendy, `/t/${thread.id}/${thread.slug}`, 'WendyC');
    }
    expect(await queriesOf(wendy, '/b/general')).toBe(boardBefore);
    expect(await queriesOf(wendy, '/following')).toBe(followedBefore);
  });
});
