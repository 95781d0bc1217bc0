/** Member profiles, public and private. */
import request from 'supertest';
import { createTestForum, html, TestForum } from '../helpers/forum';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

it('shows name, rank, member since, post count and recent posts', async () => {
  const $ = html((await request(forum.app).get('/u/WendyC').expect(200)).text);
  expect($('h1').text()).toBe('Wendy C');
  expect($('.profile .rank').text()).toBe('Community Guru');
  expect($('.profile .member-since').text()).toBe('Member Since: Aug 24, 2015');
  expect($('.profile__stats dd').text()).toBe('2');
  const recent = $('.recent-posts__item');
  expect(recent).toHaveLength(2);
  // Newest first: post 4, then post 2.
  expect(recent.first().find('a').attr('href')).toMatch(/\/t\/\d+\/[a-z-]+\/4#p4$/);
  expect(recent.eq(1).find('a').attr('href')).toMatch(/\/2#p2$/);
});

it('finds a member whatever the case of the name', async () => {
  const $ = html((await request(forum.app).get('/u/wendyc').expect(200)).text);
  expect($('h1').text()).toBe('Wendy C');
});

it('shows others only name, rank and member since on a private profile', async () => {
  const $ = html((await request(forum.app).get('/u/RafehG').expect(200)).text);
  expect($('h1').text()).toBe('Rafeh G');
  expect($('.profile .rank').text()).toBe('Ace Contributor');
  expect($('.profile .member-since').text()).toBe('Member Since: Feb 23, 2014');
  expect($('.notice--private').text()).toBe('This profile is private.');
  expect($('.profile__stats')).toHaveLength(0);
  expect($('.recent-posts')).toHaveLength(0);
  expect($.text()).not.toContain('verfication');
});

it('is a 404 for an unknown member', async () => {
  await request(forum.app).get('/u/nobody-here').expect(404);
});
