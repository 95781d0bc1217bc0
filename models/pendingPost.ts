/** A new member's post with a link, waiting for a moderator; it gets a number only when approved. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Board } from './board';
import type { Member } from './member';
import type { Post } from './post';
import type { Thread } from './thread';

export type PendingStatus = 'pending' | 'approved' | 'rejected';

export class PendingPost extends Model<InferAttributes<PendingPost>, InferCreationAttributes<PendingPost>> {
  declare id: CreationOptional<number>;
  declare authorId: ForeignKey<Member['id']>;
  declare threadId: ForeignKey<Thread['id']> | null;
  declare boardId: ForeignKey<Board['id']> | null;
  declare title: string | null;
  declare source: string;
  declare replyToNumber: number | null;
  declare status: CreationOptional<PendingStatus>;
  declare reason: CreationOptional<string | null>;
  declare decidedById: ForeignKey<Member['id']> | null;
  declare decidedAt: CreationOptional<Date | null>;
  declare publishedPostId: ForeignKey<Post['id']> | null;
  declare createdAt: CreationOptional<Date>;

  declare author?: NonAttribute<Member>;
  declare thread?: NonAttribute<Thread | null>;
  declare board?: NonAttribute<Board | null>;
  declare publishedPost?: NonAttribute<Post | null>;
}

export function initPendingPost(sequelize: Sequelize): void {
  PendingPost.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING(200), allowNull: true },
      source: { type: DataTypes.TEXT, allowNull: false },
      replyToNumber: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'pending' },
      reason: { type: DataTypes.STRING(300), allowNull: true },
      decidedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'pending_posts', underscored: true, updatedAt: false },
  );
}
