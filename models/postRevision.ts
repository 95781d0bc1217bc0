/**
 * One recorded edit of a post: who, when, why, the text before and after, and its word diff
 * (computed once when the edit was saved). A redaction empties the texts and the diff for good.
 */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';
import type { Post } from './post';

export class PostRevision extends Model<InferAttributes<PostRevision>, InferCreationAttributes<PostRevision>> {
  declare id: CreationOptional<number>;
  declare postId: ForeignKey<Post['id']>;
  declare version: number;
  declare editorId: ForeignKey<Member['id']>;
  declare reason: string | null;
  declare sourceBefore: string;
  declare sourceAfter: string;
  /** JSON word-diff segments; null when the texts differ too much to diff (or were redacted). */
  declare diff: string | null;
  /** Set when staff redacted the earlier text (who and why: the moderation log): the texts are empty from then on. */
  declare redactedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  declare editor?: NonAttribute<Member>;
}

export function initPostRevision(sequelize: Sequelize): void {
  PostRevision.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      version: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.STRING(300), allowNull: true },
      sourceBefore: { type: DataTypes.TEXT, allowNull: false },
      sourceAfter: { type: DataTypes.TEXT, allowNull: false },
      diff: { type: DataTypes.TEXT, allowNull: true },
      redactedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'post_revisions', underscored: true, updatedAt: false },
  );
}
