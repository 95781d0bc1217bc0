/** The staff part of a member's profile: sanctions (silence, suspend, lift) and staff notes. */
import type { Request, Response } from 'express';
import type { Member } from '../../models';
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { Actor, canLiftSanction, canSilence, canSuspend, canViewStaffFile, canWriteStaffNote, ensure } from '../policies';
import { presentSanction, presentStaffNote } from '../presenters/review';
import { memberUrl } from '../presenters/urls';
import { getMemberByUsername } from '../services/members';
import { addStaffNote, applySanction, liftSanction, SANCTION_DURATIONS, staffFileOf } from '../services/sanctions';
import { parseForm, refillableValues } from '../validation/forms';
import { sanctionForm, staffNoteForm } from '../validation/reports';
import { parsePathNumber } from './params';

/** A rejected staff form on the profile: which one, what was typed, what is wrong. */
export interface StaffFormState {
  form: 'silence' | 'suspend' | 'note';
  values: Record<string, string>;
  errors: Record<string, string>;
}

export async function loadStaffFile(db: Database, actor: Actor, member: Member, rejected?: StaffFormState) {
  if (!canViewStaffFile(actor).allowed) return null;
  const now = new Date();
  const { sanctions, notes } = await staffFileOf(db, member.id);
  return {
    subject: { id: member.id, role: member.role, username: member.username },
    sanctions: sanctions.map((sanction) => presentSanction(sanction, now)),
    notes: notes.map(presentStaffNote),
    durations: SANCTION_DURATIONS.map(({ value, label }) => ({ value, label })),
    rejected: rejected ?? null,
  };
}

export function createStaffFileController(db: Database, render: (res: Response, member: Member, status: number, rejected: StaffFormState) => Promise<void>) {
  const sanction = (kind: 'silence' | 'suspend') => async (req: Request, res: Response): Promise<void> => {
    const actor: Actor = res.locals.actor;
    const member = await getMemberByUsername(db, String(req.params.username));
    ensure((kind === 'silence' ? canSilence : canSuspend)(actor, member));
    try {
      const form = parseForm(sanctionForm, req.body);
      await applySanction(db, { memberId: member.id, actorId: actor.memberId!, kind, reason: form.reason, duration: form.duration });
      res.redirect(303, memberUrl(member.username));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await render(res, member, 422, { form: kind, values: refillableValues(req.body, ['reason', 'duration']), errors: error.fieldErrors });
    }
  };

  return {
    silence: sanction('silence'),
    suspend: sanction('suspend'),

    async lift(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const member = await getMemberByUsername(db, String(req.params.username));
      ensure(canViewStaffFile(actor));
      const sanctionId = parsePathNumber(req.params.sanctionId);
      const record = await db.models.Sanction.findOne({ where: { id: sanctionId, memberId: member.id }, attributes: ['id', 'kind'] });
      if (!record) throw new NotFoundError('There is no such sanction.');
      ensure(canLiftSanction(actor, record.kind, member));
      await liftSanction(db, { sanctionId, memberId: member.id, actorId: actor.memberId! });
      res.redirect(303, memberUrl(member.username));
    },

    async addNote(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const member = await getMemberByUsername(db, String(req.params.username));
      ensure(canWriteStaffNote(actor, member));
      try {
        const form = parseForm(staffNoteForm, req.body);
        await addStaffNote(db, { memberId: member.id, authorId: actor.memberId!, text: form.text });
        res.redirect(303, memberUrl(member.username));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await render(res, member, 422, { form: 'note', values: refillableValues(req.body, ['text']), errors: error.fieldErrors });
      }
    },
  };
}
