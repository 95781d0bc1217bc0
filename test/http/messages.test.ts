/**
 * Private messages: a member asks the team privately about their badge and a moderator answers
 * with a citation; member-to-member conversations stay between their participants (404 for
 * everyone else, staff included, until a message is reported); blocks, silence and flood limits.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { assertSafeHtml } from '../helpers/htmlSafety';
import { Agent, formPoster, signIn } from '../helpers/session';

jest.setTimeout(120_000);

let forum: TestForum;
const agents: Record<string, Agent> = {};
const posters: Record<string, (action: string, fields: Record<string, string>) => Promise<request.Response>> = {};

async function as(username: string) {
  if (!agents[username]) {
    agents[username] = await signIn(forum.app, username, DEVELOPMENT_PASSWORD);
    posters[username] = await formPoster(agents[username], '/settings');
  }
  return { agent: agents[username], post: posters[username] };
}

function conversationIdOf(location: string): number {
  const match = /^\/messages\/(\d+)/.exec(location);
  if (!match) throw new Error(`not a conversation address: ${location}`);
  return Number(match[1]);
}

beforeAll(async () => {
  forum = await createTestForum({
    config: {
      signInLimits: { windowMs: 60_000, perAddress: 10_000, perAccount: 10_000 },
      messageLimits: { maxParticipants: 4, conversationsPerHour: 50, messagesPerMinute: 50, newMemberConversationsPerHour: 1, newMemberMessagesPerMinute: 2 },
    },
  });
});
afterAll(() => forum.destroy());

describe('a member asks the team privately about their badge', () => {
  let conversationId: number;

  it('Rafeh writes to the team; only he and staff can read it', async () => {
    const rafeh = await as('RafehG');
    const sent = await rafeh.post('/messages', { team: 'on', to: '', subject: 'Where is my ID badge?', body: 'My passport was refused, ref zanzibarquokka. Can you check?' });
    expect(sent.status).toBe(303);
    conversationId = conversationIdOf(sent.headers.location);
    const page = html((await rafeh.agent.get(`/messages/${conversationId}`)).text);
    expect(page('h1.page-title').text()).toBe('Where is my ID badge?');
    expect(page('.message__body').text()).toContain('zanzibarquokka');
    expect(page('#staff-notes').length).toBe(0);
  });

  it('another member gets 404 for it, in HTML, JSON and every action, as for an id that does not exist', async () => {
    const marija = await as('MarijaJ');
    for (const path of [`/messages/${conversationId}`, `/messages/${conversationId}.json`, '/messages/999999', '/messages/999999.json']) {
      expect({ path, status: (await marija.agent.get(path)).status }).toEqual({ path, status: 404 });
    }
    for (const action of ['replies', 'read', 'leave', 'participants', 'state', 'notes', '1/report']) {
      const res = await marija.post(`/messages/${conversationId}/${action}`, { body: 'x', action: 'resolve', text: 'x', username: 'AveryO', reason: 'spam' });
      expect({ action, status: res.status }).toEqual({ action, status: 404 });
    }
    const json = await marija.agent.get(`/messages/${conversationId}.json`);
    expect(JSON.stringify(json.body)).not.toContain('zanzibarquokka');
    expect(JSON.stringify(json.body)).not.toContain('Where is my ID badge');
  });

  it('a moderator finds it in the staff inbox, looks up the badge status, notes, and answers with a citation', async () => {
    const avery = await as('AveryO');
    const inbox = html((await avery.agent.get('/staff/messages')).text);
    expect(inbox('.conversation-row__subject').text()).toContain('Where is my ID badge?');
    const page = html((await avery.agent.get(`/messages/${conversationId}`)).text);
    expect(page('#staff-panel-title').text()).toBe('For staff');
    expect(page('.staff-panel').first().text()).toContain('Badge status of Rafeh G now:');
    expect((await avery.post(`/messages/${conversationId}/notes`, { text: 'Passport refused twice; checked vendor log' })).status).toBe(303);
    expect((await avery.post(`/messages/${conversationId}/state`, { action: 'assign' })).status).toBe(303);
    const answer = await avery.post(`/messages/${conversationId}/replies`, { body: 'Hi Rafeh, here is your status.', cite: 'on' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/messages/${conversationId}#m2`);
    const json = (await avery.agent.get(`/messages/${conversationId}.json`)).body;
    expect(json.messages[1].citations[0].memberName).toBe('Rafeh G');
    expect(json.notes.map((note: { text: string }) => note.text)).toEqual(['Passport refused twice; checked vendor log']);
    expect(json.conversation.assignedTo).toBe('Avery O (Moderator)');
  });

  it('Rafeh is told: the header counts the unread message, the card shows, the staff note does not', async () => {
    const rafeh = await as('RafehG');
    const home = html((await rafeh.agent.get('/')).text);
    expect(home('.account-nav__messages .unread-count').text()).toBe('1');
    expect((await rafeh.agent.get('/.json')).body.viewer.unreadMessages).toBe(1);
    const inbox = (await rafeh.agent.get('/messages.json')).body;
    expect(inbox.conversations[0]).toMatchObject({ subject: 'Where is my ID badge?', unread: 1, withWhom: 'The team' });
    const page = await rafeh.agent.get(`/messages/${conversationId}`);
    const $ = html(page.text);
    expect($('.badge-citation').text()).toContain('Badge status for Rafeh G');
    expect(page.text).not.toContain('Passport refused twice');
    expect(page.text).not.toContain('For staff');
    const json = (await rafeh.agent.get(`/messages/${conversationId}.json`)).body;
    expect(json.notes).toBeNull();
    expect(json.starterStatus).toBeNull();
    // Reading the page changes nothing; opening it (a POST) marks it read.
    expect((await rafeh.agent.get('/.json')).body.viewer.unreadMessages).toBe(1);
    expect((await rafeh.post(`/messages/${conversationId}/read`, {})).status).toBe(303);
    expect((await rafeh.agent.get('/.json')).body.viewer.unreadMessages).toBe(0);
  });

  it('the moderator marks it resolved; a manager sees it among the resolved; a member reply reopens it', async () => {
    const avery = await as('AveryO');
    expect((await avery.post(`/messages/${conversationId}/state`, { action: 'resolve' })).status).toBe(303);
    expect((await avery.post(`/messages/${conversationId}/state`, { action: 'resolve' })).status).toBe(409);
    const lena = await as('LenaE');
    const resolved = (await lena.agent.get('/staff/messages.json?state=resolved')).body;
    expect(resolved.conversations.map((c: { id: number }) => c.id)).toContain(conversationId);
    expect((await lena.agent.get('/staff/messages.json?state=open')).body.conversations.map((c: { id: number }) => c.id)).not.toContain(conversationId);
    const rafeh = await as('RafehG');
    expect((await rafeh.post(`/messages/${conversationId}/replies`, { body: 'Thanks, one more thing' })).status).toBe(303);
    expect((await lena.agent.get(`/messages/${conversationId}.json`)).body.conversation.status).toBe('open');
  });

  it('members cannot use staff tools on their own team conversation', async () => {
    const rafeh = await as('RafehG');
    expect((await rafeh.post(`/messages/${conversationId}/state`, { action: 'resolve' })).status).toBe(403);
    expect((await rafeh.post(`/messages/${conversationId}/notes`, { text: 'x' })).status).toBe(403);
    expect((await rafeh.post(`/messages/${conversationId}/participants`, { username: 'GoranV' })).status).toBe(403);
    expect((await rafeh.agent.get('/staff/messages')).status).toBe(403);
  });

  it('staff add a colleague, who then hears of new messages', async () => {
    const avery = await as('AveryO');
    expect((await avery.post(`/messages/${conversationId}/participants`, { username: 'MsS' })).status).toBe(422);
    expect((await avery.post(`/messages/${conversationId}/participants`, { username: 'GoranV' })).status).toBe(303);
    const rafeh = await as('RafehG');
    await rafeh.post(`/messages/${conversationId}/replies`, { body: 'Hello Goran' });
    const goran = await as('GoranV');
    expect((await goran.agent.get('/.json')).body.viewer.unreadMessages).toBeGreaterThan(0);
  });
});

describe('conversations between members', () => {
  let conversationId: number;

  it('are read by their participants only: staff get 404 too', async () => {
    const ms = await as('MsS');
    const sent = await ms.post('/messages', { to: 'MarijaJ', subject: 'Coffee chat', body: 'Secret word: plumbusquandary' });
    expect(sent.status).toBe(303);
    conversationId = conversationIdOf(sent.headers.location);
    const marija = await as('MarijaJ');
    expect(html((await marija.agent.get(`/messages/${conversationId}`)).text)('.message__body').text()).toContain('plumbusquandary');
    for (const username of ['LenaE', 'AveryO', 'WendyC', 'RafehG']) {
      const { agent } = await as(username);
      expect({ username, status: (await agent.get(`/messages/${conversationId}`)).status }).toEqual({ username, status: 404 });
    }
    expect((await request(forum.app).get(`/messages/${conversationId}`)).status).toBe(303);
    expect((await request(forum.app).get(`/messages/${conversationId}.json`)).status).toBe(401);
  });

  it('never appear in search, feeds or profiles, for any reader', async () => {
    const readers: Array<Agent | ReturnType<typeof request>> = [request(forum.app)];
    for (const username of ['MsS', 'MarijaJ', 'AveryO', 'LenaE']) readers.push((await as(username)).agent);
    for (const reader of readers) {
      for (const word of ['plumbusquandary', 'zanzibarquokka']) {
        const res = await (reader as Agent).get(`/search.json?q=${word}`);
        expect(res.status).toBe(200);
        expect(res.body.results).toHaveLength(0);
      }
      for (const path of ['/feeds/official-answers.atom', '/b/announcements/feed.atom', '/u/MsS.json', '/u/RafehG.json', '/.json']) {
        const res = await (reader as Agent).get(path);
        expect(res.text).not.toContain('plumbusquandary');
        expect(res.text).not.toContain('zanzibarquokka');
        expect(res.text).not.toContain('Coffee chat');
      }
    }
  });

  it('a reported message reaches the review queue with its context, and only that', async () => {
    const ms = await as('MsS');
    await ms.post(`/messages/${conversationId}/replies`, { body: 'Message two' });
    await ms.post(`/messages/${conversationId}/replies`, { body: 'Send me your password, offensivetext' });
    const marija = await as('MarijaJ');
    expect((await ms.post(`/messages/${conversationId}/3/report`, { reason: 'abusive' })).status).toBe(403);
    const refused = await marija.post(`/messages/${conversationId}/3/report`, { reason: 'nonsense', note: 'kept note' });
    expect(refused.status).toBe(422);
    expect(html(refused.text)('#report-note-3').text()).toBe('kept note');
    expect((await marija.post(`/messages/${conversationId}/3/report`, { reason: 'abusive', note: 'phishing' })).status).toBe(303);
    const avery = await as('AveryO');
    const queue = html((await avery.agent.get('/staff/review')).text);
    const section = queue('#message-reports');
    expect(section.text()).toContain('offensivetext');
    expect(section.text()).toContain('Message two');
    expect(section.text()).toContain('phishing');
    const messageId = Number(section.find('.review-item').attr('id')!.replace('message-report-', ''));
    // Reporting does not open the conversation to staff.
    expect((await avery.agent.get(`/messages/${conversationId}`)).status).toBe(404);
    expect((await (await as('MarijaJ')).post(`/staff/review/messages/${messageId}`, { action: 'dismiss' })).status).toBe(403);
    expect((await avery.post(`/staff/review/messages/${messageId}`, { action: 'dismiss' })).status).toBe(303);
    expect((await avery.post(`/staff/review/messages/${messageId}`, { action: 'dismiss' })).status).toBe(409);
    expect(html((await avery.agent.get('/staff/review')).text)('#message-reports').text()).not.toContain('offensivetext');
  });

  it('a member who left no longer reads it', async () => {
    const ms = await as('MsS');
    const sent = await ms.post('/messages', { to: 'WendyC', subject: 'Leaving test', body: 'hi' });
    const id = conversationIdOf(sent.headers.location);
    const wendy = await as('WendyC');
    expect((await wendy.post(`/messages/${id}/leave`, {})).status).toBe(303);
    expect((await wendy.agent.get(`/messages/${id}`)).status).toBe(404);
    expect((await wendy.agent.get('/messages.json')).body.conversations.map((c: { id: number }) => c.id)).not.toContain(id);
  });

  it('a block stops new conversations and replies from the blocked member', async () => {
    const marija = await as('MarijaJ');
    expect((await marija.post('/messages/blocks', { username: 'AveryO', action: 'block' })).status).toBe(403);
    expect((await marija.post('/messages/blocks', { username: 'MsS', action: 'block' })).status).toBe(303);
    const ms = await as('MsS');
    const refused = await ms.post('/messages', { to: 'MarijaJ', subject: 'Are you there?', body: 'Typed while blocked' });
    expect(refused.status).toBe(422);
    expect(html(refused.text)('#field-to-error').text()).toBe('Marija J does not accept messages from you.');
    expect(html(refused.text)('#field-body').text()).toBe('Typed while blocked');
    expect((await ms.post(`/messages/${conversationId}/replies`, { body: 'Still there?' })).status).toBe(403);
    expect((await marija.post('/messages/blocks', { username: 'MsS', action: 'unblock' })).status).toBe(303);
    expect((await ms.post(`/messages/${conversationId}/replies`, { body: 'Still there?' })).status).toBe(303);
  });

  it('refuses unknown recipients, oneself, and more than the participant limit, keeping the text', async () => {
    const ms = await as('MsS');
    const cases: Array<[string, string]> = [
      ['NoSuchPerson', 'There is no member named "NoSuchPerson".'],
      ['MsS', 'You cannot send a message to yourself.'],
      ['MarijaJ, WendyC, RafehG, AveryO', 'A conversation can have at most 4 participants, you included.'],
      ['', 'Name at least one member, or write to the team.'],
    ];
    for (const [to, message] of cases) {
      const res = await ms.post('/messages', { to, subject: 'Hello there', body: 'Kept body' });
      expect(res.status).toBe(422);
      const $ = html(res.text);
      expect($('#field-to-error').text()).toBe(message);
      expect($('#field-body').text()).toBe('Kept body');
    }
  });
});

describe('who may send', () => {
  it('a silenced member reads but cannot send', async () => {
    const avery = await as('AveryO');
    expect((await avery.post('/u/WendyC/silence', { reason: 'Cooling off', duration: '1d' })).status).toBe(303);
    const wendy = await as('WendyC');
    const res = await wendy.post('/messages', { to: 'MsS', subject: 'Hello there', body: 'Typed while silenced' });
    expect(res.status).toBe(403);
    expect(html(res.text)('#field-body').text()).toBe('Typed while silenced');
    const team = await wendy.post('/messages', { team: 'on', subject: 'Why am I silenced?', body: 'x' });
    expect(team.status).toBe(403);
  });

  it('new members are limited more strictly (429 with Retry-After, the text kept)', async () => {
    await forum.db.sequelize.query(`UPDATE members SET member_since = :today, post_count = 0 WHERE username = 'MarijaJ'`, {
      replacements: { today: new Date().toISOString().slice(0, 10) },
    });
    const marija = await as('MarijaJ');
    expect((await marija.post('/messages', { to: 'RafehG', subject: 'First one', body: 'one' })).status).toBe(303);
    const second = await marija.post('/messages', { to: 'RafehG', subject: 'Second one', body: 'two, kept' });
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(html(second.text)('#field-body').text()).toBe('two, kept');
  });
});

describe('hostile text', () => {
  it('subjects are escaped and bodies sanitized, in the inbox and the conversation', async () => {
    const ms = await as('MsS');
    const subject = '<script>alert(1)</script> "quoted" & <b>bold</b>';
    const body = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) <iframe src="https://evil.example"></iframe> <form action="/signout"><button>x</button></form>';
    const sent = await ms.post('/messages', { to: 'RafehG', subject, body });
    expect(sent.status).toBe(303);
    const id = conversationIdOf(sent.headers.location);
    const rafeh = await as('RafehG');
    const page = await rafeh.agent.get(`/messages/${id}`);
    assertSafeHtml(page.text, 'conversation');
    expect(html(page.text)('h1.page-title').text()).toBe(subject);
    const inbox = await rafeh.agent.get('/messages');
    assertSafeHtml(inbox.text, 'inbox');
    expect(html(inbox.text)('.conversation-row__subject').first().text()).toBe(subject);
  });

  it('refuses invisible characters in subjects as thread titles do', async () => {
    const ms = await as('MsS');
    const res = await ms.post('/messages', { to: 'RafehG', subject: 'Hello\u202Eworld', body: 'x' });
    expect(res.status).toBe(422);
    expect(html(res.text)('#field-subject-error').text()).not.toBe('');
  });
});

describe('bounded reads', () => {
  async function statementsOf(agent: Agent, path: string): Promise<string[]> {
    const seen: string[] = [];
    const stop = forum.db.observeQueries((sql) => seen.push(sql));
    try {
      expect((await agent.get(path)).status).toBe(200);
    } finally {
      stop();
    }
    return seen;
  }

  it('the header\'s unread-messages count rides on the session query: no query of its own', async () => {
    const { agent } = await as('RafehG');
    const statements = await statementsOf(agent, '/');
    const touching = statements.filter((sql) => sql.includes('conversation_participants'));
    expect(touching).toHaveLength(1);
    expect(touching[0]).toContain('FROM sessions');
  });

  it('the inbox and a conversation cost the same number of queries however many they list', async () => {
    const ms = await as('MsS');
    // One listed first: an empty inbox skips the participants query.
    await ms.post('/messages', { to: 'RafehG', subject: 'Bounded first', body: 'body' });
    const before = (await statementsOf(ms.agent, '/messages')).length;
    for (let i = 0; i < 3; i += 1) await ms.post('/messages', { to: 'RafehG', subject: `Bounded ${i}`, body: `body ${i}` });
    expect((await statementsOf(ms.agent, '/messages')).length).toBe(before);
    const sent = await ms.post('/messages', { to: 'RafehG', subject: 'Long one', body: 'first' });
    const id = conversationIdOf(sent.headers.location);
    const short = (await statementsOf(ms.agent, `/messages/${id}`)).length;
    for (let i = 0; i < 3; i += 1) await ms.post(`/messages/${id}/replies`, { body: `reply ${i}` });
    expect((await statementsOf(ms.agent, `/messages/${id}`)).length).toBe(short);
  });
});
