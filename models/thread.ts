/**
 * A thread of numbered posts. lastPostNumber is the high-water mark handed out atomically to
 * replies; postCount, lastPostAt and lastPosterId are kept in the same transaction.
 */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Board } from './board';
import type { Member } from './member';
import type { Post } from './post';

export class Thread extends Model<InferAttributes<Thread>, InferCreationAttributes<Thread>> {
  declare id: CreationOptional<number>;
  declare boardId: ForeignKey<Board['id']>;
  declare title: string;
  declare slug: string;
  declare authorId: ForeignKey<Member['id']>;
  declare postCount: CreationOptional<number>;
  declare lastPostNumber: CreationOptional<number>;
  declare lastPostAt: Date;
  declare lastPosterId: ForeignKey<Member['id']>;
  declare isPinned: CreationOptional<boolean>;
  declare pinnedUntil: Date | null;
  declare isLocked: CreationOptional<boolean>;
  declare officialPostId: ForeignKey<Post['id']> | null;
  declare hiddenAt: Date | null;
  declare hiddenById: ForeignKey<Member['id']> | null;
  declare hiddenReason: string | null;
  /** When the current official answer was marked: an edit after it is shown as such. */
  declare officialMarkedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare board?: NonAttribute<Board>;
  declare author?: NonAttribute<Member>;
  declare lastPoster?: NonAttribute<Member>;
  declare officialPost?: NonAttribute<Post | null>;
}

export function initThread(sequelize: Sequelize): void {
  Thread.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING(200), allowNull: false },
      slug: { type: DataTypes.STRING(100), allowNull: false },
      postCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastPostNumber: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastPostAt: { type: DataTypes.DATE, allowNull: false },
      isPinned: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      pinnedUntil: { type: DataTypes.DATE, allowNull: true },
      isLocked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      officialPostId: { type: DataTypes.INTEGER, allowNull: true },
      hiddenAt: { type: DataTypes.DATE, allowNull: true },
      hiddenById: { type: DataTypes.INTEGER, allowNull: true },
      hiddenReason: { type: DataTypes.STRING(500), allowNull: true },
      officialMarkedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'threads', underscored: true },
  );
}
