/** The member directory (/u): HTTP in, one read, page out. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { BadRequestError } from '../errors';
import { presentMemberDirectory } from '../presenters/memberDirectory';
import { MAX_PREFIX_LENGTH, readMemberDirectory } from '../read/memberDirectory';

function textQuery(value: unknown, name: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new BadRequestError(`"${name}" must be text.`);
  return value;
}

export function createMemberDirectoryController(db: Database) {
  return {
    async list(req: Request, res: Response): Promise<void> {
      const query = textQuery(req.query.q, 'q').trim().slice(0, MAX_PREFIX_LENGTH);
      const after = textQuery(req.query.after, 'after').slice(0, MAX_PREFIX_LENGTH) || null;
      const { members, nextAfter } = await readMemberDirectory(db, { prefix: query, after });
      res.render('members/directory', { title: 'Members', ...presentMemberDirectory(res.locals.actor, members, query, nextAfter) });
    },
  };
}
