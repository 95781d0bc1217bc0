/** One in-app notification for one member. Its text is built when read, from what it points at. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';
import type { Post } from './post';
import type { Thread } from './thread';

export const NOTIFICATION_KINDS = ['reply', 'mention', 'quote', 'thread', 'eta', 'answer', 'citation', 'report', 'approval', 'solution', 'reminder', 'badge'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export class Notification extends Model<InferAttributes<Notification>, InferCreationAttributes<Notification>> {
  declare id: CreationOptional<number>;
  declare memberId: ForeignKey<Member['id']>;
  declare kind: NotificationKind;
  /** Null for news about the member rather than a thread (a badge awarded). */
  declare threadId: ForeignKey<Thread['id']> | null;
  declare postId: ForeignKey<Post['id']> | null;
  declare actorId: ForeignKey<Member['id']> | null;
  declare details: string;
  declare readAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  declare thread?: NonAttribute<Thread>;
  declare post?: NonAttribute<Post | null>;
  declare actor?: NonAttribute<Member | null>;
}

export function initNotification(sequelize: Sequelize): void {
  Notification.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      memberId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(20), allowNull: false },
      postId: { type: DataTypes.INTEGER, allowNull: true },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      details: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
      readAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'notifications', underscored: true, updatedAt: false },
  );
}
