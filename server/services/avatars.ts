/**
 * Avatars: an uploaded image is decoded with sharp only if it is JPEG, PNG or WebP and has at most
 * MAX_INPUT_PIXELS (so a decompression bomb is refused from its header, before any decoding),
 * then re-encoded as WebP at 96 and 192 px square (rotated by its EXIF orientation; sharp writes no
 * metadata unless asked, so EXIF and GPS are gone). The upload itself is never stored or served.
 * Both sizes live in the avatars table, so every app process serves them; members.avatar_etag
 * names the current version, so pages that already join authors carry it with no extra query.
 */
import { createHash } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import sharp from 'sharp';
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { recordAction } from './moderationLog';

export const AVATAR_SIZES = [96, 192] as const;
export type AvatarSize = (typeof AVATAR_SIZES)[number];
/** Uploads over this are refused before they are read in full (multer's limit). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** 16 megapixels: any photo a phone takes, and far below what would exhaust memory. */
export const MAX_INPUT_PIXELS = 16_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
const REFUSED = 'Upload a JPEG, PNG or WebP image (SVG and other formats are not accepted).';

export interface EncodedAvatar {
  size: AvatarSize;
  bytes: Buffer;
}

/** Decodes, checks and re-encodes an upload; refuses (422) anything that is not a plain image. */
export async function encodeAvatar(upload: Buffer): Promise<EncodedAvatar[]> {
  if (upload.length === 0) throw new ValidationError({ avatar: 'Choose an image file first.' });
  if (upload.length > MAX_UPLOAD_BYTES) throw new ValidationError({ avatar: 'Images can be at most 2 MB.' });
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' as const, pages: 1 };
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // The header only (metadata() decodes no pixels), so the pixel count can be judged and named.
    metadata = await sharp(upload, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw new ValidationError({ avatar: REFUSED });
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) throw new ValidationError({ avatar: REFUSED });
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw new ValidationError({ avatar: `Images can have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.` });
  }
  try {
    return await Promise.all(
      AVATAR_SIZES.map(async (size) => ({
        size,
        bytes: await sharp(upload, options).rotate().resize(size, size, { fit: 'cover' }).webp({ quality: 82 }).toBuffer(),
      })),
    );
  } catch {
    // A header that parses over data that does not (truncated or crafted files).
    throw new ValidationError({ avatar: 'That image could not be read. Try another file.' });
  }
}

/** Replaces the member's avatar with the encoded sizes, in one transaction. */
export async function setAvatar(db: Database, memberId: number, encoded: EncodedAvatar[], at = new Date()): Promise<string> {
  const etag = createHash('sha256').update(encoded.map((image) => image.bytes.toString('base64')).join('|')).digest('hex').slice(0, 20);
  await db.writeTransaction(async (transaction) => {
    // Member first (one lock order).
    await db.sequelize.query('UPDATE members SET avatar_etag = :etag WHERE id = :memberId', { replacements: { etag, memberId }, transaction });
    await db.sequelize.query('DELETE FROM avatars WHERE member_id = :memberId', { replacements: { memberId }, transaction });
    for (const image of encoded) {
      await db.sequelize.query(
        "INSERT INTO avatars (member_id, size, content_type, bytes, etag, created_at) VALUES (:memberId, :size, 'image/webp', :bytes, :etag, :at)",
        { replacements: { memberId, size: image.size, bytes: image.bytes, etag, at }, transaction },
      );
    }
  });
  return etag;
}

/** Removes a member's avatar (initials again); by staff, it goes on the moderation log. */
export async function removeAvatar(db: Database, input: { memberId: number; byStaffId?: number | null; at?: Date }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('UPDATE members SET avatar_etag = NULL WHERE id = :memberId', { replacements: { memberId: input.memberId }, transaction });
    await db.sequelize.query('DELETE FROM avatars WHERE member_id = :memberId', { replacements: { memberId: input.memberId }, transaction });
    if (input.byStaffId) {
      await recordAction(db, { actorId: input.byStaffId, action: 'avatar.remove', subjectMemberId: input.memberId, at: input.at }, transaction);
    }
  });
}

/** One stored image, if the member's current avatar has this version. */
export async function readAvatar(db: Database, memberId: number, size: number, etag: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const [row] = await db.sequelize.query<{ bytes: Buffer | Uint8Array; content_type: string }>(
    'SELECT bytes, content_type FROM avatars WHERE member_id = :memberId AND size = :size AND etag = :etag',
    { replacements: { memberId, size, etag }, type: QueryTypes.SELECT },
  );
  return row ? { bytes: Buffer.from(row.bytes), contentType: row.content_type } : null;
}

/** The member a staff removal names (404 when there is none). */
export async function memberIdByUsername(db: Database, username: string): Promise<{ id: number; username: string; avatarEtag: string | null }> {
  const member = await db.models.Member.findOne({ where: { usernameKey: username.toLowerCase() }, attributes: ['id', 'username', 'avatarEtag'] });
  if (!member) throw new NotFoundError('There is no member with that name.');
  return { id: member.id, username: member.username, avatarEtag: member.avatarEtag };
}
