/** The ETA tracker's order (dated promises soonest first, then undated oldest first) and its bound; a post's ETA page's bound. */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { etaHistoryOf, HISTORY_LIMIT } from '../../server/read/etaNotes';
import { ALL_SQL, openPromises, TRACKER_LIMIT } from '../../server/read/etaTracker';
import type { EtaStatus } from '../../models/etaNote';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { signIn } from '../helpers/session';

let forum: TestForum;
let postIds: number[];
let averyId: number;
let goranId: number;

const base = new Date('2026-11-01T12:00:00Z');
const at = (hours: number) => new Date(base.getTime() + hours * 3_600_000);

async function note(postId: number, authorId: number, fields: { dueAt: Date | null; createdAt: Date; status?: EtaStatus; window?: string }) {
  return forum.db.models.EtaNote.create({
    postId,
    authorId,
    source: 'Soon',
    html: '<p>Soon</p>',
    promisedWindow: fields.window ?? null,
    dueAt: fields.dueAt,
    status: fields.status ?? 'open',
    closedAt: null,
    closedById: null,
    closeReason: null,
    followUpPostId: null,
    createdAt: fields.createdAt,
    updatedAt: fields.createdAt,
  });
}

beforeAll(async () => {
  forum = await createTestForum();
  const { threadId } = await rolloutThread(forum);
  postIds = (await forum.db.models.Post.findAll({ where: { threadId }, order: [['number', 'ASC']], attributes: ['id'] })).map((post) => post.id);
  averyId = (await forum.db.models.Member.findOne({ where: { username: 'AveryO' } }))!.id;
  goranId = (await forum.db.models.Member.findOne({ where: { username: 'GoranV' } }))!.id;
  await forum.db.models.EtaNote.destroy({ where: {} });
});
afterAll(() => forum.destroy());

describe('the tracker read', () => {
  it('reads both parts in index order and stops at the page (SQLite plan; migrations 004 and 031)', async () => {
    if (forum.db.dialect !== 'sqlite') return;
    // On the writing connection: a read-only one opened before the migrations plans EXPLAIN with
    // the schema it first read (a real statement would notice the change; EXPLAIN does not).
    const plan = await forum.db.sequelize.transaction((transaction) =>
      forum.db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${ALL_SQL}`, { replacements: { fetch: TRACKER_LIMIT + 1 }, type: 'SELECT' as never, transaction }));
    const details = plan.map((row) => row.detail);
    const dated = details.indexOf('CO-ROUTINE dated');
    const undated = details.indexOf('CO-ROUTINE undated');
    expect(details[dated + 1]).toMatch(/^SEARCH e USING (COVERING )?INDEX eta_notes_open_due \(status=\? AND due_at>\?\)$/);
    expect(details[undated + 1]).toMatch(/^SEARCH e USING (COVERING )?INDEX eta_notes_status_due_created \(status=\? AND due_at=\?\)$/);
    // Neither part sorts its notes; only the outer ORDER BY sorts the at most 2 × 201 picked.
    expect(details.slice(0, details.indexOf('SCAN picked'))).not.toContain('USE TEMP B-TREE FOR ORDER BY');
  });

  it('lists dated promises by due time (then id), then undated ones by age; closed and replaced notes never', async () => {
    const undatedOld = await note(postIds[0], averyId, { dueAt: null, createdAt: at(-50) });
    const dueLater = await note(postIds[1], goranId, { dueAt: at(30), createdAt: at(-100) });
    const dueSoonA = await note(postIds[2], averyId, { dueAt: at(10), createdAt: at(-1) });
    const dueSoonB = await note(postIds[3], goranId, { dueAt: at(10), createdAt: at(-90) });
    const undatedNew = await note(postIds[4], goranId, { dueAt: null, createdAt: at(-5) });
    await note(postIds[5], averyId, { dueAt: at(1), createdAt: at(-2), status: 'replaced' });
    await note(postIds[5], averyId, { dueAt: null, createdAt: at(-2), status: 'kept' });

    const all = await openPromises(forum.db);
    expect(all.more).toBe(false);
    expect(all.promises.map((promise) => promise.id)).toEqual([dueSoonA.id, dueSoonB.id, dueLater.id, undatedOld.id, undatedNew.id]);
    expect(all.promises[0].post.id).toBe(postIds[2]);
    expect(all.promises[0].author?.username).toBe('AveryO');

    const mine = await openPromises(forum.db, { authorId: goranId });
    expect(mine.promises.map((promise) => promise.id)).toEqual([dueSoonB.id, dueLater.id, undatedNew.id]);

    // The bound takes the first of that order, dated ones first, and says there are more.
    const first = await openPromises(forum.db, { limit: 4 });
    expect(first.more).toBe(true);
    expect(first.promises.map((promise) => promise.id)).toEqual([dueSoonA.id, dueSoonB.id, dueLater.id, undatedOld.id]);
    expect((await openPromises(forum.db, { limit: 5 })).more).toBe(false);
  });
});

describe('the tracker page', () => {
  it(`shows at most ${TRACKER_LIMIT} promises and says so only past that`, async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const before = html((await avery.get('/staff/eta').expect(200)).text);
    expect(before('.tracker__row')).toHaveLength(5);
    expect(before('.tracker__limit')).toHaveLength(0);
    expect((await avery.get('/staff/eta.json').expect(200)).body).not.toHaveProperty('shownLimit');

    const rows = Array.from({ length: TRACKER_LIMIT }, (_, k) => ({
      postId: postIds[k % postIds.length],
      authorId: averyId,
      source: 'Soon',
      html: '<p>Soon</p>',
      promisedWindow: null,
      dueAt: at(100 + k),
      closedAt: null,
      closedById: null,
      closeReason: null,
      followUpPostId: null,
      createdAt: at(-1),
      updatedAt: at(-1),
    }));
    await forum.db.models.EtaNote.bulkCreate(rows);

    const after = html((await avery.get('/staff/eta').expect(200)).text);
    expect(after('.tracker__row')).toHaveLength(TRACKER_LIMIT);
    expect(after('.tracker__limit').text()).toContain(`Showing the first ${TRACKER_LIMIT} open promises`);
    // Still soonest due first: the undated promises are the ones left out.
    expect(after('.tracker__row .muted').filter((_, el) => after(el).text() === 'No set time')).toHaveLength(0);
    expect((await avery.get('/staff/eta.json').expect(200)).body.shownLimit).toBe(TRACKER_LIMIT);
  });
});

describe('a post\'s ETA page', () => {
  it(`lists its notes newest first, at most ${HISTORY_LIMIT}, and says so only past that`, async () => {
    const postId = postIds[6];
    // The tracker's notes above are on every post: this post's history starts empty.
    await forum.db.models.EtaNote.destroy({ where: { postId } });
    const history = (count: number, offset: number) => Array.from({ length: count }, (_, k) => ({
      postId,
      authorId: averyId,
      source: `Note ${offset + k}`,
      html: `<p>Note ${offset + k}</p>`,
      promisedWindow: `${offset + k} hours`,
      dueAt: null,
      status: 'replaced' as const,
      closedAt: at(offset + k + 1),
      closedById: averyId,
      closeReason: null,
      followUpPostId: null,
      createdAt: at(offset + k),
      updatedAt: at(offset + k),
    }));
    await forum.db.models.EtaNote.bulkCreate(history(3, 0));
    const three = await etaHistoryOf(forum.db, postId);
    expect(three.more).toBe(false);
    expect(three.notes.map((note) => note.promisedWindow)).toEqual(['2 hours', '1 hours', '0 hours']);
    const two = await etaHistoryOf(forum.db, postId, 2);
    expect(two.more).toBe(true);
    expect(two.notes.map((note) => note.promisedWindow)).toEqual(['2 hours', '1 hours']);

    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const before = html((await avery.get(`/posts/${postId}/eta`).expect(200)).text);
    expect(before('.eta-history .eta-note')).toHaveLength(3);
    expect(before('.eta-history__limit')).toHaveLength(0);
    expect((await avery.get(`/posts/${postId}/eta.json`).expect(200)).body).not.toHaveProperty('shownLimit');

    await forum.db.models.EtaNote.bulkCreate(history(HISTORY_LIMIT, 3));
    const after = html((await avery.get(`/posts/${postId}/eta`).expect(200)).text);
    const notes = after('.eta-history .eta-note');
    expect(notes).toHaveLength(HISTORY_LIMIT);
    expect(notes.first().find('.eta-note__window').text()).toBe(`within ${HISTORY_LIMIT + 2} hours`);
    expect(after('.eta-history__limit').text()).toBe(`Showing the newest ${HISTORY_LIMIT} ETA notes on this post.`);
  });
});
