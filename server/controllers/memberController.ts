/** Member profiles, and a manager changing a member's role from the profile. */
import type { Request, Response } from 'express';
import type { Member, Role } from '../../models';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { Actor, canChangeRole, canViewProfileDetails, canViewRoleHistory, ensure } from '../policies';
import { presentProfile } from '../presenters/profile';
import { memberUrl } from '../presenters/urls';
import { getMemberByUsername, recentPostsBy } from '../services/members';
import { activityOf } from '../services/ranks';
import { loadStaffFile, StaffFormState } from './staffFile';
import { changeRole, roleHistory } from '../services/roles';
import { roleChangeForm } from '../validation/accounts';
import { parseForm, refillableValues } from '../validation/forms';

interface RoleFormState {
  values: { role: string; rankTitle: string };
  errors: Record<string, string>;
}

export async function renderProfile(
  db: Database, res: Response, member: Member, status: number, roleForm?: RoleFormState, staffForm?: StaffFormState,
): Promise<void> {
  const actor: Actor = res.locals.actor;
  // Private details are not even loaded for a viewer who may not see them.
  const recentPosts = canViewProfileDetails(actor, member).allowed ? await recentPostsBy(db, actor, member.id) : null;
  const history = canViewRoleHistory(actor).allowed ? await roleHistory(db, member.id) : null;
  const view = presentProfile(actor, member, recentPosts, history);
  res.status(status).render('members/profile', {
    title: view.member.displayName,
    ...view,
    // Only for the manager who may use it: nobody else's page or JSON carries the form.
    roleForm: canChangeRole(actor, member).allowed ? roleForm ?? { values: { role: member.role, rankTitle: member.rankTitle ?? '' }, errors: {} } : null,
    // Sanctions and staff notes: loaded for staff only.
    staffFile: await loadStaffFile(db, actor, member, staffForm),
    // Kudos received and given, accepted solutions: profile details, hidden with them on a private profile.
    activity: recentPosts ? await activityOf(db, member.id) : null,
  });
}

export function createMemberController(db: Database) {
  return {
    async profile(req: Request, res: Response): Promise<void> {
      const member = await getMemberByUsername(db, String(req.params.username));
      await renderProfile(db, res, member, 200);
    },

    async changeRole(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const member = await getMemberByUsername(db, String(req.params.username));
      ensure(canChangeRole(actor, member));
      try {
        const form = parseForm(roleChangeForm, req.body);
        await changeRole(db, { memberId: member.id, changedById: actor.memberId!, role: form.role as Role, rankTitle: form.rankTitle });
        res.redirect(303, `${memberUrl(member.username)}?saved=role`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const values = refillableValues(req.body, ['role', 'rankTitle']);
        await renderProfile(db, res, member, 422, { values: { role: values.role, rankTitle: values.rankTitle }, errors: error.fieldErrors });
      }
    },
  };
}
