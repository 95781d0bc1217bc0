/** Home (boards with counts and latest activity) and board pages (threads, pinned first, paginated). */
import request from 'supertest';
import { startThread } from '../../server/services/posting';
import { THREADS_PER_PAGE } from '../../server/services/boards';
import { createTestForum, html, makeBoard, makeMember, TestForum } from '../helpers/forum';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

describe('home', () => {
  it('lists the boards with thread and post counts and the latest activity', async () => {
    const res = await request(forum.app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const $ = html(res.text);
    const names = $('.board-card__name').map((_, e) => $(e).text()).get();
    expect(names.slice(0, 3)).toEqual(['Announcements', 'Identity Verification Q&A', 'General Discussion']);
    const announcements = $('.board-card').first();
    expect(announcements.find('dd').map((_, e) => $(e).text()).get()).toEqual(['1', '10']);
    const latest = announcements.find('.board-card__latest');
    expect(latest.text()).toContain('New Identity Verification Badge available soon for Top Rated Freelancers');
    expect(latest.find('a[href="/u/GoranV"]').text()).toBe('Goran V');
    expect(latest.find('time').attr('datetime')).toMatch(/^\d{4}-/);
    expect($('.board-card').eq(1).text()).toContain('No threads yet');
  });

  it('offers an anonymous reader sign-in and registration links that come back here, and no dead controls', async () => {
    const $ = html((await request(forum.app).get('/b/announcements').expect(200)).text);
    expect($('.account-nav a').map((_, e) => $(e).attr('href')).get()).toEqual([
      '/signin?next=%2Fb%2Fannouncements',
      '/register?next=%2Fb%2Fannouncements',
    ]);
    // The header's search box is the only form.
    expect($('form').map((_, e) => $(e).attr('action')).get()).toEqual(['/search']);
    expect($('input').map((_, e) => $(e).attr('name')).get()).toEqual(['q']);
  });

  it('does not start a session for an anonymous reader', async () => {
    const res = await request(forum.app).get('/').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('board page', () => {
  it('lists the seeded thread with starter, replies, last post and the official-answer mark', async () => {
    const $ = html((await request(forum.app).get('/b/announcements').expect(200)).text);
    expect($('h1').text()).toBe('Announcements');
    const row = $('tr.thread-row');
    expect(row).toHaveLength(1);
    expect(row.find('.thread-row__title a').text()).toBe('New Identity Verification Badge available soon for Top Rated Freelancers');
    expect(row.find('.thread-row__meta a').text()).toBe('Lena E');
    expect(row.find('.thread-row__replies').text()).toBe('9');
    expect(row.find('.thread-row__last a').first().text()).toBe('Goran V');
    expect(row.find('.tag--answered')).toHaveLength(1);
  });

  it('orders pinned threads first, then by latest activity, and paginates', async () => {
    const board = await makeBoard(forum.db, 'busy-board');
    const author = await makeMember(forum.db);
    const start = Date.UTC(2026, 0, 1);
    const total = THREADS_PER_PAGE + 5;
    for (let i = 1; i <= total; i += 1) {
      await startThread(forum.db, {
        boardId: board.id,
        authorId: author.id,
        title: `Thread ${i}`,
        source: `Body ${i}`,
        at: new Date(start + i * 60_000),
      });
    }
    const oldest = await forum.db.models.Thread.findOne({ where: { boardId: board.id, title: 'Thread 1' } });
    await oldest!.update({ isPinned: true });

    const first = html((await request(forum.app).get('/b/busy-board').expect(200)).text);
    const titles = first('.thread-row__title a').map((_, e) => first(e).text()).get();
    expect(titles).toHaveLength(THREADS_PER_PAGE);
    expect(titles[0]).toBe('Thread 1');
    expect(first('.thread-row').first().find('.tag--pinned')).toHaveLength(1);
    expect(titles[1]).toBe(`Thread ${total}`);
    expect(titles[2]).toBe(`Thread ${total - 1}`);

    const second = html((await request(forum.app).get('/b/busy-board?page=2').expect(200)).text);
    const rest = second('.thread-row__title a').map((_, e) => second(e).text()).get();
    expect(rest).toEqual(['Thread 6', 'Thread 5', 'Thread 4', 'Thread 3', 'Thread 2']);
    await request(forum.app).get('/b/busy-board?page=3').expect(404);
  });

  it('is a 404 for an unknown board', async () => {
    const $ = html((await request(forum.app).get('/b/nope').expect(404)).text);
    expect($('h1').text()).toBe('Page not found');
  });
});
