/**
 * A badge status cited in a post: a snapshot of what the lookup said when the reply was saved.
 * Never updated: editing the post leaves it alone, citing again makes a new one.
 */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';
import type { Post } from './post';

export class BadgeCitation extends Model<InferAttributes<BadgeCitation>, InferCreationAttributes<BadgeCitation>> {
  declare id: CreationOptional<number>;
  declare postId: ForeignKey<Post['id']>;
  declare memberId: ForeignKey<Member['id']>;
  /** The member's name as it was when cited. */
  declare memberName: string;
  declare status: string;
  declare label: string;
  declare windowStartsAt: Date | null;
  declare windowEndsAt: Date | null;
  declare awardedAt: Date | null;
  /** The policy window in force at the check. */
  declare policyMinHours: number;
  declare policyMaxHours: number;
  declare checkedAt: Date;
  declare citedById: ForeignKey<Member['id']>;
  declare createdAt: CreationOptional<Date>;

  declare member?: NonAttribute<Member>;
  declare citedBy?: NonAttribute<Member>;
}

export function initBadgeCitation(sequelize: Sequelize): void {
  BadgeCitation.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      postId: { type: DataTypes.INTEGER, allowNull: false },
      memberName: { type: DataTypes.STRING(60), allowNull: false },
      status: { type: DataTypes.STRING(30), allowNull: false },
      label: { type: DataTypes.STRING(60), allowNull: false },
      windowStartsAt: { type: DataTypes.DATE, allowNull: true },
      windowEndsAt: { type: DataTypes.DATE, allowNull: true },
      awardedAt: { type: DataTypes.DATE, allowNull: true },
      policyMinHours: { type: DataTypes.INTEGER, allowNull: false },
      policyMaxHours: { type: DataTypes.INTEGER, allowNull: false },
      checkedAt: { type: DataTypes.DATE, allowNull: false },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'badge_citations', underscored: true, updatedAt: false },
  );
}
