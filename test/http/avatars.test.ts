/**
 * Avatars (issue 23): uploads are re-encoded (never served as sent), hostile files are refused
 * (a script named .png, a decompression bomb, an SVG), images are served with long caching and an
 * ETag, initials remain the fallback, and staff can remove an avatar (logged).
 */
import request from 'supertest';
import sharp from 'sharp';
import zlib from 'node:zlib';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, formPoster, signIn } from '../helpers/session';

jest.setTimeout(60_000);

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

async function upload(agent: Agent, file: Buffer, filename: string, contentType: string) {
  const _csrf = await csrfTokenFrom(agent, '/settings/avatar');
  return agent.post('/settings/avatar').field('_csrf', _csrf).attach('avatar', file, { filename, contentType });
}

/** A PNG whose header says 30,000 × 30,000 pixels over a tiny compressed body: a decompression bomb. */
function pngBomb(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buffer: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = zlib.deflateSync(Buffer.alloc(30_001 * 100));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

it('re-encodes an upload to two WebP sizes without its metadata, serves it cached, and shows it beside posts', async () => {
  const member = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg().withMetadata({ exif: { IFD0: { Copyright: 'secret-location' } } }).toBuffer();
  expect(photo.toString('latin1')).toContain('secret-location');
  const sent = await upload(member, photo, 'me.jpg', 'image/jpeg');
  expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: '/settings/avatar' });

  const page = html((await member.get('/settings/avatar').expect(200)).text);
  const large = page('img.avatar--l').attr('src')!;
  expect(large).toMatch(/^\/avatars\/\d+\/192-[0-9a-f]{20}\.webp$/);
  const image = await request(forum.app).get(large).expect(200);
  expect(image.headers['content-type']).toBe('image/webp');
  expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const served = image.body as Buffer;
  expect(served.toString('latin1')).not.toContain('secret-location');
  const metadata = await sharp(served).metadata();
  expect({ format: metadata.format, width: metadata.width, height: metadata.height, exif: metadata.exif }).toEqual({ format: 'webp', width: 192, height: 192, exif: undefined });
  await request(forum.app).get(large).set('If-None-Match', image.headers.etag).expect(304);
  await request(forum.app).get(large.replace(/-[0-9a-f]{20}/, '-00000000000000000000')).expect(404);

  // Beside her posts (no extra query: the author row carries the version), and in the JSON twin.
  const { threadPath } = await rolloutThread(forum);
  const thread = await request(forum.app).get(`${threadPath}/9`).expect(200);
  const $ = html(thread.text);
  expect($('#p9 img.avatar').attr('src')).toMatch(/^\/avatars\/\d+\/96-/);
  // Others keep their initials.
  expect($('#p1 span.avatar').text()).toBe('LE');
  const json = (await request(forum.app).get(`${threadPath}/9.json`)).body;
  expect(json.posts.find((post: { number: number }) => post.number === 9).author.avatar.small).toMatch(/96-/);
});

it('refuses hostile files with a clear 422: a script named .png, an SVG, a decompression bomb, garbage, too large', async () => {
  const member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const cases: Array<[Buffer, string, string, string]> = [
    [Buffer.from('<script>alert(document.cookie)</script>'), 'evil.png', 'image/png', 'Upload a JPEG, PNG or WebP image'],
    [Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><script>alert(1)</script>${'<rect/>'.repeat(10000)}</svg>`), 'huge.svg', 'image/svg+xml', 'Upload a JPEG, PNG or WebP image'],
    [pngBomb(), 'bomb.png', 'image/png', 'megapixels'],
    [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]), 'truncated.jpg', 'image/jpeg', 'JPEG, PNG or WebP'],
    [Buffer.alloc(3 * 1024 * 1024, 1), 'big.png', 'image/png', 'at most 2 MB'],
  ];
  for (const [file, filename, type, message] of cases) {
    const res = await upload(member, file, filename, type);
    expect({ filename, status: res.status }).toEqual({ filename, status: 422 });
    expect(html(res.text)('.field__error').text()).toContain(message);
  }
  const stored = await forum.db.models.Member.findOne({ where: { usernameKey: 'marijaj' } });
  expect(stored!.avatarEtag).toBeNull();
  // No file at all.
  const _csrf = await csrfTokenFrom(member, '/settings/avatar');
  expect((await member.post('/settings/avatar').field('_csrf', _csrf)).status).toBe(422);
  // Without the token, the multipart form is refused like any other.
  expect((await member.post('/settings/avatar').attach('avatar', Buffer.from('x'), 'x.png')).status).toBe(403);
});

it('lets the member remove their avatar, and staff remove anyone\'s (logged); others cannot', async () => {
  const member = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  const other = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const otherPost = await formPoster(other, '/settings');
  expect((await otherPost('/u/MsS/avatar/remove', {})).status).toBe(403);
  const moderator = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const profile = html((await moderator.get('/u/MsS')).text);
  expect(profile('.avatar-staff-tools button').text()).toBe("Remove this member's avatar");
  const post = await formPoster(moderator, '/u/MsS');
  await post('/u/MsS/avatar/remove', {}).expect(303);
  expect(html((await request(forum.app).get('/u/MsS')).text)('img.avatar')).toHaveLength(0);
  const log = (await moderator.get('/staff/log.json')).body;
  expect(JSON.stringify(log)).toContain("removed the member's avatar");

  const own = await formPoster(member, '/settings/avatar');
  const photo = await sharp({ create: { width: 50, height: 80, channels: 4, background: '#00f8' } }).png().toBuffer();
  expect((await upload(member, photo, 'me.png', 'image/png')).status).toBe(303);
  await own('/settings/avatar/remove', {}).expect(303);
  expect((await forum.db.models.Member.findOne({ where: { usernameKey: 'mss' } }))!.avatarEtag).toBeNull();
});
