/**
 * The badge policy as stored settings: eligible tiers, accepted methods per step and the window.
 * Versions are appended, never edited: the latest is in force, each says who changed it and when,
 * and each change also goes on the moderation log. With no version stored, the defaults hold.
 */
import type { Transaction } from 'sequelize';
import type { BadgePolicyVersion } from '../../../models';
import type { Database } from '../../db';
import { ValidationError } from '../../errors';
import { AUTHOR_ATTRIBUTES } from '../members';
import { recordAction } from '../moderationLog';
import type { BadgePolicy } from './status';
import { methodLabel, tierLabel } from './terms';

export const DEFAULT_BADGE_POLICY: BadgePolicy = Object.freeze({
  eligibleTiers: ['top_rated'],
  // The legacy Elance verification is deliberately absent: it must be redone.
  acceptedMethods: { id: ['government_id'], webcam: ['video_call'] },
  window: { minHours: 24, maxHours: 48 },
});

function codes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function policyOf(version: BadgePolicyVersion): BadgePolicy {
  return {
    eligibleTiers: codes(version.eligibleTiers),
    acceptedMethods: { id: codes(version.acceptedIdMethods), webcam: codes(version.acceptedWebcamMethods) },
    window: { minHours: version.windowMinHours, maxHours: version.windowMaxHours },
  };
}

/** The policy in force (inside a caller's transaction when given, so a snapshot reads its own writes). */
export async function currentPolicy(db: Database, transaction?: Transaction): Promise<BadgePolicy> {
  const latest = await db.models.BadgePolicyVersion.findOne({ order: [['id', 'DESC']], transaction });
  return latest ? policyOf(latest) : DEFAULT_BADGE_POLICY;
}

/** Every stored version, newest first, with who made it. */
export async function policyHistory(db: Database): Promise<BadgePolicyVersion[]> {
  return db.models.BadgePolicyVersion.findAll({
    include: [{ model: db.models.Member, as: 'changedBy', attributes: AUTHOR_ATTRIBUTES }],
    order: [['id', 'DESC']],
  });
}

/** "24-48 hours". */
export function windowWords(policy: BadgePolicy): string {
  const { minHours, maxHours } = policy.window;
  return minHours === maxHours ? `${maxHours} hours` : `${minHours}-${maxHours} hours`;
}

/** One line for the log and the history: "Top Rated; ID: government ID; webcam: video call; 24-48 hours". */
export function policySummary(policy: BadgePolicy): string {
  return [
    policy.eligibleTiers.map(tierLabel).join(', '),
    `ID: ${policy.acceptedMethods.id.map(methodLabel).join(', ')}`,
    `webcam: ${policy.acceptedMethods.webcam.map(methodLabel).join(', ')}`,
    windowWords(policy),
  ].join('; ');
}

const sameCodes = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

function samePolicy(a: BadgePolicy, b: BadgePolicy): boolean {
  return sameCodes(a.eligibleTiers, b.eligibleTiers)
    && sameCodes(a.acceptedMethods.id, b.acceptedMethods.id)
    && sameCodes(a.acceptedMethods.webcam, b.acceptedMethods.webcam)
    && a.window.minHours === b.window.minHours
    && a.window.maxHours === b.window.maxHours;
}

export interface PolicyChange {
  policy: BadgePolicy;
  changedById: number;
  reason?: string | null;
  at?: Date;
}

/** Puts a new policy in force and logs it; refuses a "change" that changes nothing. */
export async function changePolicy(db: Database, change: PolicyChange): Promise<void> {
  const at = change.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const before = await currentPolicy(db, transaction);
    if (samePolicy(before, change.policy)) {
      throw new ValidationError({ form: 'This is the policy already in force: change something first.' });
    }
    await db.models.BadgePolicyVersion.create(
      {
        eligibleTiers: JSON.stringify(change.policy.eligibleTiers),
        acceptedIdMethods: JSON.stringify(change.policy.acceptedMethods.id),
        acceptedWebcamMethods: JSON.stringify(change.policy.acceptedMethods.webcam),
        windowMinHours: change.policy.window.minHours,
        windowMaxHours: change.policy.window.maxHours,
        changedById: change.changedById,
        reason: change.reason ?? null,
        createdAt: at,
      },
      { transaction },
    );
    await recordAction(
      db,
      { actorId: change.changedById, action: 'badge.policy', details: { from: policySummary(before), to: policySummary(change.policy) }, reason: change.reason ?? null, at },
      transaction,
    );
  });
}
