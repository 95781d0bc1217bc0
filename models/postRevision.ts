/** One recorded edit of a post: who, when, why, and the text before and after. */
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
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'post_revisions', underscored: true, updatedAt: false },
  );
}
