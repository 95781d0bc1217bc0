/** /dev/mail: without SMTP_URL, emails are .eml files in the mail folder, listed in development only. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createMailSender } from '../../server/email/transport';
import { createTestForum, html, TestForum } from '../helpers/forum';

let forum: TestForum;
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-mail-'));

beforeAll(async () => {
  forum = await createTestForum({ config: { mailDir, smtpUrl: null } });
});
afterAll(async () => {
  await forum.destroy();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

it('writes an email as an .eml file and lists it at /dev/mail in development, escaped', async () => {
  const sender = createMailSender({ smtpUrl: null, mailDir });
  await sender.send({ from: 'Rollout Forum <forum@localhost>', to: 'a@example.com', subject: 'Hello <b>there</b>', text: 'The body', html: '<p>The body</p>', messageId: '<outbox-1-2@rollout-forum>', headers: {} });
  sender.close();
  const files = fs.readdirSync(mailDir);
  expect(files).toHaveLength(1);
  const development = createApp({ db: forum.db, config: { ...forum.config, env: 'development' } });
  const page = await request(development).get('/dev/mail').expect(200);
  const $ = html(page.text);
  expect($('article h2').text()).toBe('Hello <b>there</b>');
  expect($('article pre').text()).toContain('The body');
  expect((await request(development).get(`/dev/mail/${files[0]}`).expect(200)).text).toContain('Subject: Hello');
  expect((await request(development).get('/dev/mail/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
});

it('has no /dev/mail outside development', async () => {
  expect((await request(forum.app).get('/dev/mail')).status).toBe(404);
});
