/** One version of the badge policy; the latest is in force, the earlier ones are its history. */
import { CreationOptional, DataTypes, ForeignKey, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import type { Member } from './member';

export class BadgePolicyVersion extends Model<InferAttributes<BadgePolicyVersion>, InferCreationAttributes<BadgePolicyVersion>> {
  declare id: CreationOptional<number>;
  /** JSON arrays of codes, e.g. ["top_rated"]. */
  declare eligibleTiers: string;
  declare acceptedIdMethods: string;
  declare acceptedWebcamMethods: string;
  declare windowMinHours: number;
  declare windowMaxHours: number;
  declare changedById: ForeignKey<Member['id']>;
  declare reason: string | null;
  declare createdAt: CreationOptional<Date>;

  declare changedBy?: NonAttribute<Member>;
}

export function initBadgePolicyVersion(sequelize: Sequelize): void {
  BadgePolicyVersion.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      eligibleTiers: { type: DataTypes.TEXT, allowNull: false },
      acceptedIdMethods: { type: DataTypes.TEXT, allowNull: false },
      acceptedWebcamMethods: { type: DataTypes.TEXT, allowNull: false },
      windowMinHours: { type: DataTypes.INTEGER, allowNull: false },
      windowMaxHours: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.STRING(300), allowNull: true },
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'badge_policy_versions', underscored: true, updatedAt: false },
  );
}
