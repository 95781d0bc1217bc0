/** Member profiles. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { canViewProfileDetails } from '../policies';
import { presentProfile } from '../presenters/profile';
import { getMemberByUsername, recentPostsBy } from '../services/members';

export function createMemberController(db: Database) {
  return {
    async profile(req: Request, res: Response): Promise<void> {
      const member = await getMemberByUsername(db, String(req.params.username));
      const actor = res.locals.actor;
      // Private details are not even loaded for a viewer who may not see them.
      const recentPosts = canViewProfileDetails(actor, member).allowed ? await recentPostsBy(db, member.id) : null;
      const view = presentProfile(actor, member, recentPosts);
      res.render('members/profile', { title: view.member.displayName, ...view });
    },
  };
}
