/**
 * The staff Q&A desk on the seed and in a journey: the queue lists post 2 (Wendy C) as waiting and
 * 3, 5, 7, 9 as answered by 6, 6, 8, 10; a member asks, a moderator claims it (a second one is
 * told who has it), answers with a saved reply citing the member's badge status, and the question
 * leaves the queue showing "Answered by Avery O". Who sees what, on both databases.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { claimQuestion, QuestionClaimedError } from '../../server/services/questions/staffActions';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

jest.setTimeout(60_000);

let forum: TestForum;
let threadId: number;
let threadPath: string;
let avery: Agent;
let lena: Agent;
let wendy: Agent;
let msS: Agent;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100, firstPostApproval: false } });
  ({ threadId, threadPath } = await rolloutThread(forum));
  avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
});
afterAll(() => forum.destroy());

const text = (value: string) => value.replace(/\s+/g, ' ').trim();
const postId = async (number: number) => (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;
const postArticle = (page: ReturnType<typeof html>, number: number) => page(`#p${number}`);

describe('the seeded desk', () => {
  it('lists post 2 (Wendy C) as waiting, and 3, 5, 7, 9 as answered by 6, 6, 8, 10', async () => {
    const res = await avery.get('/staff/questions.json').expect(200);
    expect(res.body.open.map((row: { post: { number: number }; author: { displayName: string } }) => [row.post.number, row.author.displayName])).toEqual([[2, 'Wendy C']]);
    const answered = res.body.answered.map((row: { post: { number: number }; question: { answer: { postNumber: number; by: { displayName: string } } } }) =>
      [row.post.number, row.question.answer.postNumber, row.question.answer.by.displayName]);
    expect(answered.sort((a: number[], b: number[]) => a[0] - b[0])).toEqual([[3, 6, 'Avery O'], [5, 6, 'Avery O'], [7, 8, 'Vladimir G'], [9, 10, 'Goran V']]);
    expect(res.body.open[0].badge.label).toBe('Invited');

    const $ = html((await avery.get('/staff/questions').expect(200)).text);
    const rows = $('.questions-queue__row');
    expect(rows).toHaveLength(1);
    expect(text(rows.text())).toContain('Wendy C');
    expect(rows.find('.badge-lookup-link').attr('href')).toBe(`/staff/badges/WendyC?thread=${threadId}`);
    expect(text($('.questions-answered').text())).toContain('Answered by Avery O');
    expect(text($('.account-nav__questions').text())).toBe('Questions 1');
  });

  it('shows "Answered by Avery O in post 6" on post 3 to everyone, the wait on post 2 only to its author and staff', async () => {
    const anonymous = html((await request(forum.app).get(threadPath).expect(200)).text);
    // Post 6 carries the seeded ETA note: the answer says so, as the ETA tracker knows it.
    expect(text(postArticle(anonymous, 3).find('.question-state').text())).toBe('Answered Answered by Avery O Moderator in post 6 · ETA within 24-48 hours, open');
    expect(text(postArticle(anonymous, 7).find('.question-state').text())).toBe('Answered Answered by Vladimir G Community Manager in post 8');
    expect(postArticle(anonymous, 3).find('.question-state a').last().attr('href')).toBe(`${threadPath}/6#p6`);
    expect(postArticle(anonymous, 2).find('.question-state').text()).not.toContain('Waiting for the team');
    expect(anonymous('.account-nav__questions')).toHaveLength(0);
    const other = html((await msS.get(threadPath).expect(200)).text);
    expect(postArticle(other, 2).find('.question-state').text()).not.toContain('Waiting for the team');
    expect(postArticle(other, 2).find('.question-state .staff-tools')).toHaveLength(0);
    for (const agent of [wendy, avery]) {
      const page = html((await agent.get(threadPath).expect(200)).text);
      expect(text(postArticle(page, 2).find('.question-state__line').text())).toMatch(/^Question Waiting for the team since /);
    }
  });

  it('is for staff only: members are refused, visitors sent to sign in', async () => {
    for (const path of ['/staff/questions', '/staff/dashboard', '/staff/dashboard/export']) {
      await request(forum.app).get(path).expect(303);
      await msS.get(path).expect(403);
      await wendy.get(path).expect(403);
    }
    await avery.get('/staff/saved-replies').expect(403);
    await lena.get('/staff/saved-replies').expect(200);
  });

  it('a hidden question shows its state only to those who may read the post', async () => {
    const id = await postId(7);
    expect((await submitForm(avery, threadPath, `/posts/${id}/hide`, { reason: 'Testing the desk' })).status).toBe(303);
    expect(postArticle(html((await request(forum.app).get(threadPath).expect(200)).text), 7).find('.question-state')).toHaveLength(0);
    expect(postArticle(html((await msS.get(threadPath).expect(200)).text), 7).find('.question-state')).toHaveLength(0);
    const author = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    expect(postArticle(html((await author.get(threadPath).expect(200)).text), 7).find('.question-state')).toHaveLength(1);
    expect(postArticle(html((await avery.get(threadPath).expect(200)).text), 7).find('.question-state')).toHaveLength(1);
    expect((await submitForm(avery, threadPath, `/posts/${id}/restore`, {})).status).toBe(303);
  });

  it('a new thread in the Q&A board starts with "I\'m asking the team" ticked, and asks', async () => {
    const form = html((await msS.get('/b/identity-verification/threads/new').expect(200)).text);
    expect(form('#field-asking').attr('checked')).toBeDefined();
    const general = html((await msS.get('/b/general/threads/new').expect(200)).text);
    expect(general('#field-asking').attr('checked')).toBeUndefined();
    const res = await submitForm(msS, '/b/identity-verification/threads/new', '/b/identity-verification/threads', {
      title: 'Is the webcam step needed?', body: 'Is the webcam step needed for the badge?', askingShown: '1', asking: 'on', intent: 'post',
    });
    expect(res.status).toBe(303);
    const open = (await avery.get('/staff/questions.json').expect(200)).body.open;
    expect(open.map((row: { thread: { title: string }; post: { number: number } }) => [row.thread.title, row.post.number])).toContainEqual(['Is the webcam step needed?', 1]);
    const id = open.find((row: { thread: { title: string } }) => row.thread.title === 'Is the webcam step needed?').question.postId;
    expect((await submitForm(avery, '/staff/questions', `/posts/${id}/question/remove`, { returnTo: 'queue' })).status).toBe(303);
  });
});

describe('a member asks, a moderator claims and answers with a saved reply', () => {
  let questionNumber: number;
  let savedReplyId: number;

  it('Ms S ticks "I\'m asking the team" (ticked by default in a thread started by staff)', async () => {
    const form = html((await msS.get(`/t/${threadId}/replies/new`).expect(200)).text);
    expect(form('#field-asking').attr('checked')).toBeDefined();
    const res = await submitForm(msS, `/t/${threadId}/replies/new`, `/t/${threadId}/replies`, {
      body: 'Still no badge after the video call: how long does it take?', replyTo: '', askingShown: '1', asking: 'on', intent: 'post',
    });
    expect(res.status).toBe(303);
    questionNumber = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const queue = (await avery.get('/staff/questions.json').expect(200)).body;
    expect(queue.open.map((row: { post: { number: number } }) => row.post.number)).toEqual([2, questionNumber]);
  });

  it('a reply without the tick is no question', async () => {
    const res = await submitForm(msS, `/t/${threadId}/replies/new`, `/t/${threadId}/replies`, { body: 'Thanks everyone.', replyTo: '', askingShown: '1', intent: 'post' });
    expect(res.status).toBe(303);
    expect((await avery.get('/staff/questions.json').expect(200)).body.open).toHaveLength(2);
  });

  it('Avery O claims it; Lena E is told who has it', async () => {
    const id = await postId(questionNumber);
    const claimed = await submitForm(avery, '/staff/questions', `/posts/${id}/question/claim`, { returnTo: 'queue' });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.location).toBe('/staff/questions');
    const refused = await submitForm(lena, '/staff/questions', `/posts/${id}/question/claim`, {});
    expect(refused.status).toBe(409);
    expect(text(html(refused.text)('.error-page').text())).toContain('Avery O is already on it.');
    const mine = (await avery.get('/staff/questions.json?show=mine').expect(200)).body.open;
    expect(mine.map((row: { post: { number: number } }) => row.post.number)).toEqual([questionNumber]);
    const unclaimed = (await lena.get('/staff/questions.json?show=unclaimed').expect(200)).body.open;
    expect(unclaimed.map((row: { post: { number: number } }) => row.post.number)).toEqual([2]);
    // The claim shows to staff on the post, never to the member.
    expect(text(postArticle(html((await lena.get(`${threadPath}/${questionNumber}`).expect(200)).text), questionNumber).find('.question-state__claim').text())).toMatch(/^Avery O is on it since /);
    expect(postArticle(html((await msS.get(`${threadPath}/${questionNumber}`).expect(200)).text), questionNumber).find('.question-state__claim')).toHaveLength(0);
  });

  it('Lena E keeps a saved reply with placeholders', async () => {
    const refused = await submitForm(lena, '/staff/saved-replies', '/staff/saved-replies', { title: '', source: 'x' });
    expect(refused.status).toBe(422);
    const res = await submitForm(lena, '/staff/saved-replies', '/staff/saved-replies', {
      title: 'Badge status answer',
      source: 'Hi {member}, your badge status is {badge_status}. Once both steps pass, the badge appears within {policy_window}.',
    });
    expect(res.status).toBe(303);
    const $ = html((await lena.get('/staff/saved-replies').expect(200)).text);
    savedReplyId = Number(/(\d+)/.exec($('.saved-replies tbody tr').attr('id')!)![1]);
    expect($('.saved-replies td[data-use-count]').text()).toBe('0');
  });

  it('Avery O inserts it (no JavaScript: a submit button), filled from Ms S\'s badge status, and posts it', async () => {
    const replyPage = `/t/${threadId}/replies/new?to=${questionNumber}`;
    const form = html((await avery.get(replyPage).expect(200)).text);
    expect(form('#field-saved-reply option').map((_i, el) => form(el).text()).get()).toEqual(['Badge status answer']);
    expect(form('#field-asking')).toHaveLength(0);
    const inserted = await submitForm(avery, replyPage, `/t/${threadId}/replies`, { body: '', replyTo: String(questionNumber), savedReply: String(savedReplyId), intent: 'insert' });
    expect(inserted.status).toBe(200);
    const filled = html(inserted.text);
    const body = filled('#field-body').text();
    expect(body).toBe('Hi Ms S, your badge status is In progress. Once both steps pass, the badge appears within 24-48 hours.');
    expect(filled('input[name=cite]').attr('value')).toBe('MsS');
    expect(filled('input[name=savedReplyId]').attr('value')).toBe(String(savedReplyId));
    expect(text(filled('.badge-citation-preview').text())).toContain('In progress');
    expect(await forum.db.models.Post.count({ where: { threadId } })).toBe(questionNumber + 1);

    const posted = await submitForm(avery, replyPage, `/t/${threadId}/replies`, {
      body, replyTo: String(questionNumber), cite: 'MsS', savedReplyId: String(savedReplyId), intent: 'post',
    });
    expect(posted.status).toBe(303);
    const answerNumber = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);

    const queue = (await avery.get('/staff/questions.json').expect(200)).body;
    expect(queue.open.map((row: { post: { number: number } }) => row.post.number)).toEqual([2]);
    expect(queue.answered[0].post.number).toBe(questionNumber);
    expect(queue.answered[0].question.answer).toMatchObject({ postNumber: answerNumber, by: { displayName: 'Avery O' } });
    const page = html((await request(forum.app).get(`${threadPath}/${answerNumber}`).expect(200)).text);
    expect(text(postArticle(page, questionNumber).find('.question-state__line').text())).toBe(`Answered Answered by Avery O Moderator in post ${answerNumber}`);
    expect(text(postArticle(page, answerNumber).find('.badge-citation').text())).toContain('In progress');
    expect(html((await lena.get('/staff/saved-replies').expect(200)).text)('.saved-replies td[data-use-count]').text()).toBe('1');
  });

  it('staff mark a post as a question, then "no answer needed" with a reason', async () => {
    const id = await postId(4);
    expect((await submitForm(avery, threadPath, `/posts/${id}/question`, {})).status).toBe(303);
    expect((await avery.get('/staff/questions.json').expect(200)).body.open.map((row: { post: { number: number } }) => row.post.number)).toEqual([2, 4]);
    expect((await submitForm(avery, threadPath, `/posts/${id}/question/not-needed`, { reason: '' })).status).toBe(400);
    expect((await submitForm(avery, threadPath, `/posts/${id}/question/not-needed`, { reason: 'Answered by another member' })).status).toBe(303);
    const page = html((await request(forum.app).get(`${threadPath}/4`).expect(200)).text);
    expect(text(postArticle(page, 4).find('.question-state__line').text())).toBe('No answer needed Answered by another member');
    expect((await submitForm(msS, threadPath, `/posts/${id}/question/remove`, {})).status).toBe(403);
  });
});

describe('two moderators claiming at once', () => {
  it('one wins; the other is told who has it', async () => {
    const id = await postId(2);
    const goran = (await forum.db.models.Member.findOne({ where: { username: 'GoranV' } }))!.id;
    const averyId = (await forum.db.models.Member.findOne({ where: { username: 'AveryO' } }))!.id;
    const results = await Promise.allSettled([
      claimQuestion(forum.db, { postId: id, staffId: averyId, timeoutMinutes: 30 }),
      claimQuestion(forum.db, { postId: id, staffId: goran, timeoutMinutes: 30 }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(QuestionClaimedError);
    expect(['Avery O', 'Goran V']).toContain((refused.reason as QuestionClaimedError).holderName);
    // After the timeout anyone may take it.
    const later = new Date(Date.now() + 31 * 60_000);
    await expect(claimQuestion(forum.db, { postId: id, staffId: goran, timeoutMinutes: 30, now: later })).resolves.toBeUndefined();
    await expect(claimQuestion(forum.db, { postId: id, staffId: averyId, timeoutMinutes: 30, now: later })).rejects.toThrow('Goran V is already on it.');
  });
});
