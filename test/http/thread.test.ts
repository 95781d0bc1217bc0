/** The seeded rollout thread as a reader sees it: posts, numbering, official answer, ETA note, pages. */
import request from 'supertest';
import rollout from '../../seeds/data/rollout.json';
import { replyToThread } from '../../server/services/posting';
import { createTestForum, html, TestForum } from '../helpers/forum';

let forum: TestForum;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum();
  const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
  threadPath = `/t/${thread!.id}/${thread!.slug}`;
});
afterAll(() => forum.destroy());

describe('thread page', () => {
  it('shows all ten posts with author, rank, member since and "N of 10"', async () => {
    const res = await request(forum.app).get(threadPath).expect(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('New Identity Verification Badge available soon for Top Rated Freelancers');
    const posts = $('article.post');
    expect(posts).toHaveLength(10);
    const expected = [
      ['Lena E', 'Community Manager', 'Apr 7, 2015'],
      ['Wendy C', 'Community Guru', 'Aug 24, 2015'],
      ['Rafeh G', 'Ace Contributor', 'Feb 23, 2014'],
      ['Wendy C', 'Community Guru', 'Aug 24, 2015'],
      ['Rafeh G', 'Ace Contributor', 'Feb 23, 2014'],
      ['Avery O', 'Moderator', 'Nov 23, 2015'],
      ['Marija J', 'Ace Contributor', 'Mar 31, 2015'],
      ['Vladimir G', 'Community Manager', 'Oct 31, 2014'],
      ['Ms S', 'Ace Contributor', 'Nov 25, 2017'],
      ['Goran V', 'Moderator', 'Mar 24, 2017'],
    ];
    posts.each((i, element) => {
      const post = $(element);
      const [name, rank, since] = expected[i];
      expect(post.find('.author-name').text()).toBe(name);
      expect(post.find('.rank').text()).toBe(rank);
      expect(post.find('.member-since').text()).toBe(`Member Since: ${since}`);
      expect(post.find('.post__position').text()).toBe(`${i + 1} of 10`);
      expect(post.find('.post__permalink').attr('href')).toBe(`${threadPath}/${i + 1}#p${i + 1}`);
      expect(post.find('time').first().attr('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    });
  });

  it('links each author to their profile and marks staff posts', async () => {
    const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
    expect($('#p1 .author-name').attr('href')).toBe('/u/LenaE');
    expect($('#p1').hasClass('post--staff')).toBe(true);
    expect($('#p6').hasClass('post--staff')).toBe(true);
    expect($('#p2').hasClass('post--staff')).toBe(false);
  });

  it('prints the posts verbatim, typos included', async () => {
    const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
    expect($('#p3 .post__body').text()).toContain('I got an invitation for "identity verfication badge"');
    expect($('#p5 .post__body').text()).toContain('Yesterday I recieved the invitation');
    expect($('#p1 .post__body').text()).toContain('It’s a way for freelancers to show clients');
  });

  it('points to the official answer in one line when it is post 1, right below, instead of repeating it', async () => {
    const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
    const box = $('.official-answer');
    expect(box).toHaveLength(1);
    expect(box.text().replace(/\s+/g, ' ').trim()).toBe('✓ Official answer: the first post below, by Lena E. Go to post 1');
    expect(box.find('.official-answer__excerpt')).toHaveLength(0);
    const link = box.find('a.official-answer__link');
    expect(link.text()).toBe('Go to post 1');
    expect(link.attr('href')).toBe(`${threadPath}/1#p1`);
    expect($('#p1 .tag--answered').text()).toBe('Official answer');
  });

  it('shows the ETA on post 6 as its own block, and post 6 ends before it', async () => {
    const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
    const note = $('#p6 .eta-note');
    expect(note).toHaveLength(1);
    expect(note.find('.eta-note__label').text()).toBe('ETA');
    expect(note.find('.eta-note__by a').text()).toBe('Avery O');
    expect(note.text()).toContain('you will receive the badge on your profile within 24-48 hours');
    expect(note.find('time').attr('datetime')).toMatch(/^\d{4}-/);
    const body = $('#p6 .post__body').text().trim();
    expect(body.endsWith('more information about your badge.')).toBe(true);
    expect(body).not.toContain('ETA');
    expect($('.eta-note')).toHaveLength(1);
  });

  it('redirects a wrong slug, and an id alone, to the right address', async () => {
    const threadId = threadPath.split('/')[2];
    const wrong = await request(forum.app).get(`/t/${threadId}/wrong-slug`).expect(301);
    expect(wrong.headers.location).toBe(threadPath);
    const bare = await request(forum.app).get(`/t/${threadId}`).expect(301);
    expect(bare.headers.location).toBe(threadPath);
  });

  it('answers 404 in the site layout for unknown threads and pages', async () => {
    for (const path of ['/t/99999/nothing', `${threadPath}?page=2`, `${threadPath}?page=0`, `${threadPath}?page=abc`, '/t/abc/x']) {
      const res = await request(forum.app).get(path).expect(404);
      const $ = html(res.text);
      expect($('.site-header')).toHaveLength(1);
      expect($('h1').text()).toBe('Page not found');
    }
  });
});

describe('post permalink', () => {
  it('shows the page holding post 6, marked as the target', async () => {
    const res = await request(forum.app).get(`${threadPath}/6`).expect(200);
    const $ = html(res.text);
    expect($('article.post')).toHaveLength(10);
    expect($('article.post--target').attr('id')).toBe('p6');
    expect($('link[rel=canonical]').attr('href')).toBe(`${threadPath}/6`);
  });

  it('redirects a wrong slug to the right permalink', async () => {
    const threadId = threadPath.split('/')[2];
    const res = await request(forum.app).get(`/t/${threadId}/old-title/6`).expect(301);
    // With the post's fragment, so a browser without JavaScript lands on the post.
    expect(res.headers.location).toBe(`${threadPath}/6#p6`);
  });

  it('is a 404 past the last post, at 0, or when not a number', async () => {
    await request(forum.app).get(`${threadPath}/11`).expect(404);
    await request(forum.app).get(`${threadPath}/0`).expect(404);
    await request(forum.app).get(`${threadPath}/six`).expect(404);
    await request(forum.app).get(`${threadPath}/99999999999999999999`).expect(404);
  });
});

describe('a thread longer than one page', () => {
  it('holds ten posts a page with page links top and bottom, and permalinks land on the right page', async () => {
    const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
    const lena = await forum.db.models.Member.findOne({ where: { usernameKey: 'lenae' } });
    for (let i = 11; i <= 23; i += 1) {
      await replyToThread(forum.db, { threadId: thread!.id, authorId: lena!.id, source: `Follow-up number ${i}` });
    }
    const first = html((await request(forum.app).get(threadPath).expect(200)).text);
    expect(first('.post__position').first().text()).toBe('1 of 23');
    expect(first('nav.pagination')).toHaveLength(2);
    expect(first('nav.pagination').first().find('a[rel=next]').attr('href')).toBe(`${threadPath}?page=2`);

    const third = html((await request(forum.app).get(`${threadPath}?page=3`).expect(200)).text);
    expect(third('.post__position').map((_, e) => third(e).text()).get()).toEqual(['21 of 23', '22 of 23', '23 of 23']);
    expect(third('.pagination__current').first().text()).toBe('3');

    const permalink = html((await request(forum.app).get(`${threadPath}/15`).expect(200)).text);
    expect(permalink('article.post--target').attr('id')).toBe('p15');
    expect(permalink('article.post').first().attr('id')).toBe('p11');
    expect(permalink('#p15 .post__body').text()).toContain('Follow-up number 15');
  });
});
