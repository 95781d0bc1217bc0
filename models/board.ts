/** A board groups threads; its counters and latest activity are kept up to date by the posting service. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Thread } from './thread';

export class Board extends Model<InferAttributes<Board>, InferCreationAttributes<Board>> {
  declare id: CreationOptional<number>;
  declare slug: string;
  declare name: string;
  declare description: string;
  declare position: CreationOptional<number>;
  /** Only staff may start threads here (Announcements). */
  declare staffOnlyThreads: CreationOptional<boolean>;
  declare threadCount: CreationOptional<number>;
  declare postCount: CreationOptional<number>;
  /** Of threadCount and postCount, the threads hidden by staff and their posts: readers never see them. */
  declare hiddenThreadCount: CreationOptional<number>;
  declare hiddenPostCount: CreationOptional<number>;
  declare lastThreadId: ForeignKey<Thread['id']> | null;
  declare lastPostAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare lastThread?: NonAttribute<Thread | null>;
}

export function initBoard(sequelize: Sequelize): void {
  Board.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(60), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      description: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      staffOnlyThreads: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      threadCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      postCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      hiddenThreadCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      hiddenPostCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastThreadId: { type: DataTypes.INTEGER, allowNull: true },
      lastPostAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'boards', underscored: true },
  );
}
