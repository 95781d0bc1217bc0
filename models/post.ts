/**
 * A post keeps the markdown its author wrote (source) and the sanitized HTML made from it when it
 * was saved (html): pages print html and never parse markdown on a read.
 */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { EtaNote } from './etaNote';
import type { Member } from './member';
import type { Thread } from './thread';

export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare threadId: ForeignKey<Thread['id']>;
  /** 1-based position in the thread; unique and gap-free within it. */
  declare number: number;
  declare authorId: ForeignKey<Member['id']>;
  declare source: string;
  declare html: string;
  /** Plain text, for the official-answer box and lists. */
  declare excerpt: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare editedAt: Date | null;

  declare author?: NonAttribute<Member>;
  declare thread?: NonAttribute<Thread>;
  declare etaNotes?: NonAttribute<EtaNote[]>;
}

export function initPost(sequelize: Sequelize): void {
  Post.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      number: { type: DataTypes.INTEGER, allowNull: false },
      source: { type: DataTypes.TEXT, allowNull: false },
      html: { type: DataTypes.TEXT, allowNull: false },
      excerpt: { type: DataTypes.STRING(400), allowNull: false, defaultValue: '' },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
      editedAt: { type: DataTypes.DATE, allowNull: true },
    },
    { sequelize, tableName: 'posts', underscored: true },
  );
}
