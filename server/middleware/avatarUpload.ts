/**
 * The one multipart form: the avatar upload (multer, in memory). It runs before the CSRF check so
 * the form's _csrf field is read like any other form's. Limits: one file of 2 MB, a few small
 * fields; over them the upload is dropped and the controller says why (never a 500).
 */
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { MAX_UPLOAD_BYTES } from '../services/avatars';

const parser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5 },
}).single('avatar');

export function parseAvatarUpload(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || !req.is('multipart/form-data')) {
    next();
    return;
  }
  parser(req, res, (error: unknown) => {
    if (error) {
      const code = (error as { code?: string }).code;
      res.locals.avatarUploadError = code === 'LIMIT_FILE_SIZE' ? 'Images can be at most 2 MB.' : 'That upload could not be read: send one image file.';
      req.file = undefined;
      // The body multer read so far stays, so a token sent before the file still counts.
      req.body = req.body ?? {};
    }
    next();
  });
}
