/**
 * Accepted solutions and earned ranks. The journey: a member asks in the Q&A board, a moderator
 * replies, the member accepts it; the thread is "Solved" on its board and in search, the post says
 * "Accepted solution", the moderator is notified; accepting another reply keeps the first marked
 * "Previously accepted". Who may accept; contributors' ranks follow the ladder, pins and the seed.
 */
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread, startThread } from '../../server/services/posting';
import { setPassword } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import { setKudo } from '../../server/services/kudos';
import { createTestForum, html, makeMember, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, signIn } from '../helpers/session';

jest.setTimeout(120_000);

let forum: TestForum;
let threadId: number;
let threadPath: string;
let ms: Agent;

async function memberRow(username: string): Promise<Record<string, unknown>> {
  const [row] = await forum.db.sequelize.query<Record<string, unknown>>(
    'SELECT id, rank_title, rank_pinned, solution_count, kudos_received FROM members WHERE username_key = :key',
    { replacements: { key: username.toLowerCase() }, type: QueryTypes.SELECT },
  );
  return row;
}

async function accept(agent: Agent, postNumber: number, id = threadId) {
  const _csrf = await csrfTokenFrom(agent, '/settings');
  return agent.post(`/t/${id}/solution`).type('form').send({ _csrf, postNumber: String(postNumber) });
}

beforeAll(async () => {
  forum = await createTestForum({ config: { signInLimits: { windowMs: 60_000, perAddress: 10_000, perAccount: 10_000 } } });
  const qa = await forum.db.models.Board.findOne({ where: { slug: 'identity-verification' } });
  const msS = await memberRow('MsS');
  const avery = await memberRow('AveryO');
  const wendy = await memberRow('WendyC');
  const { thread } = await startThread(forum.db, { boardId: qa!.id, authorId: Number(msS.id), title: 'Is the webcam step compulsory for the badge', source: 'Do I have to do the video call?' });
  threadId = thread.id;
  threadPath = `/t/${thread.id}/${thread.slug}`;
  await replyToThread(forum.db, { threadId, authorId: Number(avery.id), source: 'It is optional: without it there is simply no badge.' });
  await replyToThread(forum.db, { threadId, authorId: Number(wendy.id), source: 'Same answer from me: optional.' });
  ms = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
});
afterAll(() => forum.destroy());

it('lets the asker accept a moderator\'s reply: Solved on the board, the box, the mark, the notification', async () => {
  const before = html((await ms.get(threadPath)).text);
  expect(before('#p2 button:contains("Accept as solution")').length).toBe(1);
  // Never the question itself, nor (for the asker) their own posts.
  expect(before('#p1 button:contains("Accept as solution")').length).toBe(0);

  const res = await accept(ms, 2);
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/\/2#p2$/);

  const page = html((await request(forum.app).get(threadPath)).text);
  expect(page('.thread-meta .tag--solution').text()).toBe('Solved');
  expect(page('#solution-heading').text()).toContain('Solution');
  expect(page('.solution-box').text()).toContain('Avery O');
  expect(page('.solution-box__excerpt').text()).toContain('It is optional');
  expect(page('#p2 .tag--solution').text()).toBe('Accepted solution');

  const board = html((await request(forum.app).get('/b/identity-verification')).text);
  const row = board(`a[href^="/t/${threadId}/"]`).closest('li, tr, article, div');
  expect(row.text()).toContain('Solved');

  const json = (await request(forum.app).get(`${threadPath}.json`)).body;
  expect(json.solved).toBe(true);
  expect(json.solution).toMatchObject({ postNumber: 2 });
  expect(json.posts[1].solution.state).toBe('accepted');

  const search = html((await request(forum.app).get('/search?q=webcam+compulsory')).text);
  expect(search('.tag--solution').first().text()).toMatch(/Solved|Accepted solution/);

  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const notes = html((await avery.get('/notifications')).text);
  expect(notes('.notification__open').text()).toContain('Ms S accepted your post 2 as the solution');
  expect(Number((await memberRow('AveryO')).solution_count)).toBe(1);
});

it('keeps the earlier solution visible as "Previously accepted" when the asker changes it', async () => {
  expect((await accept(ms, 3)).status).toBe(303);
  const page = html((await request(forum.app).get(threadPath)).text);
  expect(page('#p3 .tag--solution').text()).toBe('Accepted solution');
  expect(page('#p2 .tag--previous-solution').text()).toBe('Previously accepted');
  expect(page('.solution-box').text()).toContain('Wendy C');
  expect(Number((await memberRow('AveryO')).solution_count)).toBe(0);
  expect(Number((await memberRow('WendyC')).solution_count)).toBe(1);
  // Accepting it again is current once more.
  const staff = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  expect((await accept(staff, 2)).status).toBe(303);
  const again = html((await request(forum.app).get(threadPath)).text);
  expect(again('#p2 .tag--solution').text()).toBe('Accepted solution');
  expect(again('#p3 .tag--previous-solution').text()).toBe('Previously accepted');
});

it('puts every acceptance on the moderation log with who, which thread and post; the log filters by it', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const filter = html((await lena.get('/staff/log').expect(200)).text);
  expect(filter('#log-kind option[value="solution"]').text()).toBe('Accepted solutions');
  const log = html((await lena.get('/staff/log?kind=solution').expect(200)).text);
  const entries = log('.log__entry');
  // Newest first: Goran's change back to post 2, Ms S's change to post 3, her first acceptance.
  expect(entries.map((_, e) => log(e).attr('data-action')).get()).toEqual(['solution.change', 'solution.change', 'solution.accept']);
  expect(entries.eq(0).text()).toContain('Goran V');
  expect(entries.eq(0).text()).toContain('changed the accepted solution: post 3 → post 2');
  expect(entries.eq(1).text()).toContain('Ms S');
  expect(entries.eq(1).text()).toContain('changed the accepted solution: post 2 → post 3');
  expect(entries.eq(2).text()).toContain('accepted post 2 as the solution');
  expect(entries.eq(2).find(`a[href="${threadPath}/2#p2"]`).text()).toBe('Is the webcam step compulsory for the badge, post 2');
  // Other kinds leave them out.
  const answers = html((await lena.get('/staff/log?kind=answer').expect(200)).text);
  expect(answers('.log__entry[data-action^="solution."]').length).toBe(0);
});

it('refuses anyone else, the question itself, and boards that are not Q&A', async () => {
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  expect((await accept(marija, 3)).status).toBe(403);
  expect(html((await marija.get(threadPath)).text)('button:contains("Accept as solution")').length).toBe(0);
  expect((await accept(ms, 1)).status).toBe(403);
  expect((await accept(ms, 99)).status).toBe(404);
  const _csrf = await csrfTokenFrom(ms, '/settings');
  expect((await ms.post(`/t/${threadId}/solution`).type('form').send({ _csrf, postNumber: 'two' })).status).toBe(400);

  const general = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
  const msS = await memberRow('MsS');
  const avery = await memberRow('AveryO');
  const { thread } = await startThread(forum.db, { boardId: general!.id, authorId: Number(msS.id), title: 'Not a question board', source: 'Chat' });
  await replyToThread(forum.db, { threadId: thread.id, authorId: Number(avery.id), source: 'Reply' });
  expect((await accept(ms, 2, thread.id)).status).toBe(403);
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  expect((await accept(lena, 2, thread.id)).status).toBe(403);
});

it('hides a hidden thread\'s solution route from members (404) like its page', async () => {
  await forum.db.models.Thread.update({ hiddenAt: new Date(), hiddenReason: 'test' }, { where: { id: threadId } });
  try {
    const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    expect((await accept(marija, 3)).status).toBe(404);
    expect((await request(forum.app).get(threadPath)).status).toBe(404);
  } finally {
    await forum.db.models.Thread.update({ hiddenAt: null, hiddenReason: null }, { where: { id: threadId } });
  }
});

describe('ranks', () => {
  it('keeps the seed\'s titles (pinned) and staff titles', async () => {
    expect(await memberRow('MsS')).toMatchObject({ rank_title: 'Ace Contributor' });
    expect(html((await request(forum.app).get('/u/WendyC')).text)('.profile__rank .rank').text()).toBe('Community Guru');
    expect(html((await request(forum.app).get('/u/AveryO')).text)('.profile__rank .rank').text()).toBe('Moderator');
  });

  it('earns contributors their rank from posts, kudos and solutions, and follows a new ladder', async () => {
    const newcomer = await makeMember(forum.db, { username: 'rankclimber' });
    await setPassword({ db: forum.db, passwords: createPasswordHasher(4) }, newcomer.id, 'rank-climber-1');
    await signIn(forum.app, 'rankclimber', 'rank-climber-1');
    // Joined 2020 (makeMember), no posts yet: the lowest rank after sign-in.
    expect((await memberRow('rankclimber')).rank_title).toBe('New Member');
    const general = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
    const { thread } = await startThread(forum.db, { boardId: general!.id, authorId: newcomer.id, title: 'My first thread here', source: 'Hello' });
    for (let i = 0; i < 4; i += 1) await replyToThread(forum.db, { threadId: thread.id, authorId: newcomer.id, source: `Post ${i}` });
    expect((await memberRow('rankclimber')).rank_title).toBe('Contributor');

    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const ladder = html((await lena.get('/staff/ranks')).text);
    expect(ladder('input[name=title2]').attr('value')).toBe('Ace Contributor');
    const _csrf = await csrfTokenFrom(lena, '/staff/ranks');
    const form = {
      _csrf,
      title0: 'New Member', posts0: '0', kudos0: '0', solutions0: '0', days0: '0',
      title1: 'Helper', posts1: '1', kudos1: '1', solutions1: '0', days1: '0',
    };
    // A title that claims a role is refused, the form kept.
    const refused = await lena.post('/staff/ranks').type('form').send({ ...form, title1: 'Moderator' });
    expect(refused.status).toBe(422);
    expect(html(refused.text)('input[name=title1]').attr('value')).toBe('Moderator');
    expect((await lena.post('/staff/ranks').type('form').send(form)).status).toBe(303);
    // Set-based: the new ladder applies at once; one kudo more makes a Helper.
    expect((await memberRow('rankclimber')).rank_title).toBe('New Member');
    const post = await forum.db.models.Post.findOne({ where: { threadId: thread.id, number: 2 } });
    await setKudo(forum.db, { postId: post!.id, memberId: Number((await memberRow('MarijaJ')).id), give: true });
    expect((await memberRow('rankclimber')).rank_title).toBe('Helper');
    // The seed's pinned titles are untouched by the new ladder.
    expect((await memberRow('MsS')).rank_title).toBe('Ace Contributor');

    // A manager's title by hand pins it; clearing it lets the ladder decide again.
    const role = await lena.post('/u/rankclimber/role').type('form').send({ _csrf, role: 'contributor', rankTitle: 'Badge Expert' });
    expect(role.status).toBe(303);
    expect(await memberRow('rankclimber')).toMatchObject({ rank_title: 'Badge Expert' });
    await setKudo(forum.db, { postId: post!.id, memberId: Number((await memberRow('MarijaJ')).id), give: false });
    expect((await memberRow('rankclimber')).rank_title).toBe('Badge Expert');
    await lena.post('/u/rankclimber/role').type('form').send({ _csrf, role: 'contributor', rankTitle: '' });
    expect((await memberRow('rankclimber')).rank_title).toBe('New Member');

    const profile = html((await request(forum.app).get('/u/rankclimber')).text);
    expect(profile('.profile__activity').text()).toContain('Kudos received');
  });

  it('lets staff read the ladder and only managers save it', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const page = html((await avery.get('/staff/ranks')).text);
    expect(page('table.rank-ladder').length).toBe(1);
    expect(page('input[name=title0]').length).toBe(0);
    const _csrf = await csrfTokenFrom(avery, '/settings');
    expect((await avery.post('/staff/ranks').type('form').send({ _csrf, title0: 'X' })).status).toBe(403);
    expect((await ms.get('/staff/ranks')).status).toBe(403);
  });
});

it('sorts search results by kudos (sort=kudos), showing each result\'s count', async () => {
  const thread = await forum.db.models.Thread.findByPk(threadId);
  const reply3 = await forum.db.models.Post.findOne({ where: { threadId: thread!.id, number: 3 } });
  await setKudo(forum.db, { postId: reply3!.id, memberId: Number((await memberRow('MarijaJ')).id), give: true });
  const page = html((await request(forum.app).get('/search?q=optional&sort=kudos')).text);
  const first = page('.search-result').first();
  expect(first.text()).toContain('1 Kudo');
  expect(page('.search-sort [aria-current]').text()).toBe('Most kudos');
  const json = (await request(forum.app).get('/search.json?q=optional&sort=kudos')).body;
  expect(json.results[0]).toMatchObject({ postNumber: 3, kudoCount: 1 });
});

it('a manager marks a board as Q&A and back from the board page; others see no such control', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const board = html((await lena.get('/b/announcements').expect(200)).text);
  expect(board('h1 .board-kind')).toHaveLength(0);
  const toggle = board('form[action="/b/announcements/qa"]');
  expect(toggle.find('button').text()).toBe('Make it a Q&A board');
  const _csrf = String(toggle.find('input[name=_csrf]').val());
  await lena.post('/b/announcements/qa').type('form').send({ _csrf, isQa: '1' }).expect(303);
  const marked = html((await lena.get('/b/announcements').expect(200)).text);
  expect(marked('h1 .board-kind').text()).toBe('Q&A');
  expect(marked('form[action="/b/announcements/qa"] button').text()).toBe('Make it a discussion board');
  await lena.post('/b/announcements/qa').type('form').send({ _csrf, isQa: '0' }).expect(303);
  expect(html((await lena.get('/b/announcements').expect(200)).text)('h1 .board-kind')).toHaveLength(0);
  // A moderator and a member get the page without the control.
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  expect(html((await avery.get('/b/announcements').expect(200)).text)('form[action="/b/announcements/qa"]')).toHaveLength(0);
  expect(html((await ms.get('/b/announcements').expect(200)).text)('form[action="/b/announcements/qa"]')).toHaveLength(0);
});
