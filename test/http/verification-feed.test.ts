/**
 * The verification service's signed feed: the HMAC signature is the only key (401 without it),
 * malformed events are 400, unknown members 404, and a repeated event id changes nothing.
 * Answers are JSON, never pages, and the feed opens no session.
 */
import request from 'supertest';
import { signBody } from '../../server/auth/feedSignature';
import { createApp } from '../../server/app';
import { createTestForum, TestForum, testConfig } from '../helpers/forum';
import { FEED_PATH, FEED_SECRET, sendSigned } from '../helpers/verificationFeed';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { verificationFeedSecret: FEED_SECRET } });
});
afterAll(() => forum.destroy());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const webcamPassed = (id: string) => ({ id, member: 'MsS', type: 'step.passed', step: 'webcam', method: 'video_call', occurredAt: minutesAgo(5) });

async function recordOf(username: string) {
  const member = await forum.db.models.Member.findOne({ where: { usernameKey: username.toLowerCase() } });
  return forum.db.models.VerificationRecord.findOne({ where: { memberId: member!.id } });
}

describe('signature', () => {
  it('answers 401 in JSON without a signature, with a malformed one, or one made with another secret', async () => {
    const body = JSON.stringify(webcamPassed('evt-unsigned'));
    const unsigned = await request(forum.app).post(FEED_PATH).set('Content-Type', 'application/json').send(body).expect(401);
    expect(unsigned.headers['content-type']).toMatch(/application\/json/);
    expect(unsigned.body.error).toMatch(/X-Signature/);
    await request(forum.app).post(FEED_PATH).set('Content-Type', 'application/json').set('X-Signature', 'sha256=abc').send(body).expect(401);
    const wrong = await sendSigned(forum.app, webcamPassed('evt-wrong-secret'), 'another-secret').expect(401);
    expect(wrong.body).toEqual({ error: 'The signature does not match the body.' });
    // Signed, then changed on the way: the signature no longer matches.
    const tampered = await request(forum.app).post(FEED_PATH).set('Content-Type', 'application/json')
      .set('X-Signature', signBody(body, FEED_SECRET)).send(body.replace('MsS', 'RafehG')).expect(401);
    expect(tampered.body.error).toBe('The signature does not match the body.');
    expect(await forum.db.models.VerificationEvent.count({ where: { source: 'feed' } })).toBe(0);
  });

  it('refuses everything when no secret is configured', async () => {
    const app = createApp({ db: forum.db, config: testConfig({ verificationFeedSecret: null }) });
    await sendSigned(app, webcamPassed('evt-no-secret'), '').expect(401);
    await sendSigned(app, webcamPassed('evt-no-secret')).expect(401);
  });

  it('needs no session or CSRF token, and sets no cookie', async () => {
    const res = await sendSigned(forum.app, { id: 'evt-invite-marija', member: 'MarijaJ', type: 'invited', occurredAt: minutesAgo(1) }).expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('events', () => {
  it('applies a signed event: Ms S\'s webcam passes, and her record and timeline show it', async () => {
    const res = await sendSigned(forum.app, webcamPassed('evt-mss-webcam')).expect(200);
    expect(res.body).toEqual({ status: 'applied', id: 'evt-mss-webcam' });
    const record = await recordOf('MsS');
    expect(record).toMatchObject({ webcamState: 'passed', webcamMethod: 'video_call' });
    const event = await forum.db.models.VerificationEvent.findOne({ where: { eventId: 'evt-mss-webcam' } });
    expect(event).toMatchObject({ source: 'feed', kind: 'step.passed' });
    expect(JSON.parse(event!.changes)).toMatchObject({ webcamState: { from: 'not_started', to: 'passed' } });
  });

  it('is idempotent: a repeated event id answers 200 and changes nothing, even if its content differs', async () => {
    const before = (await recordOf('MsS'))!.toJSON();
    const again = await sendSigned(forum.app, { ...webcamPassed('evt-mss-webcam'), method: 'elance' }).expect(200);
    expect(again.body).toEqual({ status: 'duplicate', id: 'evt-mss-webcam' });
    expect((await recordOf('MsS'))!.toJSON()).toEqual(before);
    expect(await forum.db.models.VerificationEvent.count({ where: { eventId: 'evt-mss-webcam' } })).toBe(1);
  });

  it('applies one of several identical deliveries racing each other', async () => {
    const event = { id: 'evt-wendy-id-race', member: 'WendyC', type: 'step.passed', step: 'id', method: 'government_id', occurredAt: minutesAgo(2) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => sendSigned(forum.app, event)));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((res) => res.body.status === 'applied')).toHaveLength(1);
    expect(await forum.db.models.VerificationEvent.count({ where: { eventId: 'evt-wendy-id-race' } })).toBe(1);
  });

  it('answers 404 for an unknown member', async () => {
    const res = await sendSigned(forum.app, { ...webcamPassed('evt-nobody'), member: 'Nobody' }).expect(404);
    expect(res.body).toEqual({ error: 'There is no member named "Nobody".' });
  });

  it('answers 400 for a malformed event, naming the problem', async () => {
    expect((await sendSigned(forum.app, '{"id": "evt-broken",').expect(400)).body).toEqual({ error: 'The body is not valid JSON.' });
    expect((await sendSigned(forum.app, { id: 'evt-x', member: 'MsS', type: 'badge.exploded', occurredAt: minutesAgo(1) }).expect(400)).body.error)
      .toMatch(/^type must be one of tier\.changed, invited, step\.passed/);
    expect((await sendSigned(forum.app, { id: 'evt-x', member: 'MsS', type: 'step.passed', step: 'id', occurredAt: minutesAgo(1) }).expect(400)).body.error)
      .toBe('method is required.');
    expect((await sendSigned(forum.app, { ...webcamPassed('evt-x'), occurredAt: 'yesterday' }).expect(400)).body.error).toMatch(/ISO 8601/);
    expect((await sendSigned(forum.app, { ...webcamPassed('evt-x'), occurredAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(400)).body.error)
      .toBe('occurredAt is in the future.');
    expect((await sendSigned(forum.app, ['not', 'an', 'object']).expect(400)).body.error).toBeTruthy();
    const form = await request(forum.app).post(FEED_PATH).type('form').set('X-Signature', signBody('a=b', FEED_SECRET)).send('a=b').expect(400);
    expect(form.body.error).toMatch(/application\/json/);
    expect(await forum.db.models.VerificationEvent.count({ where: { eventId: 'evt-x' } })).toBe(0);
  });

  it('answers 413 in JSON for a body over 64 kB', async () => {
    const res = await sendSigned(forum.app, { ...webcamPassed('evt-big'), padding: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBeTruthy();
  });

  it('awards and revokes: the member\'s mark follows the record', async () => {
    await sendSigned(forum.app, { id: 'evt-award-wendy', member: 'WendyC', type: 'badge.awarded', occurredAt: minutesAgo(1) }).expect(200);
    const wendy = () => forum.db.models.Member.findOne({ where: { usernameKey: 'wendyc' } });
    expect((await wendy())!.identityVerifiedAt).toBeInstanceOf(Date);
    await sendSigned(forum.app, { id: 'evt-revoke-wendy', member: 'WendyC', type: 'badge.revoked', occurredAt: minutesAgo(0) }).expect(200);
    expect((await wendy())!.identityVerifiedAt).toBeNull();
  });
});
