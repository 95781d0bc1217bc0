/**
 * The rollout dashboard against a hand-computed fixture (both databases): six questions in a fresh
 * board over 10-12 Jan 2026, answered by reply-to, @mention and quote, one open, one needing no
 * answer, one outside the range, one in another board; three ETA promises (kept, overdue,
 * withdrawn). Expected figures were worked out by hand from the times below, not by the code.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { addEtaNote, closeEtaNote } from '../../server/services/eta';
import { replyToThread, startThread } from '../../server/services/posting';
import { quoteOf } from '../../server/services/quotes';
import { computeDashboard, nearestRank } from '../../server/services/questions/dashboard';
import { markNotNeeded } from '../../server/services/questions/staffActions';
import { csvCell } from '../../server/services/questions/csvExport';
import { createTestForum, html, makeBoard, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

jest.setTimeout(90_000);

let forum: TestForum;
let avery: Agent;
let boardId: number;
const at = (iso: string) => new Date(`${iso}Z`);

beforeAll(async () => {
  forum = await createTestForum();
  avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const id = async (username: string) => (await forum.db.models.Member.findOne({ where: { username } }))!.id;
  const [averyId, goranId, msS, marija, rafeh] = await Promise.all(['AveryO', 'GoranV', 'MsS', 'MarijaJ', 'RafehG'].map(id));
  const board = await makeBoard(forum.db, 'fixture-board');
  boardId = board.id;
  const db = forum.db;
  const { thread } = await startThread(db, { boardId, authorId: averyId, title: 'Fixture rollout thread', source: 'Ask us here.', at: at('2026-01-10T07:00:00'), notify: false });
  const ask = async (authorId: number, when: string, source = 'When does my badge come?') =>
    (await replyToThread(db, { threadId: thread.id, authorId, source, at: at(when), notify: false, asksTeam: true })).number;
  const answer = (authorId: number, when: string, source: string, replyToNumber: number | null = null) =>
    replyToThread(db, { threadId: thread.id, authorId, source, at: at(when), notify: false, replyToNumber });

  const q1 = await ask(msS, '2026-01-10T08:00:00');
  await ask(marija, '2026-01-10T10:00:00');
  const a1 = await answer(averyId, '2026-01-10T09:00:00', 'Within 24-48 hours.', q1); // Q1 waited 1 h
  const a2 = await answer(goranId, '2026-01-10T12:00:00', '@MarijaJ the old Elance check does not count.'); // Q2 waited 2 h
  const q3 = await ask(rafeh, '2026-01-11T09:00:00', 'Video call done, badge?');
  const q4 = await ask(msS, '2026-01-11T10:00:00');
  const quoted = (await db.models.Post.findOne({ where: { threadId: thread.id, number: q3 } }))!;
  const a3 = await answer(averyId, '2026-01-11T12:00:00', `${quoteOf(quoted, 'Rafeh G', thread)}It is under review.`); // Q3 waited 3 h
  // A member's reply to Q4 answers nothing.
  await answer(marija, '2026-01-11T13:00:00', 'Same here!', q4);
  const a4 = await answer(averyId, '2026-01-12T10:00:00', 'Checked with the team.', q4); // Q4 waited 24 h
  await ask(marija, '2026-01-12T08:00:00'); // stays open
  const q6 = await ask(rafeh, '2026-01-12T09:00:00');
  await markNotNeeded(db, { postId: (await db.models.Post.findOne({ where: { threadId: thread.id, number: q6 } }))!.id, staffId: averyId, reason: 'Duplicate' });
  const late = await ask(msS, '2026-01-13T08:00:00'); // outside the range
  await answer(averyId, '2026-01-13T09:00:00', 'Yes.', late);
  // Another board, inside the range: counted for all boards only.
  const other = await makeBoard(forum.db, 'fixture-other');
  const { thread: otherThread } = await startThread(db, { boardId: other.id, authorId: msS, title: 'Another board question', source: 'Anyone?', at: at('2026-01-11T08:00:00'), notify: false, asksTeam: true });
  expect(otherThread.id).toBeGreaterThan(0);

  // ETA promises made in the range: kept, overdue (still open, due long ago), withdrawn.
  const kept = await addEtaNote(db, { postId: a1.id, authorId: averyId, source: 'ETA: 24 hours', promisedWindow: '24 hours', dueAt: at('2026-01-11T09:00:00'), at: at('2026-01-10T09:30:00'), notify: false });
  await closeEtaNote(db, { noteId: kept.id, closedById: averyId, outcome: 'kept', followUpPostNumber: a3.number });
  await addEtaNote(db, { postId: a3.id, authorId: averyId, source: 'ETA: 48 hours', promisedWindow: '48 hours', dueAt: at('2026-01-13T12:00:00'), at: at('2026-01-11T12:30:00'), notify: false });
  const withdrawn = await addEtaNote(db, { postId: a4.id, authorId: averyId, source: 'ETA: soon', promisedWindow: null, dueAt: null, at: at('2026-01-12T10:30:00'), notify: false });
  await closeEtaNote(db, { noteId: withdrawn.id, closedById: averyId, outcome: 'withdrawn', reason: 'Policy changed' });
  void a2;
});
afterAll(() => forum.destroy());

const RANGE = () => ({ from: at('2026-01-10T00:00:00'), to: at('2026-01-13T00:00:00'), boardId });

describe('the dashboard of the fixture board, 10-12 Jan 2026', () => {
  it('counts questions asked, answered, not needed and open', async () => {
    const figures = await computeDashboard(forum.db, RANGE(), new Date());
    expect(figures.questions).toEqual({ asked: 6, answered: 4, notNeeded: 1, open: 1 });
    // Waits 1 h, 2 h, 3 h, 24 h: nearest-rank median is the 2nd (2 h), 90th percentile the 4th (24 h).
    expect(figures.waits).toEqual({ median: 7200, p90: 86_400, answered: 4 });
    expect(figures.answersByStaff.map((row) => [row.member?.displayName, row.answers])).toEqual([['Avery O', 3], ['Goran V', 1]]);
    expect(figures.perDay).toEqual([
      { day: '2026-01-10', asked: 2, answered: 2 },
      { day: '2026-01-11', asked: 2, answered: 2 },
      { day: '2026-01-12', asked: 2, answered: 0 },
    ]);
    expect(figures.eta).toEqual({ made: 3, kept: 1, withdrawn: 1, overdue: 1, open: 1, replaced: 0 });
    expect(figures.askerStatuses.askers).toBe(3);
    expect(figures.askerStatuses.byStatus.map((row) => [row.label, row.members])).toEqual([['Under review', 1], ['Waiting for invitation', 1], ['In progress', 1]]);
    expect(figures.busiestThreads.map((row) => [row.title, row.questions, row.open])).toEqual([['Fixture rollout thread', 6, 1]]);
  });

  it('counts the other board too when no board is chosen', async () => {
    const figures = await computeDashboard(forum.db, { ...RANGE(), boardId: null }, new Date());
    expect(figures.questions.asked).toBe(7);
    expect(figures.questions.open).toBe(2);
  });

  it('shows the figures, charts with titles and tables, and exports the CSV', async () => {
    const query = `from=2026-01-10&to=2026-01-12&board=${boardId}`;
    const $ = html((await avery.get(`/staff/dashboard?${query}`).expect(200)).text);
    expect($('[data-figure=asked]').text()).toBe('6');
    expect($('[data-figure=answered]').text()).toBe('4');
    expect($('[data-figure=open]').text()).toBe('1');
    expect($('[data-figure=median]').text()).toBe('2 h');
    expect($('[data-figure=p90]').text()).toBe('24 h');
    expect($('svg[role=img] title').first().text()).toContain('Questions asked and answered per day');
    expect($('#chart-staff-title').text()).toBe('Answers per staff member: Avery O 3, Goran V 1');
    expect($('table[data-table=staff] tbody tr').map((_i, el) => $(el).find('td').map((_j, td) => $(td).text().trim()).get().join(' | ')).get()).toEqual(['Avery O Moderator | 3', 'Goran V Moderator | 1']);
    expect($('main script')).toHaveLength(0); // the charts need no script (the layout's are in the head)

    const csv = await avery.get($('a[href^="/staff/dashboard/export"]').attr('href')!).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('post_id,board,thread,post_number,asked_by,asked_at,state,answered_at,wait_seconds,answered_by,answer_post_number');
    expect(lines[1]).toMatch(/^\d+,Board \d+,Fixture rollout thread,2,MsS,2026-01-10T08:00:00.000Z,answered,2026-01-10T09:00:00.000Z,3600,AveryO,4$/);
  });

  it('refuses a bad range with a clear 400', async () => {
    await avery.get('/staff/dashboard?from=2026-13-01').expect(400);
    await avery.get('/staff/dashboard?from=2026-01-12&to=2026-01-10').expect(400);
    await avery.get('/staff/dashboard?from=2024-01-01&to=2026-01-10').expect(400);
    await request(forum.app).get('/staff/dashboard').expect(303);
  });
});

describe('helpers', () => {
  it('nearest rank and formula-safe CSV cells', () => {
    expect([nearestRank(0.5, 4), nearestRank(0.9, 4), nearestRank(0.5, 1), nearestRank(0.9, 10)]).toEqual([2, 4, 1, 9]);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });
});
