/** A staff member's promised follow-up on a post ("ETA: ... within 24-48 hours"). */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';
import type { Post } from './post';

/** open: the current promise; replaced: a newer note on the post took over; kept / withdrawn: closed. */
export type EtaStatus = 'open' | 'replaced' | 'kept' | 'withdrawn';

export class EtaNote extends Model<InferAttributes<EtaNote>, InferCreationAttributes<EtaNote>> {
  declare id: CreationOptional<number>;
  declare postId: ForeignKey<Post['id']>;
  declare authorId: ForeignKey<Member['id']>;
  declare source: string;
  declare html: string;
  /** The window as promised, e.g. "24-48 hours"; null when none was given. */
  declare promisedWindow: string | null;
  /** When the promise falls due (the window's upper bound), if any. */
  declare dueAt: Date | null;
  declare status: CreationOptional<EtaStatus>;
  declare closedAt: Date | null;
  declare closedById: ForeignKey<Member['id']> | null;
  declare closeReason: string | null;
  /** The post that kept the promise. */
  declare followUpPostId: ForeignKey<Post['id']> | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare author?: NonAttribute<Member>;
  declare closedBy?: NonAttribute<Member | null>;
  declare followUpPost?: NonAttribute<Post | null>;
  declare post?: NonAttribute<Post>;
}

export function initEtaNote(sequelize: Sequelize): void {
  EtaNote.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      source: { type: DataTypes.TEXT, allowNull: false },
      html: { type: DataTypes.TEXT, allowNull: false },
      promisedWindow: { type: DataTypes.STRING(60), allowNull: true },
      dueAt: { type: DataTypes.DATE, allowNull: true },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
      closedAt: { type: DataTypes.DATE, allowNull: true },
      closedById: { type: DataTypes.INTEGER, allowNull: true },
      closeReason: { type: DataTypes.STRING(300), allowNull: true },
      followUpPostId: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'eta_notes', underscored: true },
  );
}
