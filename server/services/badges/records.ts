/**
 * Verification records change only through events (feed, import, a manager), each kept with what
 * it changed. A sender's event id is unique: a repeated delivery is recognised and changes nothing.
 * The member's Identity Verified mark follows the record's award in the same transaction.
 */
import { Transaction, UniqueConstraintError } from 'sequelize';
import type { EventSource, VerificationEvent, VerificationRecord } from '../../../models';
import type { Database, WriteOptions } from '../../db';
import { ValidationError } from '../../errors';
import { AUTHOR_ATTRIBUTES } from '../members';
import { recordAction } from '../moderationLog';
import type { StepRecord, VerificationRecordInput } from './status';
import type { Step } from './terms';
import { notifyBadgeAwarded } from './awardNotice';

/** The fields an event may set; absent fields stay as they are. */
export interface RecordChange {
  tier?: string | null;
  invitedAt?: Date | null;
  id?: Partial<StepRecord>;
  webcam?: Partial<StepRecord>;
  awardedAt?: Date | null;
}

export interface VerificationEventInput {
  /** The sender's id (feed, import); omitted for a manager's change. */
  eventId?: string | null;
  memberId: number;
  source: EventSource;
  /** What happened: step.passed, invited, badge.awarded, correction… */
  kind: string;
  change: RecordChange;
  actorId?: number | null;
  reason?: string | null;
  /** When it happened; defaults to now. */
  occurredAt?: Date;
  at?: Date;
}

export type ApplyOutcome = { outcome: 'applied'; changed: string[] } | { outcome: 'duplicate' };

type Field = 'tier' | 'invitedAt' | 'idState' | 'idCompletedAt' | 'idMethod' | 'webcamState' | 'webcamCompletedAt' | 'webcamMethod' | 'awardedAt';
type FieldValue = string | Date | null;

const STEP_FIELDS: Record<Step, { state: Field; completedAt: Field; method: Field }> = {
  id: { state: 'idState', completedAt: 'idCompletedAt', method: 'idMethod' },
  webcam: { state: 'webcamState', completedAt: 'webcamCompletedAt', method: 'webcamMethod' },
};

/** The change as stored columns. */
function fieldsOf(change: RecordChange): Partial<Record<Field, FieldValue>> {
  const fields: Partial<Record<Field, FieldValue>> = {};
  if (change.tier !== undefined) fields.tier = change.tier;
  if (change.invitedAt !== undefined) fields.invitedAt = change.invitedAt;
  if (change.awardedAt !== undefined) fields.awardedAt = change.awardedAt;
  for (const step of ['id', 'webcam'] as const) {
    const stepChange = change[step];
    if (!stepChange) continue;
    const names = STEP_FIELDS[step];
    if (stepChange.state !== undefined) fields[names.state] = stepChange.state;
    if (stepChange.completedAt !== undefined) fields[names.completedAt] = stepChange.completedAt;
    if (stepChange.method !== undefined) fields[names.method] = stepChange.method;
  }
  return fields;
}

const comparable = (value: FieldValue | undefined) => (value instanceof Date ? value.getTime() : value ?? null);
const stored = (value: FieldValue | undefined) => (value instanceof Date ? value.toISOString() : value ?? null);

/** The record as the status function reads it. */
export function statusInputOf(record: VerificationRecord | null): VerificationRecordInput | null {
  if (!record) return null;
  return {
    tier: record.tier,
    invitedAt: record.invitedAt,
    id: { state: record.idState, completedAt: record.idCompletedAt, method: record.idMethod },
    webcam: { state: record.webcamState, completedAt: record.webcamCompletedAt, method: record.webcamMethod },
    awardedAt: record.awardedAt,
  };
}

export async function recordOf(db: Database, memberId: number, transaction?: Transaction): Promise<VerificationRecord | null> {
  return db.models.VerificationRecord.findOne({ where: { memberId }, transaction });
}

async function applyInTransaction(db: Database, input: VerificationEventInput, transaction: Transaction): Promise<ApplyOutcome> {
  const { VerificationRecord, VerificationEvent, Member } = db.models;
  if (input.eventId && (await VerificationEvent.findOne({ where: { eventId: input.eventId }, attributes: ['id'], transaction }))) {
    return { outcome: 'duplicate' };
  }
  const at = input.at ?? new Date();
  const record =
    (await VerificationRecord.findOne({ where: { memberId: input.memberId }, transaction, lock: transaction.LOCK.UPDATE })) ??
    (await VerificationRecord.create(
      { memberId: input.memberId, tier: null, invitedAt: null, idCompletedAt: null, idMethod: null, webcamCompletedAt: null, webcamMethod: null, awardedAt: null, createdAt: at, updatedAt: at },
      { transaction },
    ));

  const wanted = fieldsOf(input.change);
  const changes: Record<string, { from: FieldValue; to: FieldValue }> = {};
  for (const [field, value] of Object.entries(wanted) as Array<[Field, FieldValue]>) {
    if (comparable(record[field]) !== comparable(value)) changes[field] = { from: stored(record[field]), to: stored(value) };
  }
  const changed = Object.keys(changes);
  if (changed.length) {
    const update = Object.fromEntries(changed.map((field) => [field, wanted[field as Field]]));
    await record.update({ ...update, updatedAt: at }, { transaction });
  }
  if ('awardedAt' in changes) {
    // The mark beside the member's name everywhere, kept with the award itself.
    await Member.update({ identityVerifiedAt: record.awardedAt }, { where: { id: input.memberId }, transaction });
    if (record.awardedAt) await notifyBadgeAwarded(db, transaction, { memberId: input.memberId, actorId: input.actorId ?? null, at });
  }
  await VerificationEvent.create(
    {
      eventId: input.eventId ?? null,
      memberId: input.memberId,
      source: input.source,
      kind: input.kind,
      changes: JSON.stringify(changes),
      actorId: input.actorId ?? null,
      reason: input.reason ?? null,
      occurredAt: input.occurredAt ?? at,
      createdAt: at,
    },
    { transaction },
  );
  return { outcome: 'applied', changed };
}

/**
 * Applies one event. Two deliveries of the same id racing each other: the unique index refuses
 * the second, which then reads as the duplicate it is. A record created concurrently by another
 * event for the same member is retried once, now finding the record.
 */
export async function applyVerificationEvent(db: Database, input: VerificationEventInput, options: WriteOptions = {}): Promise<ApplyOutcome> {
  if (options.transaction) return applyInTransaction(db, input, options.transaction);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.writeTransaction((transaction) => applyInTransaction(db, input, transaction));
    } catch (error) {
      if (!(error instanceof UniqueConstraintError) || attempt > 1) throw error;
      if (input.eventId && (await db.models.VerificationEvent.count({ where: { eventId: input.eventId } }))) return { outcome: 'duplicate' };
    }
  }
}

/** A member's events, newest first, with the managers who made them. */
export async function eventsOf(db: Database, memberId: number, limit = 100): Promise<VerificationEvent[]> {
  return db.models.VerificationEvent.findAll({
    where: { memberId },
    include: [{ model: db.models.Member, as: 'actor', attributes: AUTHOR_ATTRIBUTES }],
    order: [['id', 'DESC']],
    limit,
  });
}

export interface ManagerChange {
  memberId: number;
  actorId: number;
  reason: string;
  at?: Date;
}

const MINUTE_MS = 60_000;
const sameMinute = (stored: Date | null | undefined, given: Date | null | undefined) =>
  stored instanceof Date && given instanceof Date && Math.floor(stored.getTime() / MINUTE_MS) === Math.floor(given.getTime() / MINUTE_MS);

/**
 * The form shows times to the minute: a time sent back unchanged must not "correct" the seconds
 * the feed recorded, so a time in the same minute as the stored one keeps the stored one.
 */
function keepStoredSeconds(record: VerificationRecord | null, change: RecordChange): RecordChange {
  if (!record) return change;
  const kept: RecordChange = { ...change };
  if (sameMinute(record.invitedAt, change.invitedAt)) delete kept.invitedAt;
  for (const step of ['id', 'webcam'] as const) {
    const stored = record[STEP_FIELDS[step].completedAt] as Date | null;
    if (kept[step] && sameMinute(stored, kept[step]!.completedAt)) kept[step] = { ...kept[step], completedAt: stored };
  }
  return kept;
}

/** A manager corrects the record (not the award), with a reason; logged with the fields changed. */
export async function correctRecord(db: Database, input: ManagerChange & { change: Omit<RecordChange, 'awardedAt'> }): Promise<string[]> {
  const at = input.at ?? new Date();
  return db.writeTransaction(async (transaction) => {
    const change = keepStoredSeconds(await recordOf(db, input.memberId, transaction), { ...input.change, awardedAt: undefined });
    const result = await applyInTransaction(
      db,
      { memberId: input.memberId, source: 'manager', kind: 'correction', change, actorId: input.actorId, reason: input.reason, occurredAt: at, at },
      transaction,
    );
    const changed = result.outcome === 'applied' ? result.changed : [];
    if (!changed.length) throw new ValidationError({ form: 'These values are the record as it stands: nothing to correct.' });
    await recordAction(db, { actorId: input.actorId, action: 'badge.correct', subjectMemberId: input.memberId, details: { fields: changed.join(', ') }, reason: input.reason, at }, transaction);
    return changed;
  });
}

/** A manager awards the badge (or revokes it), with a reason; the mark follows. */
export async function setBadgeAwarded(db: Database, input: ManagerChange & { awarded: boolean }): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const record = await recordOf(db, input.memberId, transaction);
    if (input.awarded && record?.awardedAt) throw new ValidationError({ form: 'The badge is already awarded.' });
    if (!input.awarded && !record?.awardedAt) throw new ValidationError({ form: 'The badge is not awarded: there is nothing to revoke.' });
    await applyInTransaction(
      db,
      { memberId: input.memberId, source: 'manager', kind: input.awarded ? 'badge.awarded' : 'badge.revoked', change: { awardedAt: input.awarded ? at : null }, actorId: input.actorId, reason: input.reason, occurredAt: at, at },
      transaction,
    );
    await recordAction(db, { actorId: input.actorId, action: input.awarded ? 'badge.award' : 'badge.revoke', subjectMemberId: input.memberId, reason: input.reason, at }, transaction);
  });
}
