/** Avatars: the upload page and form, removal (own, or by staff), and serving the stored images. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { Actor, canChangeOwnAvatar, canRemoveAvatar, ensure } from '../policies';
import { avatarUrl, memberUrl } from '../presenters/urls';
import { AVATAR_SIZES, encodeAvatar, memberIdByUsername, readAvatar, removeAvatar, setAvatar } from '../services/avatars';
import { parsePathNumber } from './params';

const IMAGE_NAME = /^(96|192)-([0-9a-f]{20})\.webp$/;
const A_YEAR = 365 * 24 * 3600;

export function createAvatarController(db: Database) {
  async function renderPage(res: Response, status: number, errors: Record<string, string>): Promise<void> {
    const actor: Actor = res.locals.actor;
    const member = await memberIdByUsername(db, actor.username!);
    res.status(status).render('accounts/avatar', {
      title: 'Your avatar',
      avatar: member.avatarEtag ? { small: avatarUrl(member.id, 96, member.avatarEtag), large: avatarUrl(member.id, 192, member.avatarEtag) } : null,
      sizes: AVATAR_SIZES,
      errors,
    });
  }

  return {
    async page(_req: Request, res: Response): Promise<void> {
      ensure(canChangeOwnAvatar(res.locals.actor));
      await renderPage(res, 200, {});
    },

    async upload(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canChangeOwnAvatar(actor));
      try {
        if (res.locals.avatarUploadError) throw new ValidationError({ avatar: res.locals.avatarUploadError });
        if (!req.file) throw new ValidationError({ avatar: 'Choose an image file first.' });
        const encoded = await encodeAvatar(req.file.buffer);
        await setAvatar(db, actor.memberId!, encoded);
        res.redirect(303, '/settings/avatar');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderPage(res, 422, error.fieldErrors);
      }
    },

    async removeOwn(_req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canChangeOwnAvatar(actor));
      await removeAvatar(db, { memberId: actor.memberId! });
      res.redirect(303, '/settings/avatar');
    },

    async removeByStaff(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canRemoveAvatar(actor));
      const member = await memberIdByUsername(db, String(req.params.username));
      await removeAvatar(db, { memberId: member.id, byStaffId: actor.memberId });
      res.redirect(303, memberUrl(member.username));
    },

    /** The stored image: never the upload; immutable under its versioned name. */
    async image(req: Request, res: Response): Promise<void> {
      const memberId = parsePathNumber(req.params.memberId);
      const name = IMAGE_NAME.exec(String(req.params.file));
      if (!name) throw new NotFoundError('There is no such image.');
      const etag = `"${name[2]}-${name[1]}"`;
      res.setHeader('Cache-Control', `public, max-age=${A_YEAR}, immutable`);
      res.setHeader('ETag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      const image = await readAvatar(db, memberId, Number(name[1]), name[2]);
      if (!image) {
        res.setHeader('Cache-Control', 'no-store');
        throw new NotFoundError('There is no such image.');
      }
      res.type(image.contentType).send(image.bytes);
    },
  };
}
