/**
 * Silencing and suspending members, lifting either early, and staff notes. The history is the
 * sanctions table; the current sanction of each kind is copied onto the member row
 * (members.silenced_until / suspended_until), which is loaded for every request anyway, so a
 * sanction takes effect on the member's next request in every process, with no extra query.
 */
import { Transaction } from 'sequelize';
import type { Database } from '../db';
import type { MemberNote, Sanction, SanctionKind } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { AUTHOR_ATTRIBUTES } from './members';
import { recordAction } from './moderationLog';
import { INDEFINITE_END } from './sanctionState';

export const SANCTION_DURATIONS = [
  { value: '1d', label: '1 day', ms: 24 * 3600_000 },
  { value: '3d', label: '3 days', ms: 3 * 24 * 3600_000 },
  { value: '7d', label: '7 days', ms: 7 * 24 * 3600_000 },
  { value: '30d', label: '30 days', ms: 30 * 24 * 3600_000 },
  { value: 'indefinite', label: 'Indefinitely', ms: null },
] as const;
export type SanctionDuration = (typeof SANCTION_DURATIONS)[number]['value'];

export interface SanctionInput {
  memberId: number;
  actorId: number;
  kind: SanctionKind;
  reason: string;
  duration: SanctionDuration;
  at?: Date;
}

const COLUMNS = {
  silence: { until: 'silencedUntil', reason: 'silenceReason' },
  suspend: { until: 'suspendedUntil', reason: 'suspendReason' },
} as const;

function endOf(duration: SanctionDuration, at: Date): Date | null {
  const ms = SANCTION_DURATIONS.find((d) => d.value === duration)?.ms;
  return ms ? new Date(at.getTime() + ms) : null;
}

function inTransaction<T>(db: Database, transaction: Transaction | undefined, fn: (t: Transaction) => Promise<T>): Promise<T> {
  return transaction ? fn(transaction) : db.writeTransaction(fn);
}

/** Silences or suspends a member (replacing a current sanction of the same kind); a suspension ends their sessions. */
export async function applySanction(db: Database, input: SanctionInput, outer?: Transaction): Promise<Sanction> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError({ sanctionReason: 'Say why: the member will see it.' });
  const at = input.at ?? new Date();
  const endsAt = endOf(input.duration, at);
  return inTransaction(db, outer, async (transaction) => {
    const member = await db.models.Member.findByPk(input.memberId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
    if (!member) throw new NotFoundError('There is no such member.');
    await db.models.Sanction.update(
      { liftedAt: at, liftedById: input.actorId },
      { where: { memberId: input.memberId, kind: input.kind, liftedAt: null }, transaction },
    );
    const sanction = await db.models.Sanction.create(
      { memberId: input.memberId, kind: input.kind, reason, endsAt, createdById: input.actorId, createdAt: at },
      { transaction },
    );
    const columns = COLUMNS[input.kind];
    await db.models.Member.update({ [columns.until]: endsAt ?? INDEFINITE_END, [columns.reason]: reason }, { where: { id: input.memberId }, transaction });
    // Suspended: every session of theirs ends now, in every process (sessions live in the database).
    if (input.kind === 'suspend') await db.models.Session.destroy({ where: { memberId: input.memberId }, transaction });
    await recordAction(
      db,
      {
        actorId: input.actorId,
        action: input.kind === 'silence' ? 'member.silence' : 'member.suspend',
        subjectMemberId: input.memberId,
        reason,
        details: { until: endsAt ? endsAt.toISOString() : null },
        at,
      },
      transaction,
    );
    return sanction;
  });
}

/** Lifts a member's current sanction early. */
export async function liftSanction(db: Database, input: { sanctionId: number; memberId: number; actorId: number; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    await db.models.Member.findByPk(input.memberId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
    const sanction = await db.models.Sanction.findOne({ where: { id: input.sanctionId, memberId: input.memberId }, transaction });
    if (!sanction) throw new NotFoundError('There is no such sanction.');
    if (sanction.liftedAt || (sanction.endsAt && sanction.endsAt.getTime() <= at.getTime())) return;
    await sanction.update({ liftedAt: at, liftedById: input.actorId }, { transaction });
    const columns = COLUMNS[sanction.kind];
    await db.models.Member.update({ [columns.until]: null, [columns.reason]: null }, { where: { id: input.memberId }, transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'member.lift', subjectMemberId: input.memberId, details: { kind: sanction.kind, sanctionId: sanction.id }, at },
      transaction,
    );
  });
}

export const MAX_NOTE_LENGTH = 1000;

export async function addStaffNote(db: Database, input: { memberId: number; authorId: number; text: string; at?: Date }): Promise<void> {
  const text = input.text.trim();
  if (!text) throw new ValidationError({ text: 'Write the note.' });
  if (text.length > MAX_NOTE_LENGTH) throw new ValidationError({ text: `Notes can be at most ${MAX_NOTE_LENGTH} characters.` });
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    await db.models.MemberNote.create({ memberId: input.memberId, authorId: input.authorId, text, createdAt: at }, { transaction });
    await recordAction(db, { actorId: input.authorId, action: 'member.note', subjectMemberId: input.memberId, at }, transaction);
  });
}

export const STAFF_FILE_LIMIT = 50;

/** A member's sanctions and staff notes, newest first: for staff on the profile. */
export async function staffFileOf(db: Database, memberId: number): Promise<{ sanctions: Sanction[]; notes: MemberNote[] }> {
  const { Member } = db.models;
  const [sanctions, notes] = await Promise.all([
    db.models.Sanction.findAll({
      where: { memberId },
      include: [
        { model: Member, as: 'createdBy', attributes: AUTHOR_ATTRIBUTES },
        { model: Member, as: 'liftedBy', attributes: AUTHOR_ATTRIBUTES },
      ],
      order: [['createdAt', 'DESC'], ['id', 'DESC']],
      limit: STAFF_FILE_LIMIT,
    }),
    db.models.MemberNote.findAll({
      where: { memberId },
      include: [{ model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES }],
      order: [['createdAt', 'DESC'], ['id', 'DESC']],
      limit: STAFF_FILE_LIMIT,
    }),
  ]);
  return { sanctions, notes };
}
