/** One staff action on the moderation log: who, when, what, on what, and why. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';
import type { Post } from './post';
import type { Thread } from './thread';

export const MODERATION_ACTIONS = [
  'role.change',
  'post.hide',
  'post.restore',
  'post.edit',
  'post.redact',
  'thread.lock',
  'thread.unlock',
  'thread.move',
  'thread.pin',
  'thread.unpin',
  'thread.hide',
  'thread.restore',
  'thread.retitle',
  'answer.mark',
  'answer.replace',
  'answer.unmark',
  // The author (not staff) edited the official answer: the mark came off automatically.
  'answer.unmark-edited',
  'eta.add',
  'eta.change',
  'eta.keep',
  'eta.withdraw',
  'badge.correct',
  'badge.award',
  'badge.revoke',
  'badge.policy',
  'member.rename',
  'report.hide',
  'report.dismiss',
  'report.autohide',
  'member.silence',
  'member.suspend',
  'avatar.remove',
  'member.lift',
  'member.note',
  'approval.approve',
  'approval.reject',
  // Accepted solutions in Q&A boards, by staff or by the member who asked.
  'solution.accept',
  'solution.change',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export class ModerationLogEntry extends Model<InferAttributes<ModerationLogEntry>, InferCreationAttributes<ModerationLogEntry>> {
  declare id: CreationOptional<number>;
  declare actorId: ForeignKey<Member['id']>;
  declare action: ModerationAction;
  declare subjectMemberId: ForeignKey<Member['id']> | null;
  declare threadId: ForeignKey<Thread['id']> | null;
  declare postId: ForeignKey<Post['id']> | null;
  /** JSON object describing the change. */
  declare details: string;
  declare reason: string | null;
  declare createdAt: CreationOptional<Date>;

  declare actor?: NonAttribute<Member>;
  declare subjectMember?: NonAttribute<Member | null>;
  declare thread?: NonAttribute<Thread | null>;
  declare post?: NonAttribute<Post | null>;
}

export function initModerationLogEntry(sequelize: Sequelize): void {
  ModerationLogEntry.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      action: { type: DataTypes.STRING(40), allowNull: false },
      subjectMemberId: { type: DataTypes.INTEGER, allowNull: true },
      threadId: { type: DataTypes.INTEGER, allowNull: true },
      postId: { type: DataTypes.INTEGER, allowNull: true },
      details: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      reason: { type: DataTypes.STRING(300), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'moderation_log', underscored: true, updatedAt: false },
  );
}
